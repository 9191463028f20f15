/**
 * Migration 0004 on a database the old races already damaged: duplicate agencies, a domain held twice, a
 * community left with no owner. The migration repairs them (audit-logged) and then enforces the rules.
 * Runs migrations 0001–0004 in a scratch schema inside one transaction that is rolled back.
 */
import { sql, type Transaction } from "kysely";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { inject } from "vitest";
import * as m0001 from "../../src/store/migrations/0001_foundation.js";
import * as m0002 from "../../src/store/migrations/0002_communities.js";
import * as m0003 from "../../src/store/migrations/0003_notice_delivery.js";
import * as m0004 from "../../src/store/migrations/0004_invariants.js";
import { connect, type Store } from "../../src/store/connection.js";

let store: Store;
beforeAll(() => {
  store = connect({ url: inject("databaseUrl"), ssl: "disable", poolMax: 1 });
});
afterAll(async () => {
  await store.close();
});

class Rollback extends Error {}

async function inScratchSchema(body: (tx: Transaction<unknown>) => Promise<void>): Promise<void> {
  const schema = `m0004_${randomUUID().slice(0, 8)}`;
  await expect(
    store.db.transaction().execute(async (tx) => {
      await sql`create schema ${sql.id(schema)}`.execute(tx);
      await sql`set local search_path to ${sql.id(schema)}, public`.execute(tx);
      const db = tx as unknown as Transaction<unknown>;
      for (const m of [m0001, m0002, m0003]) await m.up(db);
      await body(db);
      throw new Rollback();
    }),
  ).rejects.toBeInstanceOf(Rollback);
}

const T1 = randomUUID();
const T2 = randomUUID();

it("merges exact duplicate agencies, numbers same-name ones, keeps a shared domain with the oldest, gives an ownerless community an owner, then enforces it all", async () => {
  await inScratchSchema(async (db) => {
    const q = <R>(s: ReturnType<typeof sql<R>>) => s.execute(db).then((r) => r.rows);
    const [a1, a2, a3, a4] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await q(sql`insert into agencies (id, name, short_name, tenant_id, email_domains, created_at) values
      (${a1}, 'Dept X', 'X', ${T1}, '{x.gov.au,xx.gov.au}', now() - interval '4 days'),
      (${a2}, 'dept x', 'X', ${T1}, '{xx.gov.au,x.gov.au}', now() - interval '3 days'),
      (${a3}, 'Dept X', 'X', ${T2}, '{y.gov.au}', now() - interval '2 days'),
      (${a4}, 'Other', 'O', ${T1}, '{x.gov.au,z.gov.au}', now() - interval '1 day')`);
    const [p1, p2, p3] = await q<{ id: string }>(sql`insert into people (tenant_id, object_id, display_name, agency_id) values
      (${T1}, ${randomUUID()}, 'One', ${a2}), (${T1}, ${randomUUID()}, 'Two', null), (${T1}, ${randomUUID()}, 'Three', null) returning id`);
    const community = (status: string) =>
      q<{ id: string }>(sql`insert into communities (name, display_name, purpose, terms_of_reference, code_of_practice, visibility, scope, classification, teams_presence, status, proposed_by)
        values (${randomUUID()}, ${randomUUID()}, 'p', 't', 'c', 'closed', 'agency_only', 'OFFICIAL', 'private_channel', ${status}, ${p1!.id}) returning id`).then((r) => r[0]!.id);
    const ownerless = await community("approved");
    const proposed = await community("proposed");
    await q(sql`insert into community_agencies (community_id, agency_id) values (${ownerless}, ${a2})`);
    await q(sql`insert into memberships (community_id, person_id, role, code_version_accepted, code_accepted_at, joined_at) values
      (${ownerless}, ${p1!.id}, 'member', 1, now(), now() - interval '9 days'),
      (${ownerless}, ${p2!.id}, 'moderator', 1, now(), now() - interval '2 days'),
      (${ownerless}, ${p3!.id}, 'moderator', 1, now(), now() - interval '1 day')`);

    await m0004.up(db);

    const agencies = await q<{ id: string; name: string; email_domains: string[] }>(sql`select id, name, email_domains from agencies order by created_at`);
    expect(agencies).toEqual([
      { id: a1, name: "Dept X", email_domains: ["x.gov.au", "xx.gov.au"] },
      { id: a3, name: "Dept X (2)", email_domains: ["y.gov.au"] },
      { id: a4, name: "Other", email_domains: ["z.gov.au"] },
    ]);
    expect(await q(sql`select agency_id from people where id = ${p1!.id}`)).toEqual([{ agency_id: a1 }]);
    expect(await q(sql`select agency_id from community_agencies where community_id = ${ownerless}`)).toEqual([{ agency_id: a1 }]);
    expect(await q(sql`select domain, agency_id from agency_domains order by domain`)).toEqual([
      { domain: "x.gov.au", agency_id: a1 },
      { domain: "xx.gov.au", agency_id: a1 },
      { domain: "y.gov.au", agency_id: a3 },
      { domain: "z.gov.au", agency_id: a4 },
    ]);
    // The longest-standing moderator becomes owner; a proposal (no owner yet) is left alone.
    expect(await q(sql`select person_id from memberships where community_id = ${ownerless} and role = 'owner'`)).toEqual([{ person_id: p2!.id }]);
    expect(await q(sql`select count(*)::int as n from memberships where community_id = ${proposed}`)).toEqual([{ n: 0 }]);
    const events = await q<{ event: string }>(sql`select event from audit_log order by id`);
    expect(events.map((e) => e.event)).toEqual(["agency.duplicate_merged", "agency.duplicate_renamed", "agency.duplicate_domain_removed", "community.owner_restored"]);

    // From now on the database refuses what the races did.
    await q(sql`savepoint s`);
    await expect(q(sql`insert into agencies (id, name, short_name, tenant_id) values (${randomUUID()}, 'DEPT X', 'X', ${T1})`)).rejects.toMatchObject({ code: "23505", constraint: "agencies_name_uq" });
    await q(sql`rollback to savepoint s`);
    await expect(q(sql`update agencies set email_domains = '{z.gov.au}' where id = ${a1}`)).rejects.toMatchObject({ code: "23505", constraint: "agency_domains_pkey" });
  });
});
