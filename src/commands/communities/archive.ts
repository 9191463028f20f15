import { sql } from "kysely";
import { z } from "zod";
import { DENIAL_MESSAGES } from "../../domain/policy.js";
import { multilineText } from "../../domain/text.js";
import { appendAudit } from "../../store/audit.js";
import { defineMessages } from "../../i18n/format.js";
import { CommandError, parseInput, type CommandContext } from "../context.js";
import { NOTICES, notify, type NoticeValues } from "../notify.js";
import { check, communityErrors, loadVisible } from "./load.js";

const m = defineMessages({
  archiveNotFailed: { id: "errors.community.archiveNotFailed", defaultMessage: "Archiving in Teams has not failed; there is nothing to retry." },
  teamsStillRestoring: {
    id: "manage.errors.teamsStillRestoring",
    defaultMessage: "Microsoft Teams is still restoring this community's team or channel from its archive. Archive it once Teams has finished, in a minute or two.",
  },
});

export const ARCHIVE_QUEUE = "community.archive";

/** The longest reason an archive takes (the column's check says the same). */
export const ARCHIVE_REASON_MAX = 1000;

const archiveSchema = z
  .object({
    /** Why: required, plain text (line breaks kept), told to every member and shown on the community page. */
    // `prefault`, not `default`: a missing reason is checked as an empty one ("The reason is required.").
    reason: multilineText({ field: "reason", min: 1, max: ARCHIVE_REASON_MAX }).prefault(""),
  })
  .strict();

/**
 * Owners or platform owners archive a community, saying why: it becomes read-only in Guildhall, stays visible and
 * searchable to its members, and a job archives the team or makes the channel read-only in Teams. Every member
 * but the archiver is told once (a notice: the Notices page and the Teams activity feed), with the reason; the
 * community keeps when, why and in which capacity (owner or platform owner) it was archived.
 */
export async function archiveCommunity(ctx: CommandContext, communityId: string, input: unknown): Promise<void> {
  const loaded = await loadVisible(ctx, communityId);
  check(loaded, "community.archive");
  const { reason } = parseInput(archiveSchema, input);
  // A platform owner who is also an owner archives as the owner; otherwise only as a platform owner.
  const role = loaded.viewer.role === "owner" ? "owner" : "platform_owner";
  const name = loaded.community.display_name;
  await ctx.db.transaction().execute(async (tx) => {
    // Un-archiving in Teams (lifecycle.ts) must finish first: the two operations must not cross in Teams.
    const link = await tx.selectFrom("teams_links").select("unarchive_state").where("community_id", "=", communityId).forUpdate().executeTakeFirst();
    if (link?.unarchive_state === "queued" || link?.unarchive_state === "unarchiving") throw new CommandError("conflict", "community.teams_still_restoring", m.teamsStillRestoring);
    const updated = await tx
      .updateTable("communities")
      .set({ status: "archived", archived_at: sql<Date>`now()`, archive_reason: reason, archived_by: ctx.person.id, archived_by_role: role, updated_at: sql<Date>`now()` })
      .where("id", "=", communityId)
      .where("status", "=", "approved")
      .executeTakeFirst();
    // Archived meanwhile by someone else (who told the members): nothing more to do, and nobody is told twice.
    if (Number(updated.numUpdatedRows) !== 1) throw new CommandError("conflict", "community.archived", DENIAL_MESSAGES.archived, undefined, { reason: "archived" });
    await tx.deleteFrom("invitations").where("community_id", "=", communityId).execute();
    await tx.updateTable("join_requests").set({ status: "withdrawn", decided_at: sql<Date>`now()` }).where("community_id", "=", communityId).where("status", "=", "pending").execute();
    const members = await tx.selectFrom("memberships").select("person_id").where("community_id", "=", communityId).where("person_id", "!=", ctx.person.id).execute();
    // A platform owner is named by capacity only: their name is not stored in the members' notices.
    const values: NoticeValues = role === "owner" ? { community: name, role, name: ctx.person.display_name, reason } : { community: name, role, reason };
    for (const member of members) {
      await notify(tx, { personId: member.person_id, kind: "communityArchived", communityId, message: NOTICES.communityArchivedForMember, values });
    }
    await appendAudit(tx, {
      event: "community.archived",
      outcome: "info",
      tenantId: ctx.actor.principal.tenantId,
      objectId: ctx.actor.principal.objectId,
      requestId: ctx.requestId,
      detail: { communityId, role, membersNotified: members.length },
    });
    // The Teams side is tracked on its own: queued now, archived only once Teams says its operation succeeded.
    // A team or channel whose restore failed is still archived in Teams: it stays so, and the failed restore is dropped.
    if (ctx.settings.graphConnected) {
      await tx
        .updateTable("teams_links")
        .set({
          archive_state: sql<"queued" | "archived">`case when archive_state = 'archived' and unarchive_state = 'failed' then 'archived' else 'queued' end`,
          archive_error: null,
          archive_updated_at: sql<Date>`now()`,
          unarchive_state: null,
          unarchive_operation: null,
          unarchive_error: null,
        })
        .where("community_id", "=", communityId)
        .where("team_id", "is not", null)
        .execute();
    }
  });
  if (ctx.settings.graphConnected) await ctx.enqueue(ARCHIVE_QUEUE, { communityId }, { singletonKey: communityId });
}

/** Owners or platform owners retry archiving in Teams after Teams refused or kept failing. */
export async function retryTeamsArchive(ctx: CommandContext, communityId: string): Promise<void> {
  const loaded = await loadVisible(ctx, communityId);
  check(loaded, "community.retryArchive");
  if (!ctx.settings.graphConnected) throw new CommandError("conflict", "community.not_connected", communityErrors.notConnected);
  const queued = await ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable("teams_links")
      .set({ archive_state: "queued", archive_error: null, archive_updated_at: sql<Date>`now()` })
      .where("community_id", "=", communityId)
      .where("archive_state", "=", "failed")
      .returning("community_id")
      .executeTakeFirst();
    if (row) await appendAudit(tx, { event: "community.teams_archive_retried", outcome: "info", tenantId: ctx.actor.principal.tenantId, objectId: ctx.actor.principal.objectId, requestId: ctx.requestId, detail: { communityId } });
    return row !== undefined;
  });
  if (!queued) throw new CommandError("conflict", "community.archive_not_failed", m.archiveNotFailed);
  await ctx.enqueue(ARCHIVE_QUEUE, { communityId }, { singletonKey: communityId });
}
