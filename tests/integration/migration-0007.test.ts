/**
 * Migration 0007 on a database that already holds agencies whose names only look alike: the older keeps the
 * name key, the newer keeps its name and people but gets no key (audit-logged), and from then on the database
 * refuses a second agency with the same key. Runs migrations 0001–0007 in a scratch schema inside one
 * transaction that is rolled back.
 */
import { sql, type Transaction } from "kysely";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { nameKey } from "../../src/domain/text.js";
import * as m0001 from "../../src/store/migrations/0001_foundation.js";
import * as m0002 from "../../src/store/migrations/0002_communities.js";
import * as m0003 from "../../src/store/migrations/0003_notice_delivery.js";
import * as m0004 from "../../src/store/migrations/0004_invariants.js";
import * as m0005 from "../../src/store/migrations/0005_community_name_keys.js";
import * as m0006 from "../../src/store/migrations/0006_teams_archive_and_members.js";
import * as m0007 from "../../src/store/migrations/0007_agency_name_keys.js";
import { connect, type Store } from "../../src/store/connection.js";

let store: Store;
beforeAll(() => {
  store = connect({ url: inject("databaseUrl"), ssl: "disable", poolMax: 1 });
});
afterAll(async () => {
  await store.close();
});

class Rollback extends Error {}

it("keys existing agencies, leaves a newer look-alike without a key (audit-logged, nothing renamed), then refuses look-alikes", async () => {
  const schema = `m0007_${randomUUID().slice(0, 8)}`;
  const T = randomUUID();
  const [older, newer, other] = [randomUUID(), randomUUID(), randomUUID()];
  await expect(
    store.db.transaction().execute(async (tx) => {
      await sql`create schema ${sql.id(schema)}`.execute(tx);
      await sql`set local search_path to ${sql.id(schema)}, public`.execute(tx);
      const db = tx as unknown as Transaction<unknown>;
      for (const m of [m0001, m0002, m0003, m0004, m0005, m0006]) await m.up(db);
      const q = <R>(s: ReturnType<typeof sql<R>>) => s.execute(db).then((r) => r.rows);
      // Two names lower(name) told apart (0004's index allowed both): Latin and Cyrillic "е".
      await q(sql`insert into agencies (id, name, short_name, tenant_id, email_domains, created_at) values
        (${older}, 'Department of Finance', 'DOF', ${T}, '{finance.example}', now() - interval '2 days'),
        (${newer}, 'D\u0435partment of Financ\u0435', 'DOF2', ${T}, '{finance2.example}', now() - interval '1 day'),
        (${other}, 'Treasury', 'TSY', ${T}, '{treasury.example}', now())`);

      await m0007.up(db);

      const rows = await q(sql<{ id: string; name: string; name_key: string | null }>`select id, name, name_key from agencies order by created_at`);
      expect(rows).toEqual([
        { id: older, name: "Department of Finance", name_key: nameKey("Department of Finance") },
        { id: newer, name: "D\u0435partment of Financ\u0435", name_key: null },
        { id: other, name: "Treasury", name_key: nameKey("Treasury") },
      ]);
      const audit = await q(sql<{ detail: { agencyId: string; looksLike: string } }>`select detail from audit_log where event = 'agency.name_lookalike'`);
      expect(audit.map((a) => [a.detail.agencyId, a.detail.looksLike])).toEqual([[newer, older]]);
      await expect(
        q(sql`insert into agencies (id, name, name_key, short_name, tenant_id) values (${randomUUID()}, 'Ｔreasury', ${nameKey("Ｔreasury")}, 'X', ${T})`),
      ).rejects.toMatchObject({ code: "23505", constraint: "agencies_name_key_uq" });
      throw new Rollback();
    }),
  ).rejects.toBeInstanceOf(Rollback);
});
