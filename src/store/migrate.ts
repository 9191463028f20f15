import { Migrator, type Kysely, type Migration, type MigrationProvider } from "kysely";
import * as m0001 from "./migrations/0001_foundation.js";
import * as m0002 from "./migrations/0002_communities.js";
import * as m0003 from "./migrations/0003_notice_delivery.js";
import * as m0004 from "./migrations/0004_invariants.js";
import * as m0005 from "./migrations/0005_community_name_keys.js";
import * as m0006 from "./migrations/0006_teams_archive_and_members.js";
import * as m0007 from "./migrations/0007_agency_name_keys.js";
import * as m0008 from "./migrations/0008_locales.js";
import * as m0009 from "./migrations/0009_invitee_identities.js";
import * as m0010 from "./migrations/0010_community_editing.js";
import * as m0011 from "./migrations/0011_archive_reason.js";
import * as m0012 from "./migrations/0012_teams_name.js";

/** Migrations are imported, not read from disk, so they work the same from tsx and from compiled output. */
const MIGRATIONS: Record<string, Migration> = {
  "0001_foundation": m0001,
  "0002_communities": m0002,
  "0003_notice_delivery": m0003,
  "0004_invariants": m0004,
  "0005_community_name_keys": m0005,
  "0006_teams_archive_and_members": m0006,
  "0007_agency_name_keys": m0007,
  "0008_locales": m0008,
  "0009_invitee_identities": m0009,
  "0010_community_editing": m0010,
  "0011_archive_reason": m0011,
  "0012_teams_name": m0012,
};

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

/** Bring the schema to the latest version. Safe to run from several instances at once (Kysely takes a lock). */
export async function migrateToLatest<T>(db: Kysely<T>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** Migrations not yet applied, read without writing (the app role may only read Kysely's tables). */
export async function pendingMigrations<T>(db: Kysely<T>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticProvider() });
  return (await migrator.getMigrations()).filter((m) => m.executedAt === undefined).map((m) => m.name);
}
