/**
 * Archiving a community's team or channel in Microsoft Teams. Both archives are asynchronous in Graph
 * (202 + `Location` of a teamsAsyncOperation): the request is recorded the moment Teams accepts it, the
 * operation is polled no sooner than the documented 30 s (or the Retry-After Teams gives), and only then is
 * the Teams archive recorded as done. The Teams archive state lives apart from the community's Guildhall
 * status, so the tab can say that Teams has not finished, or show Teams' reason when it failed, with a retry.
 * Un-archiving (issue 8) is the same in reverse, tracked in its own columns (`unarchive_*`, migration 0010).
 */
import { sql, type Kysely } from "kysely";
import { appendAudit } from "../store/audit.js";
import type { Database, TeamsLink } from "../store/schema.js";
import { asTeamsFailure, type TeamsPort } from "./ports.js";

export interface ArchiveDeps {
  db: Kysely<Database>;
  teams: Pick<TeamsPort, "archive" | "pollOperation">;
}

/** "waiting": Teams is still archiving; poll again after `pollAfterSeconds`. */
export type ArchiveOutcome = { outcome: "archived" | "failed" | "skipped" } | { outcome: "waiting"; pollAfterSeconds: number };

/** The documented minimum between two polls of a teamsAsyncOperation. */
export const MIN_POLL_SECONDS = 30;

type ArchiveFields = Partial<Pick<TeamsLink, "archive_state" | "archive_operation" | "archive_error">>;

async function setArchive(db: Kysely<Database>, communityId: string, values: ArchiveFields): Promise<void> {
  await db.updateTable("teams_links").set({ ...values, archive_updated_at: sql<Date>`now()` }).where("community_id", "=", communityId).execute();
}

/**
 * Run (or resume) the Teams archive of one archived community. Throws when Teams failed in a way a retry can
 * help (the job is retried, then dead-lettered to {@link abandonArchive}); a permanent refusal is recorded as
 * failed with Teams' reason.
 */
export async function archiveInTeams(deps: ArchiveDeps, communityId: string): Promise<ArchiveOutcome> {
  const community = await deps.db.selectFrom("communities").select(["status", "teams_presence"]).where("id", "=", communityId).executeTakeFirst();
  const link = await deps.db.selectFrom("teams_links").selectAll().where("community_id", "=", communityId).executeTakeFirst();
  if (!community || community.status !== "archived" || !link?.team_id) return { outcome: "skipped" };
  if (community.teams_presence !== "team" && !link.channel_id) return { outcome: "skipped" };
  if (link.archive_state === "archived") return { outcome: "archived" };
  try {
    let operation = link.archive_operation;
    if (!operation) {
      await deps.db
        .updateTable("teams_links")
        .set({ archive_state: "archiving", archive_error: null, archive_attempts: sql<number>`archive_attempts + 1`, archive_updated_at: sql<Date>`now()` })
        .where("community_id", "=", communityId)
        .execute();
      const target = community.teams_presence === "team" ? { teamId: link.team_id } : { teamId: link.team_id, channelId: link.channel_id ?? "" };
      const started = await deps.teams.archive(target);
      if (!started.operationUrl) return await finish(deps.db, communityId);
      operation = started.operationUrl;
      // Record at once: a crash after this point resumes polling instead of asking Teams again.
      await setArchive(deps.db, communityId, { archive_operation: operation });
      return { outcome: "waiting", pollAfterSeconds: Math.max(MIN_POLL_SECONDS, started.retryAfterSeconds ?? 0) };
    }
    const status = await deps.teams.pollOperation(operation);
    if (status.status === "succeeded") return await finish(deps.db, communityId);
    if (status.status === "failed") {
      await setArchive(deps.db, communityId, { archive_state: "failed", archive_operation: null, archive_error: `Microsoft Teams could not archive it${status.error ? `: ${status.error}` : "."} Retry to try again.` });
      return { outcome: "failed" };
    }
    return { outcome: "waiting", pollAfterSeconds: Math.max(MIN_POLL_SECONDS, status.retryAfterSeconds ?? 0) };
  } catch (err) {
    const failure = asTeamsFailure(err);
    await setArchive(deps.db, communityId, { archive_state: failure.retryable ? "archiving" : "failed", archive_error: failure.userMessage });
    if (failure.retryable) throw err;
    return { outcome: "failed" };
  }
}

async function finish(db: Kysely<Database>, communityId: string): Promise<ArchiveOutcome> {
  await setArchive(db, communityId, { archive_state: "archived", archive_operation: null, archive_error: null });
  await appendAudit(db, { event: "community.archived_in_teams", outcome: "info", detail: { communityId } });
  return { outcome: "archived" };
}

/** What the owner reads when Teams kept failing until the archive job ran out of retries. */
export const ARCHIVE_GAVE_UP_MESSAGE = "Microsoft Teams kept failing, so Guildhall stopped trying to archive it there; the channel may still accept messages. Retry when Teams is working again.";

/**
 * The archive job used up its retries (pg-boss moved it to the dead-letter queue): mark the Teams archive
 * failed, keeping Teams' last answer, so owners see that Teams was not archived and can retry. An operation
 * Teams had accepted is kept, so a retry resumes polling it rather than asking Teams again.
 */
export async function abandonArchive(db: Kysely<Database>, communityId: string): Promise<boolean> {
  const row = await db
    .updateTable("teams_links")
    .set({ archive_state: "failed", archive_error: sql<string>`${ARCHIVE_GAVE_UP_MESSAGE} || coalesce(' Last answer from Teams: ' || archive_error, '')`, archive_updated_at: sql<Date>`now()` })
    .where("community_id", "=", communityId)
    .where("archive_state", "in", ["queued", "archiving"])
    .returning("community_id")
    .executeTakeFirst();
  if (!row) return false;
  await appendAudit(db, { event: "community.teams_archive_abandoned", outcome: "info", detail: { communityId } });
  return true;
}

export type UnarchiveDeps = { db: Kysely<Database>; teams: Pick<TeamsPort, "unarchive" | "pollOperation"> };

type UnarchiveFields = Partial<Pick<TeamsLink, "unarchive_state" | "unarchive_operation" | "unarchive_error">>;

async function setUnarchive(db: Kysely<Database>, communityId: string, values: UnarchiveFields): Promise<void> {
  await db.updateTable("teams_links").set({ ...values, unarchive_updated_at: sql<Date>`now()` }).where("community_id", "=", communityId).execute();
}

/**
 * Restore the team or channel of an un-archived community in Microsoft Teams (issue 8): the reverse of
 * {@link archiveInTeams}, asynchronous in Graph the same way (team-unarchive.md, channel-unarchive.md: 202 +
 * `Location` of a teamsAsyncOperation, done only once it succeeds). Where the archive itself is unfinished, its
 * operation is polled first: an archive Teams never completed has nothing to undo. Throws when a retry can help
 * (the job is retried, then dead-lettered to {@link abandonUnarchive}); a permanent refusal is recorded as failed.
 */
export async function unarchiveInTeams(deps: UnarchiveDeps, communityId: string): Promise<ArchiveOutcome> {
  const community = await deps.db.selectFrom("communities").select(["status", "teams_presence"]).where("id", "=", communityId).executeTakeFirst();
  const link = await deps.db.selectFrom("teams_links").selectAll().where("community_id", "=", communityId).executeTakeFirst();
  if (!community || community.status !== "approved" || !link?.team_id) return { outcome: "skipped" };
  if (link.unarchive_state !== "queued" && link.unarchive_state !== "unarchiving") return { outcome: "skipped" };
  if (community.teams_presence !== "team" && !link.channel_id) return await restored(deps.db, communityId);
  try {
    let archived = link.archive_state === "archived";
    if (!archived && link.archive_operation) {
      // The archive's own operation is unfinished (or was left when its job gave up): what did Teams do?
      const status = await deps.teams.pollOperation(link.archive_operation);
      if (status.status === "notStarted" || status.status === "inProgress") return { outcome: "waiting", pollAfterSeconds: Math.max(MIN_POLL_SECONDS, status.retryAfterSeconds ?? 0) };
      archived = status.status === "succeeded";
    }
    // Never archived in Teams (not connected then, refused, or the archive failed): nothing to restore.
    if (!archived) return await restored(deps.db, communityId);
    let operation = link.unarchive_operation;
    if (!operation) {
      await deps.db
        .updateTable("teams_links")
        .set({ archive_state: "archived", archive_operation: null, unarchive_state: "unarchiving", unarchive_error: null, unarchive_attempts: sql<number>`unarchive_attempts + 1`, unarchive_updated_at: sql<Date>`now()` })
        .where("community_id", "=", communityId)
        .execute();
      const target = community.teams_presence === "team" ? { teamId: link.team_id } : { teamId: link.team_id, channelId: link.channel_id ?? "" };
      const started = await deps.teams.unarchive(target);
      if (!started.operationUrl) return await restored(deps.db, communityId);
      operation = started.operationUrl;
      // Record at once: a crash after this point resumes polling instead of asking Teams again.
      await setUnarchive(deps.db, communityId, { unarchive_operation: operation });
      return { outcome: "waiting", pollAfterSeconds: Math.max(MIN_POLL_SECONDS, started.retryAfterSeconds ?? 0) };
    }
    const status = await deps.teams.pollOperation(operation);
    if (status.status === "succeeded") return await restored(deps.db, communityId);
    if (status.status === "failed") {
      await setUnarchive(deps.db, communityId, { unarchive_state: "failed", unarchive_operation: null, unarchive_error: `Microsoft Teams could not restore it${status.error ? `: ${status.error}` : "."} Retry to try again.` });
      return { outcome: "failed" };
    }
    return { outcome: "waiting", pollAfterSeconds: Math.max(MIN_POLL_SECONDS, status.retryAfterSeconds ?? 0) };
  } catch (err) {
    const failure = asTeamsFailure(err);
    await setUnarchive(deps.db, communityId, { unarchive_state: failure.retryable ? "unarchiving" : "failed", unarchive_error: failure.userMessage });
    if (failure.retryable) throw err;
    return { outcome: "failed" };
  }
}

/** Teams has the team or channel active again (or never archived it): no archive and no restore remain. */
async function restored(db: Kysely<Database>, communityId: string): Promise<ArchiveOutcome> {
  await db
    .updateTable("teams_links")
    .set({ archive_state: null, archive_operation: null, archive_error: null, unarchive_state: null, unarchive_operation: null, unarchive_error: null, unarchive_updated_at: sql<Date>`now()` })
    .where("community_id", "=", communityId)
    .execute();
  await appendAudit(db, { event: "community.unarchived_in_teams", outcome: "info", detail: { communityId } });
  return { outcome: "archived" };
}

/** What owners read when Teams kept failing until the restore job ran out of retries. */
export const UNARCHIVE_GAVE_UP_MESSAGE = "Microsoft Teams kept failing, so Guildhall stopped trying to restore it there; the channel may still be read-only. Retry when Teams is working again.";

/**
 * The restore job used up its retries (dead-letter queue): mark it failed, keeping Teams' last answer and any
 * operation Teams had accepted (a retry resumes polling it), so owners see it and can retry.
 */
export async function abandonUnarchive(db: Kysely<Database>, communityId: string): Promise<boolean> {
  const row = await db
    .updateTable("teams_links")
    .set({ unarchive_state: "failed", unarchive_error: sql<string>`${UNARCHIVE_GAVE_UP_MESSAGE} || coalesce(' Last answer from Teams: ' || unarchive_error, '')`, unarchive_updated_at: sql<Date>`now()` })
    .where("community_id", "=", communityId)
    .where("unarchive_state", "in", ["queued", "unarchiving"])
    .returning("community_id")
    .executeTakeFirst();
  if (!row) return false;
  await appendAudit(db, { event: "community.teams_unarchive_abandoned", outcome: "info", detail: { communityId } });
  return true;
}
