/**
 * Composition root: read config, open the database (embedded PGlite when DATABASE_URL is unset), migrate,
 * seed demo data in local mode, start the job queue, wire identity and the bot, listen.
 */
import { createBot } from "../../bot/index.js";
import { startJobs } from "../jobs/queue.js";
import { registerWorkers } from "../jobs/workers.js";
import { GraphGateway } from "../graph/gateway.js";
import { msalTokenSource } from "../graph/tokens.js";
import { noticeLinker } from "../jobs/deliverNotices.js";
import { managedIdentityPassword } from "../store/managedIdentity.js";
import { appendAudit } from "../store/audit.js";
import { connect, EmbeddedLockedError, startEmbedded, type Embedded } from "../store/connection.js";
import { prepareDatabase } from "../store/roles.js";
import { seedDemoData } from "../store/seed.js";
import { isTenantAllowed } from "../domain/policy.js";
import { buildApp, DEFAULT_TAB_DIR } from "./app.js";
import { createDevIssuer } from "./auth/devIdentity.js";
import { entraKeys, TokenVerifier } from "./auth/tokens.js";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { createLogger } from "./logger.js";

/** Whatever still runs after this long once SIGTERM/SIGINT arrived, the process exits (status 1). */
const SHUTDOWN_DEADLINE_MS = 4_500;

function readConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  if (config.authMode === "dev") {
    logger.warn({}, "LOCAL MODE: demo identities are enabled and the bot accepts unauthenticated traffic. Never use this with real data.");
  }
  logger.info(
    { cloud: config.cloud, authMode: config.authMode, tenants: config.eligibility.allowedTenantIds.size, domains: config.eligibility.allowedEmailDomains.length, guests: config.eligibility.allowGuestsFromAllowedTenants },
    "eligibility policy loaded",
  );

  let embedded: Embedded | undefined;
  let url = config.database.url;
  if (!url) {
    embedded = await startEmbedded(config.database.pgliteDataDir);
    url = embedded.url;
    logger.info({ dataDir: config.database.pgliteDataDir }, "embedded PostgreSQL (PGlite) started");
  }
  const ssl = embedded ? "disable" : config.database.ssl;
  const mi = embedded ? undefined : config.database.managedIdentity;
  const password = mi ? managedIdentityPassword(mi) : undefined;
  const onError = (err: Error) => logger.warn({ err: { type: err.name, message: err.message } }, "database connection dropped");
  const store = connect({ url, ssl, poolMax: embedded ? 4 : config.database.poolMax, onError, ...(password ? { password } : {}) });
  // Migrations run as the owner role when given one; in production the app's own role must own nothing (src/store/roles.ts).
  const owner = config.database.migration;
  const ownerPassword = owner?.identityClientId && mi ? managedIdentityPassword({ ...mi, clientId: owner.identityClientId }) : undefined;
  const applied = await prepareDatabase({ app: store.db, appUrl: url, ssl, production: config.env === "production" && !embedded, owner: owner ? { url: owner.url, ...(ownerPassword ? { password: ownerPassword } : {}) } : undefined, logger });
  if (applied.length > 0) logger.info({ applied }, "migrations applied");
  if (config.demoData) await seedDemoData(store.db);

  const jobs = await startJobs({ url, ssl, logger, jobExpireSeconds: config.jobs.expireSeconds, maintenanceIntervalSeconds: config.jobs.maintenanceSeconds, ...(password ? { password } : {}) });
  // Graph is connected when config says so; the same facts are narrowed here once for the gateway and the workers.
  const { hostTeamId, hostTenantId } = config.communities;
  const clientSecret = config.aad.clientSecret;
  const teams =
    config.communities.graphConnected && clientSecret && hostTeamId && hostTenantId
      ? {
          port: new GraphGateway({
            graphRoot: config.endpoints.graph,
            tenantId: hostTenantId,
            tokens: msalTokenSource({ clientId: config.aad.clientId, clientSecret, loginHost: config.endpoints.login, graphRoot: config.endpoints.graph }),
          }),
          hostTeamId,
          hostTenantId,
          eligibility: config.eligibility,
          agencyAttribute: config.communities.agencyAttribute,
          noticeLink: noticeLinker({ teamsAppId: config.teamsAppId, teamsWebHost: config.endpoints.teamsWeb, publicUrl: config.publicUrl }),
        }
      : undefined;
  if (!teams) logger.warn({}, "Microsoft Graph is not connected: communities work in Guildhall and their Teams links stay pending");
  const stopWorkers = await registerWorkers({
    db: store.db,
    jobs,
    inactivityDays: config.communities.inactivityDays,
    logger,
    ...(teams ? { teams } : {}),
  });

  const devIssuer = config.authMode === "dev" ? await createDevIssuer(config.aad.clientId, config.endpoints.login) : undefined;
  const verifier = new TokenVerifier({
    keys: devIssuer?.keys ?? entraKeys(config.endpoints.login),
    audiences: config.aad.audiences,
    loginHost: config.endpoints.login,
  });

  const bot = createBot({
    appId: config.bot.appId,
    password: config.bot.password,
    tenantId: config.bot.tenantId,
    type: config.bot.type,
    botFramework: config.endpoints.botFramework,
    cardImagesAsUrls: config.endpoints.capabilities.cardImageUrls,
    isTenantAllowed: (tid) => isTenantAllowed(tid, config.eligibility),
    publicUrl: config.publicUrl,
    logger,
    audit: (e) => appendAudit(store.db, e),
    // The person's saved language, for the bot's 1:1 replies (bot/locale.ts).
    savedLocale: async (p) => (await store.db.selectFrom("people").select("locale").where("tenant_id", "=", p.tenantId).where("object_id", "=", p.objectId).executeTakeFirst())?.locale ?? null,
  });

  const commands = {
    naming: config.communities.naming,
    graphConnected: config.communities.graphConnected,
    sensitivityLabels: config.communities.sensitivityLabels,
    maxClassification: config.communities.maxClassification,
    allowedTenantIds: config.eligibility.allowedTenantIds,
    // Invitations: the sign-in domain allow-list, and the host tenant's directory when Graph is connected.
    invitations: { allowedEmailDomains: config.eligibility.allowedEmailDomains, ...(teams ? { directory: teams.port, hostTenantId: teams.hostTenantId } : {}) },
  };
  const app = await buildApp({ config, store, jobs, verifier, bot, devIssuer, tabDir: DEFAULT_TAB_DIR, logger, commands });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const shownHost = config.host === "0.0.0.0" ? "localhost" : config.host;

  // Graceful shutdown: stop taking requests, stop the workers and the notice poller, stop pg-boss, close the
  // pool, stop PGlite. A hard deadline makes sure it can never hang.
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, "shutting down");
    const deadline = setTimeout(() => {
      process.stderr.write(`Guildhall did not stop within ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting anyway\n`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    const step = async (name: string, fn: () => Promise<unknown>) => {
      try {
        await fn();
      } catch (err) {
        logger.warn({ step: name, err: { type: err instanceof Error ? err.name : typeof err, message: err instanceof Error ? err.message : String(err) } }, "shutdown step failed");
      }
    };
    await step("http", () => app.close());
    await step("workers", () => stopWorkers());
    await step("jobs", () => jobs.stop(2_000));
    await step("database", () => store.close());
    await step("embedded", async () => embedded?.stop());
    clearTimeout(deadline);
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  // Announced only once the signal handlers are in place: whoever waits for this line may send SIGTERM at once.
  process.stdout.write(`Guildhall listening on http://${shownHost}:${port}\n`);
}

main().catch((err: unknown) => {
  if (err instanceof EmbeddedLockedError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`Guildhall failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
