import { describe, expect, it } from "vitest";
import { RefusalLimiter, type RefusalLimits } from "./refusals.js";

const LIMITS: RefusalLimits = { burst: 3, refillMs: 1000, globalPerMinute: 6, summaryMs: 60_000, maxKeys: 2 };

function limiter(over: Partial<RefusalLimits> = {}) {
  let t = 0;
  const l = new RefusalLimiter({ ...LIMITS, ...over }, () => t);
  return { l, advance: (ms: number) => (t += ms) };
}

describe("refusal limiter", () => {
  it("lets a burst through per client and reason, then one per refill, and summarises the rest", () => {
    const { l, advance } = limiter();
    const admitted = Array.from({ length: 10 }, () => l.admit("10.0.0.1", "auth.invalid_token")).filter(Boolean).length;
    expect(admitted).toBe(3);
    expect(l.admit("10.0.0.1", "auth.missing_token")).toBe(true);
    advance(1000);
    expect(l.admit("10.0.0.1", "auth.invalid_token")).toBe(true);
    expect(l.admit("10.0.0.1", "auth.invalid_token")).toBe(false);
    const summary = l.drain();
    expect(summary?.event).toBe("access.refusals_suppressed");
    expect(summary?.detail).toMatchObject({ suppressed: 8, byReason: { "auth.invalid_token": 8 }, topClients: [{ client: "10.0.0.1", n: 8 }] });
    expect(l.drain()).toBeUndefined();
  });

  it("caps the whole instance whatever the number of clients", () => {
    const { l } = limiter({ maxKeys: 1000 });
    const admitted = Array.from({ length: 50 }, (_, i) => l.admit(`10.0.1.${i}`, "auth.invalid_token")).filter(Boolean).length;
    expect(admitted).toBe(6);
    expect(l.drain()?.detail).toMatchObject({ suppressed: 44 });
  });

  it("beyond maxKeys, new clients share one bucket per reason, so memory stays bounded", () => {
    const { l } = limiter({ globalPerMinute: 1000 });
    const admitted = Array.from({ length: 50 }, (_, i) => l.admit(`10.0.2.${i}`, "auth.invalid_token")).filter(Boolean).length;
    // Two clients get a bucket each (one row each); the other 48 share one bucket of 3.
    expect(admitted).toBe(5);
  });
});
