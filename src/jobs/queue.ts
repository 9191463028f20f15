/**
 * pg-boss: the durable queue background features use (provisioning, membership sync, archive, inactivity,
 * re-verification). Notices to Teams go through their own outbox table instead (jobs/deliverNotices.ts). Its
 * tables live in the `pgboss` schema of the app's database.
 */
import PgBoss from "pg-boss";
import { connectionTarget, pgSsl } from "../store/connection.js";
import { PROVISION_QUEUE } from "../commands/communities/decide.js";
import { SYNC_QUEUE } from "../commands/communities/membership.js";
import { ARCHIVE_QUEUE } from "../commands/communities/archive.js";
import { UNARCHIVE_QUEUE } from "../commands/communities/lifecycle.js";
import { LIFECYCLE_QUEUE } from "./lifecycle.js";
import { REVERIFY_QUEUE } from "./reverify.js";

export const QUEUES = {
  heartbeat: "system.heartbeat",
  provision: PROVISION_QUEUE,
  syncMembers: SYNC_QUEUE,
} as const;

/**
 * Durable queues and their dead-letter queues (a job that exhausts its retries lands there, visible). The one list:
 * src/store/roles.ts derives from it the queues a deployment with separate database roles must create up front.
 */
export const WORK_QUEUES: readonly string[] = [QUEUES.provision, QUEUES.syncMembers, ARCHIVE_QUEUE, UNARCHIVE_QUEUE, LIFECYCLE_QUEUE, REVERIFY_QUEUE];

export type PgBossJob<T> = PgBoss.Job<T>;

export interface JobsLogger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface JobsHealth {
  ok: boolean;
  lastHeartbeatAt: string | null;
  /** Why not ok: the queue's tables did not answer, or the heartbeat job has not run for too long. */
  detail?: string;
}

export interface Jobs {
  boss: PgBoss;
  /**
   * Ready when pg-boss's tables answer and, where this process runs workers, the heartbeat job (scheduled
   * every minute, and once at start; run by whichever instance fetches it) completed within `heartbeatStaleMs`,
   * allowing that long after start-up: a frozen queue or schedule turns readiness false.
   */
  health(): Promise<JobsHealth>;
  /** Stop fetching jobs and wait for running ones up to `timeoutMs` (default 3 s), then close the pool. */
  stop(timeoutMs?: number): Promise<void>;
}

export interface JobsOptions {
  url: string;
  ssl: "disable" | "require" | "verify-full";
  /** As for the app's pool: a password per connection (managed identity). */
  password?: () => Promise<string>;
  logger: JobsLogger;
  /** Run workers in this process (true for the web instances; tests may turn it off). */
  work?: boolean;
  /** The heartbeat counts as stale after this long (default 150 s: the minute schedule plus slack). */
  heartbeatStaleMs?: number;
  /**
   * Several instances: a job still active this long after it started belonged to an instance that died, and is
   * retried on another (default 300 s; pg-boss's own default is 15 minutes). Provisioning steps are idempotent.
   */
  jobExpireSeconds?: number;
  /** How often one of the instances runs pg-boss maintenance, which retries such jobs (default 30 s; pg-boss: 120 s). */
  maintenanceIntervalSeconds?: number;
}

/**
 * Instances that start together on a new database create the same queues at once (a table and a partition
 * each), and PostgreSQL may end one of them as a deadlock victim. Creating a queue is idempotent: try again.
 */
async function retryDeadlocks(fn: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await fn();
      return;
    } catch (err) {
      if ((err as { code?: unknown }).code !== "40P01" || attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 100 * attempt + Math.random() * 200));
    }
  }
}

export async function startJobs(options: JobsOptions): Promise<Jobs> {
  const boss = new PgBoss({
    ...connectionTarget(options.url, options.password),
    ssl: pgSsl(options.ssl),
    schema: "pgboss",
    max: 4,
    application_name: "guildhall-jobs",
    retryLimit: 5,
    retryBackoff: true,
    deleteAfterDays: 7,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
  });
  boss.on("error", (err: Error) => options.logger.error({ err: { type: err.name, message: err.message } }, "job queue error"));
  await boss.start();
  await retryDeadlocks(async () => {
    await boss.createQueue(QUEUES.heartbeat, { name: QUEUES.heartbeat, policy: "singleton", retentionMinutes: 60 });
    for (const name of WORK_QUEUES) {
      await boss.createQueue(`${name}.dead`, { name: `${name}.dead` });
      await boss.createQueue(name, { name, deadLetter: `${name}.dead`, retryLimit: 8, retryBackoff: true, retryDelay: 5 });
      // createQueue keeps an existing queue's settings: the expiry is set on queues made by older releases too.
      await boss.updateQueue(name, { name, expireInSeconds: options.jobExpireSeconds ?? 300 });
    }
  });

  const startedAt = Date.now();
  const staleMs = options.heartbeatStaleMs ?? 150_000;
  if (options.work !== false) {
    // The job's work is being done: pg-boss records its completion, which is what readiness reads.
    await boss.work(QUEUES.heartbeat, async () => undefined);
    await boss.schedule(QUEUES.heartbeat, "* * * * *");
    await boss.send(QUEUES.heartbeat, {});
  }

  return {
    boss,
    async health() {
      let lastCompleted: Date | null;
      try {
        // The heartbeat is a singleton job: with several instances, any one of them runs it, so freshness is
        // judged by the last one completed anywhere (a frozen queue or a stopped schedule makes it old). The
        // database is the only record of it: this process keeps no timestamp of its own.
        const { rows } = await boss.getDb().executeSql(`select max(completed_on) as last from pgboss.job where name = $1 and state = 'completed'`, [QUEUES.heartbeat]);
        const value = (rows[0] as { last: Date | string | null } | undefined)?.last ?? null;
        lastCompleted = value === null ? null : new Date(value);
      } catch (err) {
        return { ok: false, lastHeartbeatAt: null, detail: (err as Error).name };
      }
      const lastHeartbeatAt = lastCompleted?.toISOString() ?? null;
      if (options.work === false) return { ok: true, lastHeartbeatAt };
      // Since the last heartbeat, but never less than since start-up (the one sent at start needs a moment).
      if (Date.now() - Math.max(lastCompleted?.getTime() ?? 0, startedAt) > staleMs) return { ok: false, lastHeartbeatAt, detail: "heartbeat_stale" };
      return { ok: true, lastHeartbeatAt };
    },
    async stop(timeoutMs = 3_000) {
      await boss.stop({ graceful: true, timeout: timeoutMs, wait: true });
    },
  };
}
