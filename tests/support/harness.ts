/**
 * Builds the real Fastify app on the integration database (no listener; requests via app.inject).
 */
import type { FastifyInstance } from "fastify";
import pino from "pino";
import { inject } from "vitest";
import type { CommandSettings } from "../../src/commands/context.js";
import { DEMO_IDENTITIES } from "../../src/domain/demo.js";
import { startJobs, type Jobs, type JobsOptions } from "../../src/jobs/queue.js";
import { buildApp } from "../../src/server/app.js";
import { createDevIssuer, type DevIssuer } from "../../src/server/auth/devIdentity.js";
import { entraKeys, TokenVerifier } from "../../src/server/auth/tokens.js";
import { loadConfig, type Config } from "../../src/server/config.js";
import { connect, type Store } from "../../src/store/connection.js";
import { seedDemoData } from "../../src/store/seed.js";

export interface Harness {
  app: FastifyInstance;
  store: Store;
  jobs: Jobs;
  config: Config;
  issuer: DevIssuer | undefined;
  tokenFor(key: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Builds the real app on the integration database (PGlite served by store/embeddedServer.ts, or PostgreSQL).
 * `options.jobs` may run the queue's workers (off by default) and shorten the heartbeat's staleness.
 */
export async function createHarness(
  env: Record<string, string> = {},
  options: { tabDir?: string; commands?: Partial<CommandSettings>; jobs?: Pick<JobsOptions, "work" | "heartbeatStaleMs"> } = {},
): Promise<Harness> {
  const url = inject("databaseUrl");
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", ...env });
  const store = connect({ url, ssl: "disable", poolMax: 4 });
  await seedDemoData(store.db);
  const jobs = await startJobs({ url, ssl: "disable", logger: pino({ level: "silent" }), work: false, ...options.jobs });
  const issuer = config.authMode === "dev" ? await createDevIssuer(config.aad.clientId, config.endpoints.login) : undefined;
  const verifier = new TokenVerifier({
    keys: issuer?.keys ?? entraKeys(config.endpoints.login),
    audiences: config.aad.audiences,
    loginHost: config.endpoints.login,
  });
  const commands = { naming: config.communities.naming, graphConnected: config.communities.graphConnected, sensitivityLabels: config.communities.sensitivityLabels, maxClassification: config.communities.maxClassification, allowedTenantIds: config.eligibility.allowedTenantIds, invitations: { allowedEmailDomains: config.eligibility.allowedEmailDomains }, ...options.commands };
  const app = await buildApp({ config, store, jobs, verifier, devIssuer: issuer, tabDir: options.tabDir, logger: pino({ level: "silent" }), commands });
  await app.ready();
  return {
    app,
    store,
    jobs,
    config,
    issuer,
    async tokenFor(key) {
      const identity = DEMO_IDENTITIES.find((d) => d.key === key);
      if (!identity || !issuer) throw new Error(`no demo identity ${key}`);
      return issuer.issue(identity);
    },
    async close() {
      await app.close();
      await jobs.stop();
      await store.close();
    },
  };
}
