/**
 * Integration test files share one database, one after another. Jobs an earlier file queued with its workers
 * off (provisioning, membership sync, archive, re-verification) stay in pg-boss; a later file that starts
 * workers would run them first, against its own Graph stand-in, where they fail or wait and hold its workers.
 * Files that start workers clear them first, and leave none behind.
 */
import { sql, type Kysely } from "kysely";
import type { Database } from "../../src/store/schema.js";

/** Delete queued community and people jobs (and their dead letters) from pg-boss, if it has a schema yet. */
export async function clearQueuedTeamsJobs(db: Kysely<Database>): Promise<void> {
  const { rows } = await sql<{ table: string | null }>`select to_regclass('pgboss.job')::text as table`.execute(db);
  if (!rows[0]?.table) return; // pg-boss has not made its schema yet: nothing is queued
  await sql`delete from pgboss.job where name like ${"community.%"} or name like ${"people.%"}`.execute(db);
}
