/**
 * Registers the background workers on pg-boss. Every instance runs them; pg-boss hands each job to one
 * worker. Workers that talk to Teams run only when Graph is connected (a tenant is configured).
 */
import type { Kysely } from "kysely";
import type { PgBossJob } from "./queue.js";
import { ARCHIVE_QUEUE } from "../commands/communities/archive.js";
import type { EligibilitySettings } from "../domain/policy.js";
import type { Database } from "../store/schema.js";
import { abandonArchive, archiveInTeams } from "./archiveTeams.js";
import { deliverNotices } from "./deliverNotices.js";
import { flagInactiveCommunities, LIFECYCLE_QUEUE } from "./lifecycle.js";
import { asTeamsFailure, type TeamsPort } from "./ports.js";
import { abandonProvisioning, nextPollSeconds, provisionCommunity } from "./provision.js";
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

  await boss.work<{ communityId: string }>(QUEUES.provision, { batchSize: 1 }, async ([job]: CommunityJob[]) => {
    if (!job) return;
    deps.logger.info({ communityId: job.data.communityId, jobId: job.id }, "provisioning started");
    const outcome = await provisionCommunity(provisionDeps, job.data.communityId).catch(async (err: unknown) => {
      // Teams asked for a longer wait (Retry-After) than is spent in-process: start again no sooner.
      const later = asTeamsFailure(err).retryAfterSeconds;
      if (later === undefined) throw err;
      await boss.send(QUEUES.provision, job.data, { startAfter: later, singletonKey: `${job.data.communityId}:later` });
      return "requeued" as const;
    });
    // Team creation is asynchronous: poll no sooner than Teams' Retry-After (else the documented 30 s).
    if (outcome === "waiting_for_team") await boss.send(QUEUES.provision, job.data, { startAfter: await nextPollSeconds(deps.db, job.data.communityId), singletonKey: `${job.data.communityId}:poll` });
  });

  // Out of retries: say so on the community page instead of showing "in progress" for ever.
  await boss.work<{ communityId: string }>(`${QUEUES.provision}.dead`, { batchSize: 1 }, async ([job]: CommunityJob[]) => {
    if (!job) return;
    if (await abandonProvisioning(deps.db, job.data.communityId)) deps.logger.warn({ communityId: job.data.communityId }, "provisioning gave up after its retries");
  });

  await boss.work<{ communityId: string }>(QUEUES.syncMembers, { batchSize: 1 }, async ([job]: CommunityJob[]) => {
    if (!job) return;
    const report = await syncMembers(provisionDeps, job.data.communityId);
    deps.logger.info({ communityId: job.data.communityId, ...report }, "membership synced");
  });

  // Archives are asynchronous in Teams: poll the operation no sooner than 30 s (or its Retry-After).
  await boss.work<{ communityId: string }>(ARCHIVE_QUEUE, { batchSize: 1 }, async ([job]: CommunityJob[]) => {
    if (!job) return;
    const r = await archiveInTeams({ db: deps.db, teams: teams.port }, job.data.communityId).catch(async (err: unknown) => {
      // Teams asked for a longer wait (Retry-After) than is spent in-process: start again no sooner.
      const later = asTeamsFailure(err).retryAfterSeconds;
      if (later === undefined) throw err;
      await boss.send(ARCHIVE_QUEUE, job.data, { startAfter: later, singletonKey: `${job.data.communityId}:later` });
      return { outcome: "requeued" as const };
    });
    if (r.outcome === "waiting") await boss.send(ARCHIVE_QUEUE, job.data, { startAfter: r.pollAfterSeconds, singletonKey: `${job.data.communityId}:poll` });
    if (r.outcome === "failed") deps.logger.warn({ communityId: job.data.communityId }, "Teams archive refused");
  });
  await boss.work<{ communityId: string }>(`${ARCHIVE_QUEUE}.dead`, { batchSize: 1 }, async ([job]: CommunityJob[]) => {
    if (!job) return;
    if (await abandonArchive(deps.db, job.data.communityId)) deps.logger.warn({ communityId: job.data.communityId }, "Teams archive gave up after its retries");
  });

  await boss.work(REVERIFY_QUEUE, async () => {
    const report = await reverifyMembers({ db: deps.db, teams: teams.port, eligibility: teams.eligibility, agencyAttribute: teams.agencyAttribute, hostTenantId: teams.hostTenantId });
    for (const communityId of report.communities) await boss.send(QUEUES.syncMembers, { communityId }, { singletonKey: communityId });
    deps.logger.info({ checked: report.checked, notChecked: report.notChecked, removed: report.removals.length }, "members re-verified");
  });
  await boss.schedule(REVERIFY_QUEUE, "41 2 * * *");

  // The notice outbox: every instance looks every few seconds; SKIP LOCKED shares the rows between them.
  const pollMs = teams.noticePollMs ?? 5_000;
  if (pollMs <= 0) return async () => undefined;
  const delivery = { db: deps.db, teams: teams.port, hostTenantId: teams.hostTenantId, linkFor: teams.noticeLink };
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = deliverNotices(delivery)
      .then((r) => {
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
