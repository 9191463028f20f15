/**
 * The Fastify application: one process, three faces (tab, API, bot). Built from explicit dependencies so
 * tests build it against a real database without starting a listener.
 */
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import rateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { GuildhallBot } from "../../bot/index.js";
import type { Jobs } from "../jobs/queue.js";
import { appendAudit } from "../store/audit.js";
import type { Store } from "../store/connection.js";
import type { AuthDeps } from "./auth/authenticate.js";
import type { DevIssuer } from "./auth/devIdentity.js";
import type { TokenVerifier } from "./auth/tokens.js";
import { browserConfig, type Config } from "./config.js";
import { ERROR_MESSAGES, errorBody, errors, registerErrorHandler } from "./errors.js";
import type { CommandSettings, Enqueue } from "../commands/context.js";
import { agencyRoutes } from "./routes/agencies.js";
import { communityRoutes } from "./routes/communities.js";
import { devRoutes } from "./routes/dev.js";
import { healthRoutes } from "./routes/health.js";
import { meRoutes } from "./routes/me.js";
import { messageRoutes } from "./routes/messages.js";
import { noticeRoutes } from "./routes/notices.js";
import { registerSecurity } from "./security.js";
import { isServedFile, isSourceMap, registerCompression, timeoutOptions, TRANSPORT_TIMEOUTS, type TransportTimeouts } from "./transport.js";
import { registerRefusalAudit } from "./refusals.js";

export interface AppDeps {
  config: Config;
  store: Store;
  jobs: Jobs;
  auth: AuthDeps;
  bot: GuildhallBot | undefined;
  devIssuer: DevIssuer | undefined;
  /** Folder of the built tab (vite build output); omitted in API-only tests. */
  tabDir: string | undefined;
  enqueue: Enqueue;
  commands: CommandSettings;
}

export interface BuildOptions {
  config: Config;
  store: Store;
  jobs: Jobs;
  verifier: TokenVerifier;
  bot?: GuildhallBot;
  devIssuer?: DevIssuer;
  tabDir?: string;
  logger: FastifyBaseLogger;
  commands?: CommandSettings;
  /** Request deadlines; tests shorten them, everything else uses TRANSPORT_TIMEOUTS. */
  timeouts?: Partial<TransportTimeouts>;
}

const LOCAL_COMMAND_SETTINGS: CommandSettings = {
  naming: { prefix: "", suffix: "", blockedWords: [] },
  graphConnected: false,
  sensitivityLabels: {},
  maxClassification: "OFFICIAL_SENSITIVE",
  allowedTenantIds: new Set(),
};

/**
 * The router's own refusals (an address it cannot decode, a path parameter past its length limit) answer in the
 * app's error format like everything else: a badly encoded address is invalid; an over-long id names nothing.
 */
function routerRefusal(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const requestId = String(request.id);
  reply.header("x-request-id", requestId);
  if (err.code === "FST_ERR_MAX_PARAM_LENGTH") {
    void reply.code(404).send(errorBody("not_found", ERROR_MESSAGES.notFound, undefined, requestId));
    return;
  }
  void reply.code(400).send(errorBody("request.invalid", ERROR_MESSAGES.addressInvalid, undefined, requestId));
}

/** Trust exactly N proxy hops (App Service's front end is one); never trust arbitrary forwarded headers. */
function trustHops(hops: number | false): boolean | ((address: string, hop: number) => boolean) {
  if (hops === false) return false;
  return (_address: string, hop: number) => hop < hops;
}

/** The built tab: `dist/tab` beside the repo root, whether the server runs from src/ (tsx) or dist/src/ (compiled). */
export const DEFAULT_TAB_DIR = [path.resolve(import.meta.dirname, "../../dist/tab"), path.resolve(import.meta.dirname, "../../tab")].find((d) =>
  existsSync(path.join(d, "index.html")),
) ?? path.resolve(import.meta.dirname, "../../dist/tab");

export async function buildApp(options: BuildOptions): Promise<FastifyInstance> {
  const { config, store } = options;
  if (config.authMode !== "dev" && options.devIssuer) throw new Error("dev identity is only allowed in local mode");

  const app = Fastify({
    loggerInstance: options.logger,
    genReqId: () => randomUUID(),
    trustProxy: trustHops(config.trustProxy),
    bodyLimit: 256 * 1024,
    return503OnClosing: true,
    frameworkErrors: routerRefusal,
    ...timeoutOptions({ ...TRANSPORT_TIMEOUTS, ...options.timeouts }),
  });

  const deps: AppDeps = {
    config,
    store,
    jobs: options.jobs,
    bot: options.bot,
    devIssuer: options.devIssuer,
    tabDir: options.tabDir,
    commands: options.commands ?? LOCAL_COMMAND_SETTINGS,
    enqueue: async (queue, data, opts = {}) => {
      await options.jobs.boss.send(queue, data, {
        ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
        ...(opts.startAfterSeconds ? { startAfter: opts.startAfterSeconds } : {}),
      });
    },
    auth: {
      verifier: options.verifier,
      eligibility: config.eligibility,
      audit: (e) => appendAudit(store.db, e),
    },
  };

  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", String(request.id));
    if (request.url.startsWith("/api/")) reply.header("cache-control", "no-store");
  });

  registerErrorHandler(app);
  registerRefusalAudit(app, deps.auth.audit);
  await registerSecurity(app, config);
  await registerCompression(app);
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => request.ip,
  });

  await healthRoutes(app, deps);
  app.get("/api/v1/client-config", async () => browserConfig(config));
  await meRoutes(app, deps);
  await communityRoutes(app, deps);
  await agencyRoutes(app, deps);
  await noticeRoutes(app, deps);
  if (config.authMode === "dev" && options.devIssuer) await devRoutes(app, options.devIssuer);
  if (options.bot) await messageRoutes(app, options.bot);

  const tabDir = options.tabDir;
  const hasTab = tabDir !== undefined && existsSync(path.join(tabDir, "index.html"));
  if (hasTab) {
    await app.register(fastifyStatic, {
      root: tabDir,
      prefix: "/",
      index: ["index.html"],
      wildcard: false,
      cacheControl: false,
      allowedPath: (pathName) => isServedFile(config, pathName),
      // Hashed build assets never change; the page itself is always revalidated so a deploy takes effect.
      setHeaders: (res, filePath) => {
        res.setHeader("cache-control", filePath.includes(`${path.sep}assets${path.sep}`) ? "public, max-age=31536000, immutable" : "no-cache");
      },
    });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const wantsPage = (request.method === "GET" || request.method === "HEAD") && !request.url.startsWith("/api/") && !isSourceMap(request.url);
    if (wantsPage && hasTab) return reply.header("cache-control", "no-cache").sendFile("index.html");
    throw errors.notFound();
  });

  return app;
}
