/**
 * /readyz turns false when the database or the job queue stalls, and true again when they recover: a load
 * balancer must stop sending traffic to an instance whose pool is stuck or whose queue has frozen.
 */
import type pg from "pg";
import pino from "pino";
import { afterEach, describe, expect, inject, it } from "vitest";
import { startJobs } from "../../src/jobs/queue.js";
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

  it("reads the heartbeat from the database only, so an instance that runs no workers reports the one another completed", async () => {
    h = await createHarness({}, { jobs: { work: true } });
    const harness = h;
    await until(harness, (r) => r.body.queue.lastHeartbeatAt !== null, 15_000);
    const recorded = async () => {
      const { rows } = await harness.jobs.boss.getDb().executeSql(`select max(completed_on) as last from pgboss.job where name = 'system.heartbeat' and state = 'completed'`, []);
      return new Date((rows[0] as { last: string | Date }).last).toISOString();
    };
    const onlooker = await startJobs({ url: inject("databaseUrl"), ssl: "disable", logger: pino({ level: "silent" }), work: false });
    try {
      // Another instance's heartbeat may complete between two reads: compare while the recorded one stays put.
      let answers = { worker: null as string | null, onlooker: null as string | null, database: "" };
      for (let attempt = 0; attempt < 5; attempt++) {
        const database = await recorded();
        answers = { worker: (await readyz(harness)).body.queue.lastHeartbeatAt, onlooker: (await onlooker.health()).lastHeartbeatAt, database };
        if ((await recorded()) === database) break;
      }
      expect(answers.worker).toBe(answers.database);
      expect(answers.onlooker).toBe(answers.database);
      expect((await onlooker.health()).ok).toBe(true);
    } finally {
      await onlooker.stop();
    }
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
