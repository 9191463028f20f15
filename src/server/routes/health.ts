import { sql } from "kysely";
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../app.js";

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("timeout")), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

export async function healthRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const quiet = { logLevel: "warn" as const, config: { rateLimit: false } };

  /** Liveness: the process answers. */
  app.get("/healthz", quiet, async () => ({ status: "ok" }));

  /** Readiness: the database answers and the job queue is started. */
  app.get("/readyz", quiet, async (_request, reply) => {
    const database = await withTimeout(sql`select 1 as ok`.execute(deps.store.db), 3_000)
      .then(() => ({ ok: true }))
      .catch(() => ({ ok: false }));
    const queue = await withTimeout(deps.jobs.health(), 3_000).catch(() => ({ ok: false, lastHeartbeatAt: null }));
    const ready = database.ok && queue.ok;
    return reply.code(ready ? 200 : 503).send({ status: ready ? "ready" : "not_ready", database, queue });
  });
}
