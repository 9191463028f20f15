/**
 * Migration 0005 on a database that already holds look-alike community names: each row gets its comparison
 * key, the older of two approved look-alikes keeps it, and afterwards only approved communities must differ
 * (proposals may share a name). Runs migrations 0001–0005 in a scratch schema inside a rolled-back transaction.
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
import { connect, type Store } from "../../src/store/connection.js";

let store: Store;
beforeAll(() => {
  store = connect({ url: inject("databaseUrl"), ssl: "disable", poolMax: 1 });
});
afterAll(async () => {
  await store.close();
});

class Rollback extends Error {}

it("keys existing names, keeps the older of two approved look-alikes, and then refuses only a second approved one", async () => {
  const schema = `m0005_${randomUUID().slice(0, 8)}`;
  await expect(
    store.db.transaction().execute(async (tx) => {
      await sql`create schema ${sql.id(schema)}`.execute(tx);
      await sql`set local search_path to ${sql.id(schema)}, public`.execute(tx);
      const db = tx as unknown as Transaction<unknown>;
      for (const m of [m0001, m0002, m0003, m0004]) await m.up(db);
      const q = <R>(s: ReturnType<typeof sql<R>>) => s.execute(db).then((r) => r.rows);
      const [person] = await q<{ id: string }>(sql`insert into people (tenant_id, object_id, display_name) values (${randomUUID()}, ${randomUUID()}, 'P') returning id`);
      const community = (name: string, status: string, age: number) =>
        q<{ id: string }>(sql`insert into communities (name, display_name, purpose, terms_of_reference, code_of_practice, visibility, scope, classification, teams_presence, status, proposed_by, created_at)
          values (${name}, ${name}, 'p', 't', 'c', 'closed', 'cross_agency', 'OFFICIAL', 'private_channel', ${status}, ${person!.id}, now() - make_interval(days => ${age}))
          returning id`).then((r) => r[0]!.id);
      const older = await community("Data Team", "approved", 5);
      const newer = await community("D\u0430ta Team", "approved", 4); // Cyrillic а: the old index let it in
      const archived = await community("DATA TEAM", "archived", 3);
      const proposed = await community("Data\u200B Team", "proposed", 2);

      await m0005.up(db);

      const key = nameKey("Data Team");
      const keys = await q<{ id: string; name_key: string | null }>(sql`select id, name_key from communities order by created_at`);
      expect(keys).toEqual([
        { id: older, name_key: key },
        { id: newer, name_key: null },
        { id: archived, name_key: key },
        { id: proposed, name_key: key },
      ]);
      // A proposal may now share a name (the old index refused it, telling the proposer the other existed).
      await community("data team", "proposed", 1);
      await expect(q(sql`update communities set name_key = ${key} where id = ${newer}`)).rejects.toMatchObject({ code: "23505", constraint: "communities_approved_name_key_uq" });
      throw new Rollback();
    }),
  ).rejects.toBeInstanceOf(Rollback);
});
