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
import { LIFECYCLE_QUEUE } from "./lifecycle.js";
import { REVERIFY_QUEUE } from "./reverify.js";

export const QUEUES = {
  heartbeat: "system.heartbeat",
  provision: PROVISION_QUEUE,
  syncMembers: SYNC_QUEUE,
} as const;

/** Durable queues and their dead-letter queues (a job that exhausts its retries lands there, visible). */
const WORK_QUEUES = [QUEUES.provision, QUEUES.syncMembers, ARCHIVE_QUEUE, LIFECYCLE_QUEUE, REVERIFY_QUEUE];

export type PgBossJob<T> = PgBoss.Job<T>;

export interface JobsLogger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface Jobs {
  boss: PgBoss;
  /** Ready when pg-boss is started and its schema answers. */
  health(): Promise<{ ok: boolean; lastHeartbeatAt: string | null; detail?: string }>;
  stop(): Promise<void>;
}

export interface JobsOptions {
  url: string;
  ssl: "disable" | "require" | "verify-full";
  /** As for the app's pool: a password per connection (managed identity). */
  password?: () => Promise<string>;
  logger: JobsLogger;
  /** Run workers in this process (true for the web instances; tests may turn it off). */
  work?: boolean;
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
  });
  boss.on("error", (err: Error) => options.logger.error({ err: { type: err.name, message: err.message } }, "job queue error"));
  await boss.start();
  await boss.createQueue(QUEUES.heartbeat, { name: QUEUES.heartbeat, policy: "singleton", retentionMinutes: 60 });
  for (const name of WORK_QUEUES) {
    await boss.createQueue(`${name}.dead`, { name: `${name}.dead` });
    await boss.createQueue(name, { name, deadLetter: `${name}.dead`, retryLimit: 8, retryBackoff: true, retryDelay: 5 });
  }

  let lastHeartbeatAt: Date | null = null;
  if (options.work !== false) {
    await boss.work(QUEUES.heartbeat, async () => {
      lastHeartbeatAt = new Date();
    });
    await boss.schedule(QUEUES.heartbeat, "* * * * *");
    await boss.send(QUEUES.heartbeat, {});
  }

  return {
    boss,
    async health() {
      try {
        await boss.getQueueSize(QUEUES.heartbeat);
        return { ok: true, lastHeartbeatAt: lastHeartbeatAt?.toISOString() ?? null };
      } catch (err) {
        return { ok: false, lastHeartbeatAt: lastHeartbeatAt?.toISOString() ?? null, detail: (err as Error).name };
      }
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 5_000, wait: true });
    },
  };
}
