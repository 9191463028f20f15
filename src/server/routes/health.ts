import { sql } from "kysely";
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../app.js";

const READY_TIMEOUT_MS = 2_000;

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

  /**
   * Readiness: a database round trip answers within 2 s (a stalled database or an exhausted pool fails it),
   * and the job queue answers and its heartbeat is recent (jobs/queue.ts). Checked together, not one after
   * the other, so the answer comes within about 2 s whatever stalls.
   */
  app.get("/readyz", quiet, async (_request, reply) => {
    const [database, queue] = await Promise.all([
      withTimeout(sql`select 1 as ok`.execute(deps.store.db), READY_TIMEOUT_MS)
        .then(() => ({ ok: true }))
        .catch((err: unknown) => ({ ok: false, detail: err instanceof Error && err.message === "timeout" ? "timeout" : "error" })),
      withTimeout(deps.jobs.health(), READY_TIMEOUT_MS).catch(() => ({ ok: false, lastHeartbeatAt: null, detail: "timeout" })),
    ]);
    const ready = database.ok && queue.ok;
    return reply.code(ready ? 200 : 503).send({ status: ready ? "ready" : "not_ready", database, queue });
  });
}
