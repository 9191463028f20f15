import { describe, expect, it } from "vitest";
import { Pacer } from "./pacer.js";
import { backoffMs, parseRetryAfter } from "./retry.js";

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
