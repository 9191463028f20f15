import { describe, expect, it } from "vitest";
import { createDevTokenSource } from "./devTokens.js";

describe("dev token source", () => {
  it("reuses a token until it nears expiry, then fetches a new one", async () => {
    let clock = Date.parse("2030-01-01T00:00:00Z");
    let issued = 0;
    const source = createDevTokenSource(
      "tom",
      async () => {
        issued += 1;
        return { token: `t${issued}`, expiresAt: new Date(clock + 60 * 60_000).toISOString() };
      },
      { now: () => clock, refreshMarginMs: 2 * 60_000 },
    );
    expect(await source.getToken()).toBe("t1");
    clock += 50 * 60_000;
    expect(await source.getToken()).toBe("t1");
    clock += 9 * 60_000; // one minute left: inside the refresh margin
    expect(await source.getToken()).toBe("t2");
  });

  it("shares one request between concurrent callers and refetches after invalidate", async () => {
    let issued = 0;
    const source = createDevTokenSource("tom", async () => {
      issued += 1;
      return { token: `t${issued}`, expiresAt: "2999-01-01T00:00:00Z" };
    });
    const [a, b] = await Promise.all([source.getToken(), source.getToken()]);
    expect([a, b, issued]).toEqual(["t1", "t1", 1]);
    source.invalidate();
    expect(await source.getToken()).toBe("t2");
  });
});
