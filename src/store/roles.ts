/**
 * Two database roles in PostgreSQL deployments: an owner that runs migrations (and owns every table, the
 * pg-boss schema and the audit log's append-only triggers), and the app role the server connects as, which
 * may read and write data but owns nothing. The app role gets INSERT and SELECT only on audit_log, so it can
 * neither change nor delete audit rows, nor TRUNCATE the table, nor ALTER TABLE … DISABLE TRIGGER (only an
 * owner may). Local embedded mode stays single-role: PGlite has one user and no other client.
 *
 * - `migrateAsOwner`: migrate as the owner (DATABASE_MIGRATION_URL), create pg-boss's schema and queues as the
 *   owner, then grant the app role what it needs, now and for tables later migrations add.
 * - `ownerWork`: what, if anything, the owner has to do, read through the app's own connection. At start-up the
 *   owner is only used when something is missing, so an instance that restarts with nothing to do sends no
 *   ALTER ROLE, no GRANT and starts no pg-boss as the owner.
 * - `appRoleProblems`: what is wrong with the role the app connects as (superuser, owns or can change tables
 *   it must not); the server refuses to start in production when there is anything.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { sql, type Kysely } from "kysely";
import { QUEUES, startJobs, WORK_QUEUES, type JobsLogger } from "../jobs/queue.js";
import { connect, type ConnectOptions } from "./connection.js";
import { migrateToLatest, pendingMigrations } from "./migrate.js";

export interface OwnerTarget {
  /** The owner's connection URL (DATABASE_MIGRATION_URL). */
  url: string;
  /** A password per connection (the owner's Entra token under managed identity); else the URL's. */
  password?: () => Promise<string>;
}

/** Schemas the app works in. */
const SCHEMAS = ["public", "pgboss"] as const;
/** Tables the app may only read and append to. */
const APPEND_ONLY = ["audit_log"];
/** Kysely's bookkeeping: the app reads it to check the schema is current, and never writes it. */
const READ_ONLY = ["kysely_migration", "kysely_migration_lock"];
/**
 * The queues `startJobs` creates (src/jobs/queue.ts), each work queue with its dead-letter queue, and pg-boss's
 * own queue for schedules (its timekeeper creates it at start). The app role may not create tables, so they must
 * exist before it starts; database-roles.test.ts checks this list against what the owner's start made.
 */
export const JOB_QUEUES: readonly string[] = ["__pgboss__send-it", QUEUES.heartbeat, ...WORK_QUEUES.flatMap((q) => [q, `${q}.dead`])];
/** The schema version the installed pg-boss creates and expects. */
const PGBOSS_SCHEMA_VERSION = (createRequire(import.meta.url)("pg-boss/version.json") as { schema: number }).schema;

/** Grant the app role its privileges on everything that exists now, and by default on what the owner creates later. */
export async function grantAppRole<T>(owner: Kysely<T>, appRole: string): Promise<void> {
  const role = sql.id(appRole);
  await sql`grant connect on database ${sql.id(await currentDatabase(owner))} to ${role}`.execute(owner);
  for (const schema of SCHEMAS) {
    const s = sql.id(schema);
    await sql`grant usage on schema ${s} to ${role}`.execute(owner);
    await sql`grant select, insert, update, delete on all tables in schema ${s} to ${role}`.execute(owner);
    await sql`grant usage, select on all sequences in schema ${s} to ${role}`.execute(owner);
    await sql`grant execute on all functions in schema ${s} to ${role}`.execute(owner);
    await sql`alter default privileges in schema ${s} grant select, insert, update, delete on tables to ${role}`.execute(owner);
    await sql`alter default privileges in schema ${s} grant usage, select on sequences to ${role}`.execute(owner);
    await sql`alter default privileges in schema ${s} grant execute on functions to ${role}`.execute(owner);
  }
  for (const table of APPEND_ONLY) await sql`revoke update, delete, truncate, references, trigger on ${sql.id(table)} from ${role}`.execute(owner);
  for (const table of READ_ONLY) await sql`revoke insert, update, delete, truncate, references, trigger on ${sql.id(table)} from ${role}`.execute(owner);
  // PostgreSQL 14 and older let every role create in `public`; the app role never needs to.
  await sql`revoke create on schema public from ${role}`.execute(owner);
}

async function currentDatabase<T>(db: Kysely<T>): Promise<string> {
  const r = await sql<{ db: string }>`select current_database() as db`.execute(db);
  return r.rows[0]!.db;
}

/** The password a connection URL carries, if any. */
export function passwordOf(url: string): string | undefined {
  const p = new URL(url).password;
  return p ? decodeURIComponent(p) : undefined;
}

/** The user a connection URL signs in as (the app role's name). */
export function roleOf(url: string): string {
  const user = decodeURIComponent(new URL(url).username);
  if (!user) throw new Error("DATABASE_URL must name its user when DATABASE_MIGRATION_URL is set: that user is the app role the owner grants privileges to");
  return user;
}

/**
 * Migrate as the owner and grant the app role. On Azure Database for PostgreSQL the app role may be an Entra
 * principal (its managed identity) that does not exist yet: the owner, an Entra administrator, creates it.
 */
export async function migrateAsOwner(options: {
  owner: OwnerTarget;
  appRole: string;
  appPassword?: string | undefined;
  /** The app could not sign in: set `appPassword` on its existing role too (else only a new role gets it). */
  setPassword?: boolean;
  ssl: ConnectOptions["ssl"];
  logger: JobsLogger;
}): Promise<string[]> {
  const { owner, appRole, ssl } = options;
  const store = connect({ url: owner.url, ssl, poolMax: 2, ...(owner.password ? { password: owner.password } : {}) });
  try {
    const ownerRole = (await sql<{ u: string }>`select current_user as u`.execute(store.db)).rows[0]!.u;
    if (ownerRole === appRole) throw new Error("DATABASE_MIGRATION_URL and DATABASE_URL sign in as the same role; the app must connect as a role that owns nothing");
    await ensureAppRole(store.db, appRole, options.appPassword, options.setPassword === true);
    const applied = await migrateToLatest(store.db);
    // pg-boss creates its schema and one table per queue: done here, as the owner, so the app never needs CREATE.
    if ((await jobsSchemaProblems(store.db)).length > 0) {
      const jobs = await startJobs({ url: owner.url, ssl, logger: options.logger, work: false, ...(owner.password ? { password: owner.password } : {}) });
      await jobs.stop();
    }
    await grantAppRole(store.db, appRole);
    return applied;
  } finally {
    await store.close();
  }
}

/**
 * The app role exists and can sign in: with a password (DATABASE_URL's), or as an Entra principal (its managed
 * identity) on Azure Database for PostgreSQL. A password is set when the role is created, and on an existing
 * role only when the app could not sign in with it (`setPassword`: DATABASE_URL's password was rotated in Key
 * Vault), never on every start. It is sent as a SCRAM-SHA-256 verifier computed here, as psql's \password does,
 * so the plain password never reaches the server (nor its statement log under log_statement=ddl).
 */
async function ensureAppRole<T>(db: Kysely<T>, role: string, password: string | undefined, setPassword: boolean): Promise<void> {
  const exists = await sql<{ n: number }>`select count(*)::int as n from pg_roles where rolname = ${role}`.execute(db);
  if (password !== undefined) {
    if (exists.rows[0]!.n === 0) await sql`create role ${sql.id(role)} with login nosuperuser nocreatedb nocreaterole password ${sql.lit(scramVerifier(password))}`.execute(db);
    else if (setPassword) await sql`alter role ${sql.id(role)} with login password ${sql.lit(scramVerifier(password))}`.execute(db);
    return;
  }
  if (exists.rows[0]!.n > 0) return;
  const azure = await sql<{ n: number }>`select count(*)::int as n from pg_proc where proname = 'pgaadauth_create_principal'`.execute(db);
  if (azure.rows[0]!.n === 0) throw new Error(`the app role "${role}" does not exist in the database; create it (without ownership of anything) and run the migration again`);
  await sql`select * from pgaadauth_create_principal(${role}, false, false)`.execute(db);
}

/**
 * A SCRAM-SHA-256 verifier for `password` (RFC 5802/7677, PostgreSQL's `rolpassword` format), so the server
 * stores it without ever seeing the password. The password is prepared as node-postgres prepares it when it
 * signs in (the SASLprep mappings and NFKC), so the app's own client always matches it.
 */
export function scramVerifier(password: string, salt: Buffer = randomBytes(16), iterations = 4096): string {
  const prepared = password
    .replace(/[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000]/gu, " ")
    // eslint-disable-next-line no-misleading-character-class -- RFC 3454 table B.1 lists joiners and variation selectors on purpose
    .replace(/[\u00AD\u034F\u1806\u180B\u180C\u180D\u200C\u200D\u2060\uFE00-\uFE0F\uFEFF]/gu, "")
    .normalize("NFKC");
  const salted = pbkdf2Sync(prepared, salt, iterations, 32, "sha256");
  const storedKey = createHash("sha256").update(createHmac("sha256", salted).update("Client Key").digest()).digest();
  const serverKey = createHmac("sha256", salted).update("Server Key").digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString("base64")}$${storedKey.toString("base64")}:${serverKey.toString("base64")}`;
}

/** SQLSTATEs of a refused sign-in: a wrong password (28P01), or a role that does not exist or may not log in (28000). */
function signInRefused(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === "28P01" || code === "28000";
}

/** pg-boss's schema is at the installed version and holds every queue the app uses. Empty when so. */
async function jobsSchemaProblems<T>(db: Kysely<T>): Promise<string[]> {
  const installed = await sql<{ t: string | null }>`select to_regclass('pgboss.version')::text as t`.execute(db);
  if (installed.rows[0]!.t === null) return ["pg-boss's schema is missing"];
  const r = await sql<{ version: number | null; queues: string[] }>`
    select (select max(version::int) from pgboss.version) as version,
           array(select name from pgboss.queue where name = any(${[...JOB_QUEUES]}::text[])) as queues`.execute(db);
  const { version, queues } = r.rows[0]!;
  if (version !== PGBOSS_SCHEMA_VERSION) return [`pg-boss's schema is at version ${String(version)}, not ${PGBOSS_SCHEMA_VERSION}`];
  const missing = JOB_QUEUES.filter((q) => !queues.includes(q));
  return missing.length > 0 ? [`queues missing: ${missing.join(", ")}`] : [];
}

/**
 * What `grantAppRole` would still change, seen by the app role itself: objects in its schemas it lacks a
 * privilege on (or holds one too many on, for the append-only and read-only tables), and default privileges.
 */
async function grantProblems<T>(db: Kysely<T>): Promise<string[]> {
  const objects = await sql<{ name: string }>`
    select s as name from unnest(${[...SCHEMAS]}::text[]) s where not has_schema_privilege(s, 'USAGE')
    union all
    select n.nspname || '.' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = any(${[...SCHEMAS]}::text[]) and case
      when c.relkind = 'S' then not (has_sequence_privilege(c.oid, 'USAGE') and has_sequence_privilege(c.oid, 'SELECT'))
      when c.relkind not in ('r', 'p') then false
      when n.nspname = 'public' and c.relname = any(${APPEND_ONLY}::text[]) then not (has_table_privilege(c.oid, 'SELECT') and has_table_privilege(c.oid, 'INSERT'))
        or has_table_privilege(c.oid, 'UPDATE') or has_table_privilege(c.oid, 'DELETE') or has_table_privilege(c.oid, 'TRUNCATE')
      when n.nspname = 'public' and c.relname = any(${READ_ONLY}::text[]) then not has_table_privilege(c.oid, 'SELECT')
        or has_table_privilege(c.oid, 'INSERT') or has_table_privilege(c.oid, 'UPDATE') or has_table_privilege(c.oid, 'DELETE') or has_table_privilege(c.oid, 'TRUNCATE')
      else not (has_table_privilege(c.oid, 'SELECT') and has_table_privilege(c.oid, 'INSERT') and has_table_privilege(c.oid, 'UPDATE') and has_table_privilege(c.oid, 'DELETE'))
    end
    union all
    select n.nspname || '.' || p.proname || '()' from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = any(${[...SCHEMAS]}::text[]) and not has_function_privilege(p.oid, 'EXECUTE')
    order by 1 limit 3`.execute(db);
  if (objects.rows.length > 0) return [`the app role lacks privileges on ${objects.rows.map((o) => o.name).join(", ")}`];
  // Default privileges the owner (who owns Kysely's table) gives the app role on what it creates later.
  const defaults = await sql<{ schema: string; kind: string; privileges: string[] }>`
    select n.nspname as schema, d.defaclobjtype::text as kind, array_agg(distinct a.privilege_type::text) as privileges
    from pg_default_acl d join pg_namespace n on n.oid = d.defaclnamespace cross join lateral aclexplode(d.defaclacl) a
    where a.grantee = (select oid from pg_roles where rolname = current_user)
      and d.defaclrole = (select relowner from pg_class where oid = to_regclass('public.kysely_migration'))
      and n.nspname = any(${[...SCHEMAS]}::text[])
    group by n.nspname, d.defaclobjtype`.execute(db);
  const wanted: Record<string, string[]> = { r: ["DELETE", "INSERT", "SELECT", "UPDATE"], S: ["SELECT", "USAGE"], f: ["EXECUTE"] };
  const missing = SCHEMAS.flatMap((schema) =>
    Object.entries(wanted)
      .filter(([kind, privileges]) => {
        const held = defaults.rows.find((d) => d.schema === schema && d.kind === kind)?.privileges ?? [];
        return privileges.some((p) => !held.includes(p));
      })
      .map(([kind]) => `${schema} (${kind})`),
  );
  return missing.length > 0 ? [`default privileges missing in ${missing.join(", ")}`] : [];
}

export interface OwnerWork {
  /** False when the server refused the app's sign-in (its role is missing, or its password is not DATABASE_URL's). */
  appSignsIn: boolean;
  /** Why the owner is needed; empty when nothing is to be done. */
  reasons: string[];
}

/**
 * What the owner still has to do, read cheaply through the app's own connection (catalogs and a few rows, no
 * writes): nothing when the app signs in, no migration is pending, pg-boss's schema is at its version with every
 * queue, and the app role holds exactly its grants. A table the app may not read counts as work too.
 */
export async function ownerWork<T>(app: Kysely<T>): Promise<OwnerWork> {
  try {
    await sql`select 1`.execute(app);
  } catch (err) {
    if (signInRefused(err)) return { appSignsIn: false, reasons: [`the app role cannot sign in (${String((err as { code?: unknown }).code)})`] };
    throw err;
  }
  try {
    const pending = await pendingMigrations(app);
    if (pending.length > 0) return { appSignsIn: true, reasons: [`migrations pending: ${pending.join(", ")}`] };
    const grants = await grantProblems(app);
    if (grants.length > 0) return { appSignsIn: true, reasons: grants };
    return { appSignsIn: true, reasons: await jobsSchemaProblems(app) };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    // Not allowed to read, or not there (yet): the owner puts it right.
    if (code === "42501" || code === "42P01" || code === "3F000") return { appSignsIn: true, reasons: [`the app role cannot read what it needs (${code})`] };
    throw err;
  }
}

/** What makes the app's own role unfit for production: it could change or hide the audit trail, or rewrite the schema. */
export async function appRoleProblems<T>(db: Kysely<T>): Promise<string[]> {
  const problems: string[] = [];
  const me = (await sql<{ u: string; superuser: boolean; bypassrls: boolean }>`select current_user as u, rolsuper as superuser, rolbypassrls as bypassrls from pg_roles where rolname = current_user`.execute(db)).rows[0];
  if (!me) return ["the app's database role could not be found in pg_roles"];
  if (me.superuser) problems.push(`the app connects as "${me.u}", a superuser`);
  const owned = await sql<{ name: string; n: number }>`
    select n.nspname || '.' || c.relname as name, (count(*) over ())::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = any(${[...SCHEMAS]}::text[]) and c.relkind in ('r', 'p') and pg_has_role(current_user, c.relowner, 'USAGE')
    order by n.nspname <> 'public', c.relname limit 3`.execute(db);
  if (owned.rows.length > 0) problems.push(`the app's role "${me.u}" owns (or is a member of the owner of) ${owned.rows[0]!.n} tables, e.g. ${owned.rows.map((r) => r.name).join(", ")}`);
  const audit = await sql<{ u: boolean; d: boolean; t: boolean }>`
    select has_table_privilege('audit_log', 'UPDATE') as u, has_table_privilege('audit_log', 'DELETE') as d, has_table_privilege('audit_log', 'TRUNCATE') as t`.execute(db);
  const a = audit.rows[0];
  if (a && (a.u || a.d || a.t)) problems.push(`the app's role "${me.u}" may UPDATE, DELETE or TRUNCATE audit_log`);
  return problems;
}

export interface PrepareOptions<T> {
  /** The app's own connection. */
  app: Kysely<T>;
  /** The app's connection URL (its user is the app role). */
  appUrl: string;
  ssl: ConnectOptions["ssl"];
  /** Production with PostgreSQL: the app must not own the schema. */
  production: boolean;
  /** The owner, when this process is given it (DATABASE_MIGRATION_URL). */
  owner: OwnerTarget | undefined;
  logger: JobsLogger;
}

/**
 * Bring the schema up to date before the app serves. With an owner URL, migrate as the owner and grant the
 * app role, when `ownerWork` finds anything to do. Without one, a development or embedded database is migrated through the app's own single role;
 * in production the app only checks that migrations were run (`npm run migrate`) and that its role owns
 * nothing, and refuses to start otherwise.
 */
export async function prepareDatabase<T>(o: PrepareOptions<T>): Promise<string[]> {
  let applied: string[] = [];
  if (o.owner) {
    // Every instance starts here: the owner is only used when something is missing (see `ownerWork`).
    const work = await ownerWork(o.app);
    if (work.reasons.length > 0) {
      o.logger.info({ reasons: work.reasons }, "preparing the database as the owner role");
      applied = await migrateAsOwner({ owner: o.owner, appRole: roleOf(o.appUrl), appPassword: passwordOf(o.appUrl), setPassword: !work.appSignsIn, ssl: o.ssl, logger: o.logger });
    }
  } else if (!o.production) return migrateToLatest(o.app);
  const pending = await pendingMigrations(o.app);
  if (pending.length > 0) throw new Error(`the database schema is behind (${pending.join(", ")}): run "npm run migrate" with DATABASE_MIGRATION_URL (the owner role), or give the app DATABASE_MIGRATION_URL`);
  if (o.production) {
    const problems = await appRoleProblems(o.app);
    if (problems.length > 0) {
      throw new Error(`refusing to start in production: ${problems.join("; ")}. Run migrations as a separate owner role (DATABASE_MIGRATION_URL) and connect the app as a role that owns nothing (docs/operations.md, "Database roles")`);
    }
  }
  return applied;
}
