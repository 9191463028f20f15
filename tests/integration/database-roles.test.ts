/**
 * PostgreSQL deployments use two roles: the owner migrates, the app connects as a role that owns nothing and
 * may only read and append to the audit log. Proven on a real server (PGlite has a single user, so local
 * embedded mode stays single-role and this file is skipped there).
 */
import { sql } from "kysely";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startJobs } from "../../src/jobs/queue.js";
import { appendAudit } from "../../src/store/audit.js";
import { connect, type Store } from "../../src/store/connection.js";
import { pendingMigrations } from "../../src/store/migrate.js";
import { appRoleProblems, JOB_QUEUES, migrateAsOwner, ownerWork, prepareDatabase, scramVerifier } from "../../src/store/roles.js";
import { seedDemoData } from "../../src/store/seed.js";

const onPostgres = inject("databaseKind") === "postgresql";
/** Roles are per server, not per database: name them after the test database so parallel runs keep apart. */
const base = onPostgres ? decodeURIComponent(new URL(inject("databaseUrl")).pathname.slice(1)) || "guildhall_test" : "unused";
const DB = `${base}_roles`;
const OWNER = `${base}_owner`;
const APP = `${base}_app`;
const APP2 = `${base}_app_pw`;
const logger = pino({ level: "silent" });

function urlFor(user: string | undefined, database: string): string {
  const u = new URL(inject("databaseUrl"));
  if (user) u.username = user;
  u.password = "";
  u.pathname = `/${database}`;
  return u.toString();
}

let admin: Store;
let app: Store;
let owner: Store;

describe.skipIf(!onPostgres)("database roles (PostgreSQL only: PGlite has one user)", () => {
  beforeAll(async () => {
    admin = connect({ url: inject("databaseUrl"), ssl: "disable", poolMax: 1 });
    await sql`drop database if exists ${sql.id(DB)} with (force)`.execute(admin.db);
    for (const role of [APP, APP2, OWNER]) {
      const exists = await sql<{ n: number }>`select count(*)::int as n from pg_roles where rolname = ${role}`.execute(admin.db);
      if (exists.rows[0]!.n > 0) await sql`drop role ${sql.id(role)}`.execute(admin.db);
    }
    // The owner may create roles, as Azure's administrators may: it creates a password app role below.
    await sql`create role ${sql.id(OWNER)} login nosuperuser nocreatedb createrole`.execute(admin.db);
    await sql`create role ${sql.id(APP)} login nosuperuser nocreatedb nocreaterole`.execute(admin.db);
    await sql`create database ${sql.id(DB)} owner ${sql.id(OWNER)}`.execute(admin.db);
    // PostgreSQL 14 and older: `public` belongs to the bootstrap superuser; give it to the owner as 15+ does.
    const super_ = connect({ url: urlFor(undefined, DB), ssl: "disable", poolMax: 1 });
    await sql`alter schema public owner to ${sql.id(OWNER)}`.execute(super_.db);
    await super_.close();

    const applied = await migrateAsOwner({ owner: { url: urlFor(OWNER, DB) }, appRole: APP, ssl: "disable", logger });
    expect(applied).toContain("0001_foundation");
    app = connect({ url: urlFor(APP, DB), ssl: "disable", poolMax: 2 });
    owner = connect({ url: urlFor(OWNER, DB), ssl: "disable", poolMax: 1 });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await owner?.close();
    if (!admin) return;
    await sql`drop database if exists ${sql.id(DB)} with (force)`.execute(admin.db);
    for (const role of [APP, APP2, OWNER]) await sql`drop role if exists ${sql.id(role)}`.execute(admin.db);
    await admin.close();
  });

  it("the app role can read and append to the audit log, and nothing else there", async () => {
    await appendAudit(app.db, { event: "test.roles", outcome: "info", requestId: "roles-1" });
    const row = await app.db.selectFrom("audit_log").selectAll().where("request_id", "=", "roles-1").executeTakeFirstOrThrow();
    await expect(app.db.updateTable("audit_log").set({ event: "tampered" }).where("id", "=", row.id).execute()).rejects.toThrow(/permission denied/);
    await expect(app.db.deleteFrom("audit_log").where("id", "=", row.id).execute()).rejects.toThrow(/permission denied/);
    await expect(sql`truncate audit_log`.execute(app.db)).rejects.toThrow(/permission denied/);
    await expect(sql`alter table audit_log disable trigger audit_log_no_update`.execute(app.db)).rejects.toThrow(/must be owner/);
    await expect(sql`alter table audit_log disable trigger all`.execute(app.db)).rejects.toThrow(/must be owner/);
    await expect(sql`drop table audit_log`.execute(app.db)).rejects.toThrow(/must be owner/);
    await expect(sql`create table sneaky (id int)`.execute(app.db)).rejects.toThrow(/permission denied/);
    await expect(sql`insert into kysely_migration (name, timestamp) values ('9999_fake', 'now')`.execute(app.db)).rejects.toThrow(/permission denied/);
    const still = await owner.db.selectFrom("audit_log").select("event").where("id", "=", row.id).executeTakeFirstOrThrow();
    expect(still.event).toBe("test.roles");
  });

  it("the app role does its normal work: data, sequences, and pg-boss jobs", async () => {
    await seedDemoData(app.db);
    const agencies = await app.db.selectFrom("agencies").select("id").execute();
    expect(agencies.length).toBeGreaterThan(0);
    const jobs = await startJobs({ url: urlFor(APP, DB), ssl: "disable", logger, work: false });
    try {
      const id = await jobs.boss.send("community.provision", { communityId: "roles-test" });
      expect(id).toBeTruthy();
      const [job] = await jobs.boss.fetch("community.provision");
      expect(job?.id).toBe(id);
      await jobs.boss.complete("community.provision", job!.id);
      expect((await jobs.health()).ok).toBe(true);
    } finally {
      await jobs.stop();
    }
  });

  it("the app starts in production on its own role, and refuses to start as the owner", async () => {
    expect(await appRoleProblems(app.db)).toEqual([]);
    expect(await pendingMigrations(app.db)).toEqual([]);
    await expect(prepareDatabase({ app: app.db, appUrl: urlFor(APP, DB), ssl: "disable", production: true, owner: undefined, logger })).resolves.toEqual([]);
    const problems = await appRoleProblems(owner.db);
    expect(problems.join("\n")).toMatch(/owns \(or is a member of the owner of\) \d+ tables/);
    expect(problems.join("\n")).toMatch(/may UPDATE, DELETE or TRUNCATE audit_log/);
    await expect(prepareDatabase({ app: owner.db, appUrl: urlFor(OWNER, DB), ssl: "disable", production: true, owner: undefined, logger })).rejects.toThrow(/refusing to start in production/);
  });

  it("migrating again as the owner is a no-op that keeps the grants; the same role for both is refused", async () => {
    expect(await migrateAsOwner({ owner: { url: urlFor(OWNER, DB) }, appRole: APP, ssl: "disable", logger })).toEqual([]);
    expect(await appRoleProblems(app.db)).toEqual([]);
    await expect(migrateAsOwner({ owner: { url: urlFor(OWNER, DB) }, appRole: OWNER, ssl: "disable", logger })).rejects.toThrow(/same role/);
  });

  it("with password sign-in, the owner creates the app role from DATABASE_URL's user and password", async () => {
    await migrateAsOwner({ owner: { url: urlFor(OWNER, DB) }, appRole: APP2, appPassword: "it's-a-secret", ssl: "disable", logger });
    const role = await sql<{ login: boolean; superuser: boolean }>`select rolcanlogin as login, rolsuper as superuser from pg_roles where rolname = ${APP2}`.execute(admin.db);
    expect(role.rows[0]).toEqual({ login: true, superuser: false });
    const app2 = connect({ url: urlFor(APP2, DB), ssl: "disable", poolMax: 1 });
    try {
      expect(await appRoleProblems(app2.db)).toEqual([]);
      await expect(sql`delete from audit_log`.execute(app2.db)).rejects.toThrow(/permission denied/);
    } finally {
      await app2.close();
    }
  });

  it("sends the app role's password as a SCRAM verifier (PostgreSQL's own), and only when creating the role or when the app cannot sign in", async () => {
    const stored = async () => (await sql<{ p: string }>`select rolpassword as p from pg_authid where rolname = ${APP2}`.execute(admin.db)).rows[0]!.p;
    const parts = (verifier: string) => {
      const m = /^SCRAM-SHA-256\$(\d+):([^$]+)\$/.exec(verifier);
      expect(m).not.toBeNull();
      return { iterations: Number(m![1]), salt: Buffer.from(m![2]!, "base64") };
    };
    // The role the test above created holds the verifier of DATABASE_URL's password.
    const created = await stored();
    expect(scramVerifier("it's-a-secret", parts(created).salt, parts(created).iterations)).toBe(created);
    // The same computation as the server's own, for a password it hashed itself (non-ASCII included).
    const secret = "pässwörd ＡＢＣ";
    await sql`alter role ${sql.id(APP2)} password ${sql.lit(secret)}`.execute(admin.db);
    const byServer = await stored();
    expect(scramVerifier(secret, parts(byServer).salt, parts(byServer).iterations)).toBe(byServer);
    // An existing role keeps its password on another run, unless the app could not sign in with it.
    await migrateAsOwner({ owner: { url: urlFor(OWNER, DB) }, appRole: APP2, appPassword: "rotated", ssl: "disable", logger });
    expect(await stored()).toBe(byServer);
    await migrateAsOwner({ owner: { url: urlFor(OWNER, DB) }, appRole: APP2, appPassword: "rotated", setPassword: true, ssl: "disable", logger });
    const rotated = await stored();
    expect(rotated).not.toBe(byServer);
    expect(scramVerifier("rotated", parts(rotated).salt, parts(rotated).iterations)).toBe(rotated);
  });

  it("the owner makes every queue the app starts with (the list the start-up check reads)", async () => {
    const queues = await sql<{ name: string }>`select name from pgboss.queue order by name`.execute(owner.db);
    expect(queues.rows.map((q) => q.name)).toEqual([...JOB_QUEUES].sort());
  });

  it("a second start with nothing to do sends nothing as the owner: no ALTER ROLE, no GRANT, no pg-boss (the owner may not even sign in)", async () => {
    const appUrl = urlFor(APP, DB);
    expect(await ownerWork(app.db)).toEqual({ appSignsIn: true, reasons: [] });
    // The owner can no longer sign in: any owner connection (migrations, grants, ALTER ROLE, pg-boss) fails.
    await sql`alter role ${sql.id(OWNER)} nologin`.execute(admin.db);
    try {
      await expect(prepareDatabase({ app: app.db, appUrl, ssl: "disable", production: true, owner: { url: urlFor(OWNER, DB) }, logger })).resolves.toEqual([]);
      // …which is what would happen, were there anything to do.
      await sql`revoke select on communities from ${sql.id(APP)}`.execute(owner.db);
      expect((await ownerWork(app.db)).reasons.join()).toMatch(/lacks privileges on public\.communities/);
      await expect(prepareDatabase({ app: app.db, appUrl, ssl: "disable", production: true, owner: { url: urlFor(OWNER, DB) }, logger })).rejects.toThrow(/not permitted to log in/);
    } finally {
      await sql`alter role ${sql.id(OWNER)} login`.execute(admin.db);
    }
    await expect(prepareDatabase({ app: app.db, appUrl, ssl: "disable", production: true, owner: { url: urlFor(OWNER, DB) }, logger })).resolves.toEqual([]);
    expect(await ownerWork(app.db)).toEqual({ appSignsIn: true, reasons: [] });
  });

  it("the start-up check sees a missing queue, a missing default privilege, a widened audit grant and a missing app role, and the owner puts each right", async () => {
    const appUrl = urlFor(APP, DB);
    const prepare = () => prepareDatabase({ app: app.db, appUrl, ssl: "disable", production: true, owner: { url: urlFor(OWNER, DB) }, logger });
    await sql`select pgboss.delete_queue(${JOB_QUEUES[0]!})`.execute(owner.db);
    expect((await ownerWork(app.db)).reasons.join()).toMatch(/queues missing/);
    await prepare();
    expect(await ownerWork(app.db)).toEqual({ appSignsIn: true, reasons: [] });

    await sql`alter default privileges in schema pgboss revoke delete on tables from ${sql.id(APP)}`.execute(owner.db);
    expect((await ownerWork(app.db)).reasons.join()).toMatch(/default privileges missing in pgboss \(r\)/);
    await prepare();
    expect(await ownerWork(app.db)).toEqual({ appSignsIn: true, reasons: [] });

    await sql`grant update on audit_log to ${sql.id(APP)}`.execute(owner.db);
    expect((await ownerWork(app.db)).reasons.join()).toMatch(/public\.audit_log/);
    await prepare();
    expect(await appRoleProblems(app.db)).toEqual([]);
    expect(await ownerWork(app.db)).toEqual({ appSignsIn: true, reasons: [] });

    // A password role that does not exist yet: the app's sign-in is refused, and the owner creates it.
    const fresh = connect({ url: urlFor(APP2, DB).replace(`${APP2}@`, `${APP2}:first-secret@`), ssl: "disable", poolMax: 1 });
    const super_ = connect({ url: urlFor(undefined, DB), ssl: "disable", poolMax: 1 });
    try {
      await sql`drop owned by ${sql.id(APP2)}`.execute(super_.db);
      await sql`drop role ${sql.id(APP2)}`.execute(super_.db);
      expect(await ownerWork(fresh.db)).toMatchObject({ appSignsIn: false });
      await prepareDatabase({ app: fresh.db, appUrl: urlFor(APP2, DB).replace(`${APP2}@`, `${APP2}:first-secret@`), ssl: "disable", production: true, owner: { url: urlFor(OWNER, DB) }, logger });
      expect(await ownerWork(fresh.db)).toEqual({ appSignsIn: true, reasons: [] });
    } finally {
      await fresh.close();
      await super_.close();
    }
  });
});

describe.skipIf(onPostgres)("database roles on PGlite", () => {
  it.skip("need a real PostgreSQL server (PGlite has a single user); run with GUILDHALL_TEST_DATABASE_URL", () => {});
});
