/**
 * The provisioning worker on pg-boss against the strict Graph stand-in: Teams' Retry-After decides when the job
 * runs again. A Retry-After longer than a minute re-queues the job to start no sooner (it used to be cut to 60 s
 * and retried early), and a team being created is first polled after the Retry-After of its 202, not 0.01 s later.
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDENTITIES } from "../../src/domain/demo.js";
import { PROVISION_QUEUE } from "../../src/commands/communities/decide.js";
import { GraphStandIn } from "../support/graph-standin/server.js";
import { createHarness, type Harness } from "../support/harness.js";
import { startStandInWorkers, type StandInWorkers } from "../support/standin-workers.js";

const TEAM_RETRY_AFTER = 45;
let h: Harness;
let g: GraphStandIn;
let workers: StandInWorkers;
const tokens = new Map<string, string>();

beforeAll(async () => {
  h = await createHarness({}, { commands: { graphConnected: true }, jobs: { work: true } });
  for (const d of DEMO_IDENTITIES) tokens.set(d.key, await h.tokenFor(d.key));
  g = new GraphStandIn({ timeScale: 0.01, teamCreationMs: 60_000, asyncRetryAfterSeconds: TEAM_RETRY_AFTER });
  await g.start();
  workers = await startStandInWorkers(h, g, { noticePollMs: 0 });
});
afterAll(async () => {
  await workers.stop();
  await h.close();
  await g.stop();
});

async function approved(over: Record<string, unknown> = {}): Promise<string> {
  const auth = (who: string) => ({ authorization: `Bearer ${tokens.get(who)}` });
  const p = await h.app.inject({ method: "POST", url: "/api/v1/communities", headers: auth("tom"), payload: { name: `Queued ${randomUUID().slice(0, 8)}`, purpose: "A community to test the provisioning queue.", termsOfReference: "ToR", codeOfPractice: "Code", visibility: "closed", scope: "cross_agency", classification: "OFFICIAL", ...over } });
  expect(p.statusCode).toBe(201);
  const id = (p.json() as { id: string }).id;
  expect((await h.app.inject({ method: "POST", url: `/api/v1/communities/${id}/decision`, headers: auth("priya"), payload: { decision: "approve" } })).statusCode).toBe(200);
  return id;
}

/** The provision job queued for later under `key`, with how many seconds after its creation it may start. */
async function queuedLater(key: string) {
  const r = await sql<{ delay: number }>`select extract(epoch from start_after - created_on)::float8 as delay from pgboss.job where name = ${PROVISION_QUEUE} and singleton_key = ${key} and state = 'created'`.execute(h.store.db);
  return r.rows[0]?.delay;
}

describe("the provisioning job and Teams' Retry-After", () => {
  it("a 429 with Retry-After: 120 is not retried early: the job is re-queued to start 120 s later", async () => {
    g.inject(/^POST \/teams\/[^/]+\/channels$/, { status: 429, retryAfter: 120 });
    const id = await approved();
    await expect.poll(() => queuedLater(`${id}:later`), { timeout: 20_000, interval: 250 }).toBeGreaterThanOrEqual(119);
    const posts = g.calls.filter((c) => c.method === "POST" && c.path.endsWith("/channels"));
    expect(posts.map((c) => c.status)).toEqual([429]);
    const link = await h.store.db.selectFrom("teams_links").select(["state", "last_error"]).where("community_id", "=", id).executeTakeFirstOrThrow();
    expect(link).toMatchObject({ state: "provisioning", last_error: expect.stringContaining("120 s") });
  });

  it("a team being created is polled first after the Retry-After of its 202, not at once", async () => {
    const id = await approved({ teamsPresence: "team" });
    await expect.poll(() => queuedLater(`${id}:poll`), { timeout: 20_000, interval: 250 }).toBeGreaterThanOrEqual(TEAM_RETRY_AFTER - 2);
    expect(g.calls.filter((c) => c.method === "POST" && c.path === "/teams").map((c) => c.status)).toEqual([202]);
    expect(g.calls.filter((c) => c.path.includes("/operations"))).toEqual([]);
  });
});
