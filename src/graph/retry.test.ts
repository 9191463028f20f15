import type { Context, Middleware } from "@microsoft/microsoft-graph-client";
import { describe, expect, it } from "vitest";
import { Pacer } from "./pacer.js";
import { backoffMs, DEFAULT_RETRY, NotIdempotent, parseRetryAfter, RetryMiddleware } from "./retry.js";

/** Runs one request through RetryMiddleware against answers given in order; returns the sleeps and the attempts. */
async function run(answers: { status: number; retryAfter?: string }[], o: { once?: boolean; maxDelayMs?: number } = {}) {
  const slept: number[] = [];
  let attempts = 0;
  const mw = new RetryMiddleware({ ...DEFAULT_RETRY, ...(o.maxDelayMs !== undefined ? { maxDelayMs: o.maxDelayMs } : {}), random: () => 1, sleep: async (ms) => void slept.push(ms) });
  const next: Middleware = {
    execute: async (ctx: Context) => {
      const a = answers[Math.min(attempts, answers.length - 1)]!;
      attempts += 1;
      ctx.response = new Response(null, { status: a.status, headers: a.retryAfter ? { "retry-after": a.retryAfter } : {} });
    },
  };
  mw.setNext(next);
  // What `.middlewareOptions([new NotIdempotent()])` gives the chain (the class itself is not exported).
  const control = { getMiddlewareOptions: (fn: unknown) => (fn === NotIdempotent ? new NotIdempotent() : undefined) } as unknown as NonNullable<Context["middlewareControl"]>;
  const context: Context = { request: "https://graph.example/v1.0/x", options: {}, ...(o.once ? { middlewareControl: control } : {}) };
  await mw.execute(context);
  return { slept, attempts, status: context.response?.status };
}

describe("retry policy", () => {
  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter("0")).toBe(0);
    expect(parseRetryAfter(new Date(10_000 + 5000).toUTCString(), 10_000)).toBe(5000);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it("backs off exponentially with jitter, capped", () => {
    const o = { baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffMs(1, o, () => 0)).toBe(50);
    expect(backoffMs(1, o, () => 1)).toBe(100);
    expect(backoffMs(3, o, () => 1)).toBe(400);
    expect(backoffMs(10, o, () => 1)).toBe(1000);
  });
});

describe("retry middleware", () => {
  it("honours Retry-After in full, even beyond the backoff cap (it used to be cut to 60 s)", async () => {
    expect(await run([{ status: 429, retryAfter: "45" }, { status: 200 }], { maxDelayMs: 10_000 })).toEqual({ slept: [45_000], attempts: 2, status: 200 });
    expect(await run([{ status: 503, retryAfter: "60" }, { status: 200 }])).toEqual({ slept: [60_000], attempts: 2, status: 200 });
  });

  it("hands a Retry-After longer than it waits in-process back to the caller instead of retrying early", async () => {
    expect(await run([{ status: 429, retryAfter: "120" }, { status: 200 }])).toEqual({ slept: [], attempts: 1, status: 429 });
  });

  it("re-sends a request marked not idempotent only after a 429, never after a 5xx", async () => {
    expect(await run([{ status: 504 }, { status: 201 }], { once: true })).toEqual({ slept: [], attempts: 1, status: 504 });
    expect(await run([{ status: 503 }, { status: 201 }], { once: true })).toEqual({ slept: [], attempts: 1, status: 503 });
    expect(await run([{ status: 429, retryAfter: "2" }, { status: 201 }], { once: true })).toEqual({ slept: [2000], attempts: 2, status: 201 });
    // An idempotent request is retried after a 504, with backoff.
    expect(await run([{ status: 504 }, { status: 200 }])).toEqual({ slept: [1000], attempts: 2, status: 200 });
  });
});

describe("pacer", () => {
  it("allows `count` uses per window and then waits for the oldest to expire", async () => {
    let t = 0;
    const slept: number[] = [];
    const p = new Pacer({ now: () => t, sleep: async (ms) => { slept.push(ms); t += ms; } });
    for (let i = 0; i < 4; i++) await p.take(["adds:c1", { count: 4, perMs: 60_000 }]);
    expect(slept).toEqual([]);
    await p.take(["adds:c1", { count: 4, perMs: 60_000 }]);
    expect(slept).toEqual([60_001]);
    await p.take(["adds:c2", { count: 4, perMs: 60_000 }]);
    expect(slept).toHaveLength(1);
  });

  it("waits for the tightest of several limits", async () => {
    let t = 0;
    const p = new Pacer({ now: () => t, sleep: async (ms) => { t += ms; } });
    for (let i = 0; i < 5; i++) await p.take(["team:x", { count: 4, perMs: 1000 }], ["global", { count: 30, perMs: 1000 }]);
    expect(t).toBe(1001);
  });
});
