/**
 * Retry policy for Graph, as Microsoft documents it: honour Retry-After on 429/503 (never sooner); without it,
 * exponential backoff with jitter; retry 412, 502, 503, 504 and timeouts; a bounded number of attempts.
 * Two limits on that:
 * - a Retry-After longer than `maxWaitMs` is not waited out in-process: the answer is handed back, so the job
 *   can be re-queued to start after it (see RetryLater in errors.ts);
 * - a request that is not idempotent (creating a team or a channel) is re-sent only after a 429, which Graph
 *   answers before doing anything. After a 5xx or a timeout Graph may have done it: the caller looks for what
 *   the first attempt made instead of sending it again.
 */
import type { Context, Middleware, MiddlewareOptions } from "@microsoft/microsoft-graph-client";

export interface RetryOptions {
  maxAttempts: number;
  baseDelayMs: number;
  /** Cap of the exponential backoff (not of Retry-After, which is always honoured). */
  maxDelayMs: number;
  /** The longest Retry-After waited out inside the request; a longer one ends the attempt. */
  maxWaitMs: number;
  timeoutMs: number;
  /** Injected for tests; real time otherwise. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 60_000, maxWaitMs: 60_000, timeoutMs: 30_000 };

const RETRY_STATUS = new Set([412, 429, 502, 503, 504]);

/** Marks a request Graph must not receive twice (pass with `.middlewareOptions([new NotIdempotent()])`). */
export class NotIdempotent implements MiddlewareOptions {
  readonly notIdempotent = true;
}

/** Retry-After in seconds or an HTTP date → milliseconds, or undefined. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const s = Number(value);
  if (Number.isFinite(s) && s >= 0) return s * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Full-jitter exponential backoff for attempt n (1-based). */
export function backoffMs(attempt: number, o: Pick<RetryOptions, "baseDelayMs" | "maxDelayMs">, random = Math.random): number {
  const cap = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(cap / 2 + (random() * cap) / 2);
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Graph client middleware that retries and times out each attempt. */
export class RetryMiddleware implements Middleware {
  private next: Middleware | undefined;
  constructor(private readonly o: RetryOptions) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error("RetryMiddleware needs a next handler");
    const sleep = this.o.sleep ?? realSleep;
    const baseOptions = context.options ?? {};
    const once = context.middlewareControl?.getMiddlewareOptions(NotIdempotent) !== undefined;
    for (let attempt = 1; ; attempt++) {
      context.options = { ...baseOptions, signal: AbortSignal.timeout(this.o.timeoutMs) };
      let retryIn: number;
      try {
        await this.next.execute(context);
        const res = context.response;
        if (!res || !RETRY_STATUS.has(res.status)) return;
        if (attempt >= this.o.maxAttempts) return;
        if (once && res.status !== 429) return;
        const retryAfter = parseRetryAfter(res.headers.get("retry-after"));
        if (retryAfter !== undefined && retryAfter > this.o.maxWaitMs) return;
        retryIn = retryAfter ?? backoffMs(attempt, this.o, this.o.random);
      } catch (err) {
        if (attempt >= this.o.maxAttempts || once) throw err;
        retryIn = backoffMs(attempt, this.o, this.o.random);
      }
      await sleep(retryIn);
    }
  }
}
