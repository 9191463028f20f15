/**
 * The real Graph workers on the harness's pg-boss, talking to a Graph stand-in: the demo people in its directory,
 * a host team, Teams jobs earlier test files left queued cleared first (and on stop), as test files that watch
 * how jobs are queued and re-queued need them.
 */
import { DEMO_IDENTITIES } from "../../src/domain/demo.js";
import { registerWorkers } from "../../src/jobs/workers.js";
import { gatewayFor } from "./graph-standin/gateway.js";
import type { GraphStandIn } from "./graph-standin/server.js";
import type { Harness } from "./harness.js";
import { clearQueuedTeamsJobs } from "./queued-jobs.js";

const FINANCE = "7f1c2a4e-0b8d-4c1e-9a51-3d2f6b8e1a01";
const oid = (key: string) => DEMO_IDENTITIES.find((d) => d.key === key)!.objectId;
const silent = { info: () => undefined, warn: () => undefined };

export interface StandInWorkers {
  hostTeamId: string;
  /** Stop the workers and leave no queued Teams job for a later test file. */
  stop(): Promise<void>;
}

/** Start the workers against `g` (already started); the host team has Tom and Priya in it. */
export async function startStandInWorkers(h: Harness, g: GraphStandIn, options: { noticePollMs: number }): Promise<StandInWorkers> {
  for (const d of DEMO_IDENTITIES) g.addUser({ id: d.objectId, userPrincipalName: d.email, companyName: "Department of Finance" });
  const hostTeamId = g.addTeam("Guildhall communities", [oid("tom")], [oid("priya")]);
  await clearQueuedTeamsJobs(h.store.db);
  const stopWorkers = await registerWorkers({
    db: h.store.db,
    jobs: h.jobs,
    inactivityDays: 90,
    teams: {
      port: gatewayFor(g, { timeScale: 0.01, baseDelayMs: 20 }),
      hostTeamId,
      hostTenantId: FINANCE,
      eligibility: h.config.eligibility,
      agencyAttribute: "companyName",
      noticeLink: () => "https://teams.microsoft.com",
      noticePollMs: options.noticePollMs,
    },
    logger: silent,
  });
  return {
    hostTeamId,
    async stop() {
      await stopWorkers();
      await clearQueuedTeamsJobs(h.store.db);
    },
  };
}
