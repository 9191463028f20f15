/**
 * Every refusal is audit-logged, in one place: a 401 (missing or unverifiable token, or a Bot Connector request
 * botbuilder refuses), a 403 (not eligible, not allowed to do a community or agency action, or a bot activity
 * naming an untrusted `serviceUrl`: `bot.service_url_refused`) and a refused proposal decision (403, 404, 409).
 * Each row is an `access.denied` with the request id, the error id, the route and the client address, and — only
 * when a token was verified — who it was (never who a refused payload claims to be). The app's own errors are
 * caught by an `onError` hook; a 401 or 403 answered without one (the bot endpoint) by an `onResponse` hook.
 *
 * A flood of bad tokens must not fill the disk, so writes are rate-limited in memory, per instance: a token
 * bucket per (client address, error id) lets a burst of 5 rows through and then one row a minute; an
 * instance-wide bucket caps the total at 120 rows a minute (DEFAULT_REFUSAL_LIMITS). What the buckets hold back is counted and
 * written as one `access.refusals_suppressed` row a minute (and when the app closes), with totals per
 * error id and the noisiest clients. With N instances the table grows by at most N × (GLOBAL_PER_MINUTE + 1)
 * rows a minute, whatever arrives. A failed audit write is logged and never changes the response.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AuditEvent } from "../store/audit.js";
import { AppError } from "./errors.js";

/** A proposal decision that is refused in any way (403, hidden as 404, or already decided: 409) is logged too. */
const DECISION_ROUTE = "/api/v1/communities/:id/decision";

export interface RefusalLimits {
  /** Rows let through at once per (client, reason). */
  burst: number;
  /** One more row per (client, reason) after this many milliseconds. */
  refillMs: number;
  /** Rows per minute for the whole instance. */
  globalPerMinute: number;
  /** How often held-back refusals are summarised in one row. */
  summaryMs: number;
  /** Buckets kept at once; beyond this, new clients share one bucket. */
  maxKeys: number;
}

export const DEFAULT_REFUSAL_LIMITS: RefusalLimits = { burst: 5, refillMs: 60_000, globalPerMinute: 120, summaryMs: 60_000, maxKeys: 10_000 };

interface Bucket {
  tokens: number;
  at: number;
}

interface Suppressed {
  total: number;
  since: number;
  byReason: Map<string, number>;
  byClient: Map<string, number>;
}

/** Token buckets per key plus one for the instance; counts what they hold back until it is summarised. */
export class RefusalLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly global: Bucket;
  private suppressed: Suppressed;

  constructor(
    private readonly limits: RefusalLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.global = { tokens: limits.globalPerMinute, at: now() };
    this.suppressed = this.empty();
  }

  private empty(): Suppressed {
    return { total: 0, since: this.now(), byReason: new Map(), byClient: new Map() };
  }

  private take(bucket: Bucket, capacity: number, refillMs: number): boolean {
    const t = this.now();
    bucket.tokens = Math.min(capacity, bucket.tokens + (t - bucket.at) / refillMs);
    bucket.at = t;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** True when this refusal may be written now; otherwise it is counted for the next summary. */
  admit(client: string, reason: string): boolean {
    let key = `${client} ${reason}`;
    if (!this.buckets.has(key) && this.buckets.size >= this.limits.maxKeys) key = `* ${reason}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: this.limits.burst, at: this.now() };
      this.buckets.set(key, bucket);
    }
    // The per-client bucket is checked first so one noisy client cannot drain the instance's allowance.
    if (this.take(bucket, this.limits.burst, this.limits.refillMs) && this.take(this.global, this.limits.globalPerMinute, 60_000 / this.limits.globalPerMinute)) return true;
    const s = this.suppressed;
    s.total += 1;
    s.byReason.set(reason, (s.byReason.get(reason) ?? 0) + 1);
    if (s.byClient.size < 1000 || s.byClient.has(client)) s.byClient.set(client, (s.byClient.get(client) ?? 0) + 1);
    return false;
  }

  /** The summary of what was held back since the last call (undefined when nothing was), and forget full buckets. */
  drain(): AuditEvent | undefined {
    const s = this.suppressed;
    this.suppressed = this.empty();
    const t = this.now();
    for (const [key, b] of this.buckets) if (b.tokens + (t - b.at) / this.limits.refillMs >= this.limits.burst) this.buckets.delete(key);
    if (s.total === 0) return undefined;
    const clients = [...s.byClient].sort((a, b) => b[1] - a[1]).slice(0, 10);
    return {
      event: "access.refusals_suppressed",
      outcome: "denied",
      detail: {
        suppressed: s.total,
        since: new Date(s.since).toISOString(),
        until: new Date(t).toISOString(),
        byReason: Object.fromEntries(s.byReason),
        topClients: clients.map(([client, n]) => ({ client, n })),
      },
    };
  }
}

interface Refuser {
  tenantId: string;
  objectId: string;
  action?: string;
  /** The policy's reason, when authentication itself refused the action. */
  reason?: string;
}

const refusers = new WeakMap<FastifyRequest, Refuser>();

/** A refusal answered without an AppError: its stable error id, and what the row may say besides (no identity). */
export interface AnsweredRefusal {
  id: string;
  detail?: Record<string, string | number | boolean | null>;
}

const answered = new WeakMap<FastifyRequest, AnsweredRefusal>();

/** Name the refusal a route answers itself (the bot's 403), for the refusal row `onResponse` writes. */
export function noteRefusal(request: FastifyRequest, refusal: AnsweredRefusal): void {
  answered.set(request, refusal);
}

/** Remember who a request's verified token names (and the action asked), for the refusal row if it is refused. */
export function noteRefuser(request: FastifyRequest, who: Refuser): void {
  refusers.set(request, who);
}

function isRefusal(request: FastifyRequest, err: unknown): err is AppError {
  if (!(err instanceof AppError)) return false;
  if (err.id === "request.https_required") return false;
  if (err.status === 401 || err.status === 403) return true;
  return request.routeOptions.url === DECISION_ROUTE && (err.status === 404 || err.status === 409);
}

/**
 * Audit-log every refusal the app answers (see the file comment). `write` appends one audit row; a failed
 * write is logged, never turned into a failed response.
 */
export function registerRefusalAudit(app: FastifyInstance, write: (e: AuditEvent) => Promise<void>, limits: RefusalLimits = DEFAULT_REFUSAL_LIMITS): RefusalLimiter {
  const limiter = new RefusalLimiter(limits);
  const record = async (e: AuditEvent, log: FastifyInstance["log"]) => {
    try {
      await write(e);
    } catch (err) {
      log.error({ err: { type: err instanceof Error ? err.name : typeof err, message: err instanceof Error ? err.message : String(err) }, event: e.event }, "refusal audit write failed");
    }
  };
  const flush = () => {
    const summary = limiter.drain();
    return summary ? record(summary, app.log) : Promise.resolve();
  };
  const timer = setInterval(() => void flush(), limits.summaryMs);
  timer.unref();

  const refuse = async (request: FastifyRequest, errorId: string, status: number, reason: unknown, extra: AnsweredRefusal["detail"] = {}) => {
    const client = request.ip;
    if (!limiter.admit(client, errorId)) return;
    const who = refusers.get(request);
    const why = reason ?? who?.reason;
    await record(
      {
        event: "access.denied",
        outcome: "denied",
        tenantId: who?.tenantId,
        objectId: who?.objectId,
        requestId: String(request.id),
        detail: {
          ...extra,
          errorId,
          status,
          ...(who?.action ? { action: who.action } : {}),
          ...(typeof why === "string" ? { reason: why } : {}),
          method: request.method,
          route: request.routeOptions.url ?? "(no route)",
          client,
        },
      },
      request.log,
    );
  };
  const seen = new WeakSet<FastifyRequest>();
  // onError runs before the error handler shapes the reply, so the status is the AppError's own.
  app.addHook("onError", async (request, _reply, err) => {
    if (err instanceof AppError) seen.add(request);
    if (!isRefusal(request, err)) return;
    await refuse(request, err.id, err.status, err.extra["reason"] ?? err.extra["problem"]);
  });
  // A 401 or 403 answered without an AppError: the bot endpoint, where botbuilder refuses a Bot Connector token
  // (http.unauthorized) or the bot refuses an untrusted serviceUrl (the id it notes: bot.service_url_refused).
  app.addHook("onResponse", async (request, reply) => {
    if (seen.has(request) || (reply.statusCode !== 401 && reply.statusCode !== 403)) return;
    const noted = answered.get(request);
    const errorId = noted?.id ?? (reply.statusCode === 401 ? "http.unauthorized" : "http.forbidden");
    await refuse(request, errorId, reply.statusCode, undefined, noted?.detail);
  });
  app.addHook("onClose", async () => {
    clearInterval(timer);
    await flush();
  });
  return limiter;
}
