/**
 * Vitest global setup for integration tests: one real PostgreSQL for the run. PGlite in memory by default,
 * served to the test files' `pg` pools by the same wire server as local mode (store/embeddedServer.ts: one
 * connection's batch or transaction at a time, so concurrent tests never mix statements); the server at
 * GUILDHALL_TEST_DATABASE_URL when set (CI runs the same suite both ways). The schema is reset and migrated
 * once; test files create their own rows.
 */
import { sql } from "kysely";
import type { TestProject } from "vitest/node";
import { connect, startEmbedded, type Embedded } from "../../src/store/connection.js";
import { migrateToLatest } from "../../src/store/migrate.js";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseKind: "pglite" | "postgresql";
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env["GUILDHALL_TEST_DATABASE_URL"];
  let embedded: Embedded | undefined;
  const url = external ?? (embedded = await startEmbedded("memory")).url;
  const store = connect({ url, ssl: "disable", poolMax: 2 });
  if (external) {
    await sql`drop schema if exists pgboss cascade`.execute(store.db);
    await sql`drop schema if exists public cascade`.execute(store.db);
    await sql`create schema public`.execute(store.db);
  }
  await migrateToLatest(store.db);
  await store.close();
  project.provide("databaseUrl", url);
  project.provide("databaseKind", external ? "postgresql" : "pglite");
  return async () => {
    await embedded?.stop();
  };
}
