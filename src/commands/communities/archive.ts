import { sql } from "kysely";
import { appendAudit } from "../../store/audit.js";
import { defineMessages } from "../../i18n/format.js";
import { CommandError, type CommandContext } from "../context.js";
import { NOTICES, notify } from "../notify.js";
import { check, communityErrors, loadVisible } from "./load.js";

const m = defineMessages({
  archiveNotFailed: { id: "errors.community.archiveNotFailed", defaultMessage: "Archiving in Teams has not failed; there is nothing to retry." },
});

export const ARCHIVE_QUEUE = "community.archive";

/**
 * Owners or platform owners archive a community: it becomes read-only in Guildhall, stays visible and
 * searchable to its members, and a job archives the team or makes the channel read-only in Teams.
 */
export async function archiveCommunity(ctx: CommandContext, communityId: string): Promise<void> {
  const loaded = await loadVisible(ctx, communityId);
  check(loaded, "community.archive");
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable("communities").set({ status: "archived", archived_at: sql<Date>`now()`, updated_at: sql<Date>`now()` }).where("id", "=", communityId).where("status", "=", "approved").execute();
    await tx.deleteFrom("invitations").where("community_id", "=", communityId).execute();
    await tx.updateTable("join_requests").set({ status: "withdrawn", decided_at: sql<Date>`now()` }).where("community_id", "=", communityId).where("status", "=", "pending").execute();
    const owners = await tx.selectFrom("memberships").select("person_id").where("community_id", "=", communityId).where("role", "=", "owner").execute();
    for (const o of owners) {
      if (o.person_id === ctx.person.id) continue;
      await notify(tx, { personId: o.person_id, kind: "communityArchived", communityId, message: NOTICES.communityArchived, values: { community: loaded.community.display_name, name: ctx.person.display_name } });
    }
    await appendAudit(tx, { event: "community.archived", outcome: "info", tenantId: ctx.actor.principal.tenantId, objectId: ctx.actor.principal.objectId, requestId: ctx.requestId, detail: { communityId } });
    // The Teams side is tracked on its own: queued now, archived only once Teams says its operation succeeded.
    if (ctx.settings.graphConnected) await tx.updateTable("teams_links").set({ archive_state: "queued", archive_error: null, archive_updated_at: sql<Date>`now()` }).where("community_id", "=", communityId).where("team_id", "is not", null).execute();
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
