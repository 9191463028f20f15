/**
 * Two database roles in PostgreSQL deployments: an owner that runs migrations (and owns every table, the
 * pg-boss schema and the audit log's append-only triggers), and the app role the server connects as, which
 * may read and write data but owns nothing. The app role gets INSERT and SELECT only on audit_log, so it can
 * neither change nor delete audit rows, nor TRUNCATE the table, nor ALTER TABLE … DISABLE TRIGGER (only an
 * owner may). Local embedded mode stays single-role: PGlite has one user and no other client.
 *
 * - `migrateAsOwner`: migrate as the owner (DATABASE_MIGRATION_URL), create pg-boss's schema and queues as the
 *   owner, then grant the app role what it needs, now and for tables later migrations add.
 * - `appRoleProblems`: what is wrong with the role the app connects as (superuser, owns or can change tables
 *   it must not); the server refuses to start in production when there is anything.
 */
import { sql, type Kysely } from "kysely";
import { startJobs, type JobsLogger } from "../jobs/queue.js";
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
export async function migrateAsOwner(options: { owner: OwnerTarget; appRole: string; appPassword?: string | undefined; ssl: ConnectOptions["ssl"]; logger: JobsLogger }): Promise<string[]> {
  const { owner, appRole, ssl } = options;
  const store = connect({ url: owner.url, ssl, poolMax: 2, ...(owner.password ? { password: owner.password } : {}) });
  try {
    const ownerRole = (await sql<{ u: string }>`select current_user as u`.execute(store.db)).rows[0]!.u;
    if (ownerRole === appRole) throw new Error("DATABASE_MIGRATION_URL and DATABASE_URL sign in as the same role; the app must connect as a role that owns nothing");
    await ensureAppRole(store.db, appRole, options.appPassword);
    const applied = await migrateToLatest(store.db);
    // pg-boss creates its schema and one table per queue: done here, as the owner, so the app never needs CREATE.
    const jobs = await startJobs({ url: owner.url, ssl, logger: options.logger, work: false, ...(owner.password ? { password: owner.password } : {}) });
    await jobs.stop();
    await grantAppRole(store.db, appRole);
    return applied;
  } finally {
    await store.close();
  }
}

/**
 * The app role exists and can sign in: with a password (DATABASE_URL's, kept in step so rotating it in Key
 * Vault is enough), or as an Entra principal (its managed identity) on Azure Database for PostgreSQL.
 */
async function ensureAppRole<T>(db: Kysely<T>, role: string, password: string | undefined): Promise<void> {
  const exists = await sql<{ n: number }>`select count(*)::int as n from pg_roles where rolname = ${role}`.execute(db);
  if (password !== undefined) {
    if (exists.rows[0]!.n > 0) await sql`alter role ${sql.id(role)} with login password ${sql.lit(password)}`.execute(db);
    else await sql`create role ${sql.id(role)} with login nosuperuser nocreatedb nocreaterole password ${sql.lit(password)}`.execute(db);
    return;
  }
  if (exists.rows[0]!.n > 0) return;
  const azure = await sql<{ n: number }>`select count(*)::int as n from pg_proc where proname = 'pgaadauth_create_principal'`.execute(db);
  if (azure.rows[0]!.n === 0) throw new Error(`the app role "${role}" does not exist in the database; create it (without ownership of anything) and run the migration again`);
  await sql`select * from pgaadauth_create_principal(${role}, false, false)`.execute(db);
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
 * app role. Without one, a development or embedded database is migrated through the app's own single role;
 * in production the app only checks that migrations were run (`npm run migrate`) and that its role owns
 * nothing, and refuses to start otherwise.
 */
export async function prepareDatabase<T>(o: PrepareOptions<T>): Promise<string[]> {
  let applied: string[] = [];
  if (o.owner) applied = await migrateAsOwner({ owner: o.owner, appRole: roleOf(o.appUrl), appPassword: passwordOf(o.appUrl), ssl: o.ssl, logger: o.logger });
  else if (!o.production) return migrateToLatest(o.app);
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
