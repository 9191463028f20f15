/**
 * /readyz turns false when the database or the job queue stalls, and true again when they recover: a load
 * balancer must stop sending traffic to an instance whose pool is stuck or whose queue has frozen.
 */
import type pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../support/harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function readyz(harness: Harness) {
  const res = await harness.app.inject({ method: "GET", url: "/readyz" });
  return { status: res.statusCode, body: res.json<{ status: string; database: { ok: boolean; detail?: string }; queue: { ok: boolean; lastHeartbeatAt: string | null; detail?: string } }>() };
}

/** Ask until `accept` holds (or the deadline passes) and return the last answer. */
async function until(harness: Harness, accept: (r: Awaited<ReturnType<typeof readyz>>) => boolean, ms: number) {
  const deadline = Date.now() + ms;
  let r = await readyz(harness);
  while (!accept(r) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    r = await readyz(harness);
  }
  return r;
}

describe("readiness", () => {
  it("is ready once the queue's heartbeat has run, and not ready when it stops running", async () => {
    h = await createHarness({}, { jobs: { work: true, heartbeatStaleMs: 2_000 } });
    // Start-up allowance: ready before the first heartbeat; the one sent at start runs within seconds.
    const first = await until(h, (r) => r.body.queue.lastHeartbeatAt !== null, 15_000);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: "ready", database: { ok: true }, queue: { ok: true } });
    // The next heartbeat is a minute away (its schedule): after 2 s without one the queue counts as frozen.
    const stale = await until(h, (r) => r.status === 503, 15_000);
    expect(stale.status).toBe(503);
    expect(stale.body).toMatchObject({ status: "not_ready", database: { ok: true }, queue: { ok: false, detail: "heartbeat_stale" } });
  });

  it("is not ready while the database does not answer within 2 s, and ready again when it does", async () => {
    h = await createHarness();
    expect((await readyz(h)).status).toBe(200);
    // Every connection of the app's pool is taken and held: a round trip cannot happen.
    const held: pg.PoolClient[] = [];
    for (let i = 0; i < 4; i++) held.push(await h.store.pool.connect());
    const started = Date.now();
    const stalled = await readyz(h);
    expect(stalled.status).toBe(503);
    expect(stalled.body).toMatchObject({ status: "not_ready", database: { ok: false, detail: "timeout" } });
    expect(Date.now() - started).toBeLessThan(10_000);
    for (const c of held) c.release();
    expect((await until(h, (r) => r.status === 200, 10_000)).status).toBe(200);
  });
});
