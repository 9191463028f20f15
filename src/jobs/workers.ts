/**
 * Registers the background workers on pg-boss. Every instance runs them; pg-boss hands each job to one
 * worker. Workers that talk to Teams run only when Graph is connected (a tenant is configured).
 */
import type { Kysely } from "kysely";
import type { PgBossJob } from "./queue.js";
import { ARCHIVE_QUEUE } from "../commands/communities/archive.js";
import type { EligibilitySettings } from "../domain/policy.js";
import type { Database } from "../store/schema.js";
import { UNARCHIVE_QUEUE } from "../commands/communities/lifecycle.js";
import { abandonArchive, abandonUnarchive, archiveInTeams, unarchiveInTeams } from "./archiveTeams.js";
import { deliverNotices } from "./deliverNotices.js";
import { flagInactiveCommunities, LIFECYCLE_QUEUE } from "./lifecycle.js";
import { asTeamsFailure, type TeamsPort } from "./ports.js";
import { abandonProvisioning, provisionCommunity } from "./provision.js";
import { QUEUES, type Jobs } from "./queue.js";
import { reverifyMembers, REVERIFY_QUEUE } from "./reverify.js";
import { syncMembers } from "./syncMembers.js";

export interface WorkerDeps {
  db: Kysely<Database>;
  jobs: Jobs;
  inactivityDays: number;
  teams?: {
    port: TeamsPort;
    hostTeamId: string;
    hostTenantId: string;
    eligibility: EligibilitySettings;
    agencyAttribute: "companyName" | "department";
    /** Where an activity-feed notice links to. */
    noticeLink: (n: { communityId: string | null }) => string;
    /** How often to look for notices to deliver (ms); 0 turns delivery off. */
    noticePollMs?: number;
  };
  logger: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };
}

type CommunityJob = PgBossJob<{ communityId: string }>;

/** Stops what registerWorkers started outside pg-boss (the notice poller). */
export type StopWorkers = () => Promise<void>;

export async function registerWorkers(deps: WorkerDeps): Promise<StopWorkers> {
  const { boss } = deps.jobs;

  await boss.work(LIFECYCLE_QUEUE, async () => {
    const flagged = await flagInactiveCommunities(deps.db, deps.inactivityDays);
    if (flagged.length > 0) deps.logger.info({ flagged: flagged.length }, "inactive communities flagged");
  });
  await boss.schedule(LIFECYCLE_QUEUE, "17 3 * * *");

  const teams = deps.teams;
  if (!teams) return async () => undefined;
  const provisionDeps = { db: deps.db, teams: teams.port, hostTeamId: teams.hostTeamId, hostTenantId: teams.hostTenantId };

  /**
   * Every queue whose jobs talk to Graph is worked through here, one job at a time. `run` returns the seconds after
   * which the job must run again (Teams is still working: a team being made, an archive under way), else nothing.
   * When Teams asked to be left alone for longer than a request waits in-process (Retry-After, thrown as
   * RetryLater), the job is re-queued to start no sooner, instead of failing and being retried early by pg-boss.
   */
  const workGraphQueue = async <T extends object>(queue: string, run: (data: T, jobId: string) => Promise<number | undefined>): Promise<void> => {
    await boss.work<T>(queue, { batchSize: 1 }, async ([job]: PgBossJob<T>[]) => {
      if (!job) return;
      const data: unknown = job.data; // null for a scheduled job
      const key = typeof data === "object" && data !== null && "communityId" in data && typeof data.communityId === "string" ? data.communityId : queue;
      let again: number | undefined;
      try {
        again = await run(job.data, job.id);
      } catch (err) {
        const later = asTeamsFailure(err).retryAfterSeconds;
        if (later === undefined) throw err;
        deps.logger.info({ queue, key, retryAfterSeconds: later }, "Teams asked to wait: job re-queued");
        await boss.send(queue, job.data, { startAfter: later, singletonKey: `${key}:later` });
        return;
      }
      if (again !== undefined) await boss.send(queue, job.data, { startAfter: again, singletonKey: `${key}:poll` });
    });
  };

  await workGraphQueue<{ communityId: string }>(QUEUES.provision, async ({ communityId }, jobId) => {
    deps.logger.info({ communityId, jobId }, "provisioning started");
    const outcome = await provisionCommunity(provisionDeps, communityId);
    // Team creation is asynchronous: look again no sooner than Teams' Retry-After (else the documented 30 s).
    return typeof outcome === "object" ? outcome.pollAfterSeconds : undefined;
  });

  // Out of retries: say so on the community page instead of showing "in progress" for ever.
  await boss.work<{ communityId: string }>(`${QUEUES.provision}.dead`, { batchSize: 1 }, async ([job]: CommunityJob[]) => {
    if (!job) return;
    if (await abandonProvisioning(deps.db, job.data.communityId)) deps.logger.warn({ communityId: job.data.communityId }, "provisioning gave up after its retries");
  });

  await workGraphQueue<{ communityId: string }>(QUEUES.syncMembers, async ({ communityId }) => {
    const report = await syncMembers(provisionDeps, communityId);
    deps.logger.info({ communityId, ...report }, "membership synced");
    return undefined;
  });

  // Archives are asynchronous in Teams: poll the operation no sooner than 30 s (or its Retry-After).
  await workGraphQueue<{ communityId: string }>(ARCHIVE_QUEUE, async ({ communityId }) => {
    const r = await archiveInTeams({ db: deps.db, teams: teams.port }, communityId);
    if (r.outcome === "failed") deps.logger.warn({ communityId }, "Teams archive refused");
    return r.outcome === "waiting" ? r.pollAfterSeconds : undefined;
  });
  await boss.work<{ communityId: string }>(`${ARCHIVE_QUEUE}.dead`, { batchSize: 1 }, async ([job]: CommunityJob[]) => {
    if (!job) return;
    if (await abandonArchive(deps.db, job.data.communityId)) deps.logger.warn({ communityId: job.data.communityId }, "Teams archive gave up after its retries");
  });

  // Un-archives are asynchronous in Teams too (issue 8): the same polling, retries and dead-letter as archives.
  await workGraphQueue<{ communityId: string }>(UNARCHIVE_QUEUE, async ({ communityId }) => {
    const r = await unarchiveInTeams({ db: deps.db, teams: teams.port }, communityId);
    if (r.outcome === "failed") deps.logger.warn({ communityId }, "Teams restore refused");
    return r.outcome === "waiting" ? r.pollAfterSeconds : undefined;
  });
  await boss.work<{ communityId: string }>(`${UNARCHIVE_QUEUE}.dead`, { batchSize: 1 }, async ([job]: CommunityJob[]) => {
    if (!job) return;
    if (await abandonUnarchive(deps.db, job.data.communityId)) deps.logger.warn({ communityId: job.data.communityId }, "Teams restore gave up after its retries");
  });

  await workGraphQueue<object>(REVERIFY_QUEUE, async () => {
    const report = await reverifyMembers({ db: deps.db, teams: teams.port, eligibility: teams.eligibility, agencyAttribute: teams.agencyAttribute, hostTenantId: teams.hostTenantId });
    for (const communityId of report.communities) await boss.send(QUEUES.syncMembers, { communityId }, { singletonKey: communityId });
    deps.logger.info({ checked: report.checked, notChecked: report.notChecked, removed: report.removals.length }, "members re-verified");
    return undefined;
  });
  await boss.schedule(REVERIFY_QUEUE, "41 2 * * *");

  // The notice outbox: every instance looks every few seconds; SKIP LOCKED shares the rows between them.
  const pollMs = teams.noticePollMs ?? 5_000;
  if (pollMs <= 0) return async () => undefined;
  const delivery = { db: deps.db, teams: teams.port, hostTenantId: teams.hostTenantId, linkFor: teams.noticeLink };
  let running: Promise<void> | undefined;
  // When Teams asked to be left alone (a long Retry-After), this instance sends nothing before then.
  let notBefore = 0;
  const timer = setInterval(() => {
    if (running || Date.now() < notBefore) return;
    running = deliverNotices(delivery)
      .then((r) => {
        if (r.retryAfterSeconds !== undefined) {
          notBefore = Date.now() + r.retryAfterSeconds * 1000;
          deps.logger.info({ retryAfterSeconds: r.retryAfterSeconds }, "Teams asked to wait: notice delivery paused");
        }
        if (r.sent + r.failed + r.retrying > 0) deps.logger.info({ ...r }, "notices delivered to Teams");
        if (r.permissionMissing > 0) deps.logger.warn({ refused: r.permissionMissing }, "Teams refused notices: the app registration lacks TeamsActivity.Send or admin consent (see docs/operations.md)");
      })
      .catch((err: unknown) => deps.logger.warn({ err: { type: err instanceof Error ? err.name : typeof err, message: err instanceof Error ? err.message : String(err) } }, "notice delivery failed"))
      .finally(() => {
        running = undefined;
      });
  }, pollMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
