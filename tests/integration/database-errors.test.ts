/**
 * A database refusal is never a 500: the error handler (src/server/errors.ts) turns each PostgreSQL error
 * class that can reach it into a 4xx (or a 503 to retry) with a stable id. The errors here are real ones,
 * raised by the integration database, not objects shaped like them.
 */
import Fastify, { type FastifyInstance } from "fastify";
import { sql } from "kysely";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { lastOwner } from "../../src/commands/communities/owners.js";
import { CONSTRAINTS, registerErrorHandler } from "../../src/server/errors.js";
import { connect, type Store } from "../../src/store/connection.js";

let store: Store;
let app: FastifyInstance;

/** Each route runs one statement that the database refuses. */
const FAILING: Record<string, (s: Store) => Promise<unknown>> = {
  unique: (s) => sql`do $$ begin raise exception 'dup' using errcode = 'unique_violation'; end $$`.execute(s.db),
  foreignKey: (s) =>
    s.db.insertInto("memberships").values({ community_id: randomUUID(), person_id: randomUUID(), role: "member", code_version_accepted: 1, code_accepted_at: new Date() }).execute(),
  check: (s) => sql`do $$ begin raise exception 'bad' using errcode = 'check_violation'; end $$`.execute(s.db),
  badUuid: (s) => sql`select ${"not-a-uuid"}::uuid`.execute(s.db),
  nul: (s) => sql`select ${"a\u0000b"}::text`.execute(s.db),
  divide: (s) => sql`select 1 / (select 0)`.execute(s.db),
  serialization: (s) => sql`do $$ begin raise exception 'retry' using errcode = 'serialization_failure'; end $$`.execute(s.db),
  deadlock: (s) => sql`do $$ begin raise exception 'retry' using errcode = 'deadlock_detected'; end $$`.execute(s.db),
  lastOwner: (s) =>
    sql`do $$ begin raise exception 'no owner' using errcode = 'check_violation', constraint = 'memberships_last_owner'; end $$`.execute(s.db),
  agencyName: (s) => sql`do $$ begin raise exception 'dup' using errcode = 'unique_violation', constraint = 'agencies_name_uq'; end $$`.execute(s.db),
  droppedNameIndex: (s) =>
    sql`do $$ begin raise exception 'dup' using errcode = 'unique_violation', constraint = 'communities_live_name_uq'; end $$`.execute(s.db),
  notDatabase: async () => {
    throw Object.assign(new Error("broken pipe"), { code: "EPIPE" });
  },
};

beforeAll(async () => {
  store = connect({ url: inject("databaseUrl"), ssl: "disable", poolMax: 2 });
  app = Fastify({ logger: false });
  registerErrorHandler(app);
  for (const [name, run] of Object.entries(FAILING)) app.get(`/${name}`, async () => run(store));
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await store.close();
});

const get = async (name: string) => {
  const res = await app.inject({ method: "GET", url: `/${name}` });
  return { status: res.statusCode, id: (res.json() as { error: { id: string; issues?: { path: string }[] } }).error.id, body: res.json(), retryAfter: res.headers["retry-after"] };
};

describe("database refusals reaching the error handler", () => {
  it.each([
    ["a unique violation", "unique", 409, "conflict"],
    ["a foreign key violation", "foreignKey", 400, "request.invalid_reference"],
    ["a check violation", "check", 400, "request.invalid"],
    ["a malformed uuid (22P02)", "badUuid", 400, "request.invalid"],
    ["a NUL character (22021)", "nul", 400, "request.invalid"],
    ["a division by zero (22012)", "divide", 400, "request.invalid"],
    ["the last-owner trigger", "lastOwner", 403, "community.last_owner"],
  ])("%s is a clear 4xx with a stable id", async (_label, name, status, id) => {
    const r = await get(name);
    expect(r.status).toBe(status);
    expect(r.id).toBe(id);
  });

  it("a duplicate agency name names the field", async () => {
    const r = await get("agencyName");
    expect(r.status).toBe(409);
    expect(r.id).toBe("agency.name_taken");
    expect(r.body.error.issues[0].path).toBe("name");
  });

  it.each(["serialization", "deadlock"])("a %s failure asks the client to retry (503 + Retry-After)", async (name) => {
    const r = await get(name);
    expect(r.status).toBe(503);
    expect(r.id).toBe("request.retry");
    expect(Number(r.retryAfter)).toBeGreaterThan(0);
  });

  it("the last-owner trigger and the command's own check say the same sentence", async () => {
    const r = await get("lastOwner");
    expect(r.body.error.message).toBe(lastOwner().message);
  });

  it("every constraint with a sentence of its own exists in the migrated database (as an index, a constraint, or a trigger's)", async () => {
    const missing: string[] = [];
    for (const name of Object.keys(CONSTRAINTS)) {
      const { rows } = await sql<{ found: boolean }>`
        select exists (select 1 from pg_class where relname = ${name})
            or exists (select 1 from pg_constraint where conname = ${name})
            or exists (select 1 from pg_proc where prosrc like ${`%'${name}'%`}) as found`.execute(store.db);
      if (!rows[0]?.found) missing.push(name);
    }
    expect(missing).toEqual([]);
  });

  it("the name index migration 0005 dropped has no sentence (its wording told a proposer a hidden name existed)", async () => {
    const r = await get("droppedNameIndex");
    expect(r.status).toBe(409);
    expect(r.id).toBe("conflict");
    expect(JSON.stringify(r.body)).not.toMatch(/awaiting approval/);
  });

  it("anything that is not a database refusal is still a generic 500 (an EPIPE is not an SQLSTATE)", async () => {
    const r = await get("notDatabase");
    expect(r.status).toBe(500);
    expect(r.id).toBe("internal");
  });
});
