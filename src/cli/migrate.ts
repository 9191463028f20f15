/**
 * The migrate-only command a deployment runs before (or instead of letting) the app start: migrate the schema
 * and pg-boss as the owner role (DATABASE_MIGRATION_URL), then grant the app role (DATABASE_URL's user) what it
 * needs and nothing more. Reads the same settings as the server. `npm run migrate` (compiled: node
 * dist/src/cli/migrate.js). Exits 0 when the schema is current, 1 with the reason otherwise. Unlike a starting
 * instance it always re-applies the grants and checks pg-boss; it sets the app role's password only when the role
 * is new or the app cannot sign in with DATABASE_URL's password (a rotation), as a SCRAM verifier.
 */
import pino from "pino";
import { managedIdentityPassword } from "../store/managedIdentity.js";
import { connect } from "../store/connection.js";
import { migrateAsOwner, ownerWork, passwordOf, roleOf } from "../store/roles.js";
import { ConfigError, loadConfig } from "../server/config.js";

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const { url } = config.database;
  const owner = config.database.migration;
  if (!url || !owner) throw new ConfigError(["DATABASE_URL (the app role) and DATABASE_MIGRATION_URL (the owner role) are both required to migrate"]);
  const mi = config.database.managedIdentity;
  const password = owner.identityClientId && mi ? managedIdentityPassword({ ...mi, clientId: owner.identityClientId }) : undefined;
  const logger = pino({ level: config.logLevel });
  const appPassword = passwordOf(url);
  let setPassword = false;
  if (appPassword !== undefined) {
    // Does DATABASE_URL's password still sign in? Only if not is it set on the existing role.
    const app = connect({ url, ssl: config.database.ssl, poolMax: 1 });
    try {
      setPassword = !(await ownerWork(app.db)).appSignsIn;
    } finally {
      await app.close();
    }
  }
  const applied = await migrateAsOwner({ owner: { url: owner.url, ...(password ? { password } : {}) }, appRole: roleOf(url), appPassword, setPassword, ssl: config.database.ssl, logger });
  process.stdout.write(applied.length > 0 ? `migrations applied: ${applied.join(", ")}\n` : "schema already current\n");
  process.stdout.write(`privileges granted to ${roleOf(url)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`migrate failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
