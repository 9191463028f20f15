/**
 * The migrate-only command a deployment runs before (or instead of letting) the app start: migrate the schema
 * and pg-boss as the owner role (DATABASE_MIGRATION_URL), then grant the app role (DATABASE_URL's user) what it
 * needs and nothing more. Reads the same settings as the server. `npm run migrate` (compiled: node
 * dist/src/cli/migrate.js). Exits 0 when the schema is current, 1 with the reason otherwise.
 */
import pino from "pino";
import { managedIdentityPassword } from "../store/managedIdentity.js";
import { migrateAsOwner, passwordOf, roleOf } from "../store/roles.js";
import { ConfigError, loadConfig } from "../server/config.js";

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const { url } = config.database;
  const owner = config.database.migration;
  if (!url || !owner) throw new ConfigError(["DATABASE_URL (the app role) and DATABASE_MIGRATION_URL (the owner role) are both required to migrate"]);
  const mi = config.database.managedIdentity;
  const password = owner.identityClientId && mi ? managedIdentityPassword({ ...mi, clientId: owner.identityClientId }) : undefined;
  const logger = pino({ level: config.logLevel });
  const applied = await migrateAsOwner({ owner: { url: owner.url, ...(password ? { password } : {}) }, appRole: roleOf(url), appPassword: passwordOf(url), ssl: config.database.ssl, logger });
  process.stdout.write(applied.length > 0 ? `migrations applied: ${applied.join(", ")}\n` : "schema already current\n");
  process.stdout.write(`privileges granted to ${roleOf(url)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`migrate failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
