/**
 * A proposal's life before approval, and a community's after archive (issue 8):
 * - the proposer withdraws a proposal awaiting approval (or one that was not approved): it was never a community —
 *   no members, nothing in Teams — so it is deleted; the audit log keeps who withdrew what, and when;
 * - the proposer edits a proposal awaiting approval, or resubmits one that was not approved (edited as they like),
 *   which goes back to the platform owners' approvals list; both pass every check proposing does (`checkProposal`);
 * - a platform owner un-archives an archived community: it is active again at once in Guildhall, members are told,
 *   and a job restores the team or channel in Teams (asynchronous in Graph, like archiving).
 */
import { sql } from "kysely";
import { z } from "zod";
import { withoutNamingAffixes } from "../../domain/communities.js";
import { defineMessages } from "../../i18n/format.js";
import { appendAudit } from "../../store/audit.js";
import type { Community } from "../../store/schema.js";
import { CommandError, fieldIssue, parseInput, uniqueViolation, type CommandContext } from "../context.js";
import { NOTICES, notify } from "../notify.js";
import { editedMeanwhile } from "./edit.js";
import { check, communityErrors, loadVisible } from "./load.js";
import { syncTeams } from "./membership.js";
import { checkProposal } from "./propose.js";

/** The queue of Teams un-archives (jobs/archiveTeams.ts `unarchiveInTeams`). */
export const UNARCHIVE_QUEUE = "community.unarchive";

const m = defineMessages({
  decidedMeanwhile: {
    id: "manage.errors.decidedMeanwhile",
    defaultMessage: "A platform owner decided this proposal a moment ago. Reload to see the decision.",
  },
  nameTaken: {
    id: "manage.errors.nameTaken",
    defaultMessage: "Another community awaiting approval or approved has this name, or one that looks the same. Choose another name.",
  },
  teamsStillArchiving: {
    id: "manage.errors.teamsStillArchiving",
    defaultMessage: "Microsoft Teams is still archiving this community's team or channel. Un-archive it once Teams has finished, in a minute or two.",
  },
  unarchiveNotFailed: { id: "manage.errors.unarchiveNotFailed", defaultMessage: "Restoring it in Teams has not failed; there is nothing to retry." },
});

const v = defineMessages({
  nameTaken: { id: "manage.validation.nameTaken", defaultMessage: "A community with this name, or one that looks the same, already exists." },
});

const revisionSchema = z.object({ revision: z.number().int().min(1) }).passthrough();

function audit(ctx: CommandContext, db: CommandContext["db"], event: string, detail: Record<string, unknown>) {
  return appendAudit(db, { event, outcome: "info", tenantId: ctx.actor.principal.tenantId, objectId: ctx.actor.principal.objectId, requestId: ctx.requestId, detail });
}

/**
 * The proposer withdraws their proposal (awaiting approval, or not approved). Withdrawing one a platform owner
 * approved a moment ago is refused (409); withdrawing twice answers as not found, as the proposal is gone.
 */
export async function withdrawProposal(ctx: CommandContext, communityId: string): Promise<void> {
  const loaded = await loadVisible(ctx, communityId);
  check(loaded, "community.withdraw");
  await ctx.db.transaction().execute(async (tx) => {
    const gone = await tx
      .deleteFrom("communities")
      .where("id", "=", communityId)
      .where("proposed_by", "=", ctx.person.id)
      .where("status", "in", ["proposed", "rejected"])
      .returning("id")
      .executeTakeFirst();
    if (!gone) throw new CommandError("conflict", "community.already_decided", m.decidedMeanwhile);
    await audit(ctx, tx, "community.proposal_withdrawn", { communityId, name: loaded.community.display_name, status: loaded.community.status });
  });
}

/**
 * Write a checked proposal over the one stored, if it is still at `revision` and in `from`; `reopen` puts a
 * rejected proposal back in the approvals list (its decision cleared: the audit log keeps it).
 */
async function rewriteProposal(ctx: CommandContext, c: Community, input: unknown, from: "proposed" | "rejected"): Promise<void> {
  const { revision } = parseInput(revisionSchema, input);
  const { revision: _sent, ...proposal } = input as Record<string, unknown>;
  void _sent;
  // The tab shows the name with the naming policy's prefix and suffix: they are added once, again, by the checks.
  if (typeof proposal["name"] === "string") proposal["name"] = withoutNamingAffixes(proposal["name"], ctx.settings.naming);
  if (revision !== c.revision) throw editedMeanwhile();
  const checked = await checkProposal(ctx, proposal, c.id);
  const p = checked.proposal;
  const reopen = from === "rejected";
  await ctx.db
    .transaction()
    .execute(async (tx) => {
      const row = await tx
        .updateTable("communities")
        .set({
          name: p.name,
          display_name: checked.displayName,
          teams_name: checked.teamsName,
          name_key: checked.nameKey,
          purpose: p.purpose,
          terms_of_reference: p.termsOfReference,
          code_of_practice: p.codeOfPractice,
          visibility: p.visibility,
          scope: p.scope,
          classification: p.classification,
          sensitivity_label_id: ctx.settings.sensitivityLabels[p.classification] ?? null,
          tags: checked.tags,
          teams_presence: checked.presence,
          revision: sql<number>`revision + 1`,
          updated_at: sql<Date>`now()`,
          ...(reopen ? { status: "proposed" as const, decided_by: null, decision_reason: null, decided_at: null } : {}),
        })
        .where("id", "=", c.id)
        .where("proposed_by", "=", ctx.person.id)
        .where("status", "=", from)
        .where("revision", "=", revision)
        .returning("id")
        .executeTakeFirst();
      if (!row) {
        const now = await tx.selectFrom("communities").select(["status", "revision"]).where("id", "=", c.id).executeTakeFirst();
        if (now && now.status === from) throw editedMeanwhile();
        throw new CommandError("conflict", "community.already_decided", m.decidedMeanwhile);
      }
      await tx.deleteFrom("community_agencies").where("community_id", "=", c.id).execute();
      if (checked.agencyIds.length > 0) await tx.insertInto("community_agencies").values(checked.agencyIds.map((agency_id) => ({ community_id: c.id, agency_id }))).execute();
      // No one has accepted a proposal's code yet: its first version is recorded when it changes after approval.
      await tx.deleteFrom("community_code_versions").where("community_id", "=", c.id).execute();
      await audit(ctx, tx, reopen ? "community.proposal_resubmitted" : "community.proposal_edited", {
        communityId: c.id,
        visibility: p.visibility,
        scope: p.scope,
        classification: p.classification,
        ...(checked.displayName !== c.display_name ? { renamed: true } : {}),
        ...(reopen ? { previousDecisionBy: c.decided_by } : {}),
      });
    })
    .catch((err: unknown) => {
      // A look-alike proposed or approved at the same moment: the live-name index lets one through.
      if (uniqueViolation(err) === undefined) throw err;
      throw new CommandError("conflict", "community.name_taken", m.nameTaken, undefined, { issues: [fieldIssue("name", v.nameTaken)] });
    });
}

/** The proposer edits their proposal while it awaits approval: the whole proposal, as when proposing, plus `revision`. */
export async function editProposal(ctx: CommandContext, communityId: string, input: unknown): Promise<void> {
  const loaded = await loadVisible(ctx, communityId);
  check(loaded, "community.editProposal");
  await rewriteProposal(ctx, loaded.community, input, "proposed");
}

/** The proposer resubmits a proposal that was not approved, edited as they like: it awaits approval again. */
export async function resubmitProposal(ctx: CommandContext, communityId: string, input: unknown): Promise<void> {
  const loaded = await loadVisible(ctx, communityId);
  check(loaded, "community.resubmit");
  await rewriteProposal(ctx, loaded.community, input, "rejected");
}

/**
 * A platform owner un-archives a community: active again in Guildhall at once (joining, requests and edits open
 * again), every member is told, and — when its team or channel was archived in Teams — a job restores it there
 * (`UNARCHIVE_QUEUE`). Refused while Teams is still archiving it (the two operations must not cross). Un-archiving
 * one that is active already (a repeat, or two platform owners at once) changes nothing.
 */
export async function unarchiveCommunity(ctx: CommandContext, communityId: string): Promise<void> {
  const loaded = await loadVisible(ctx, communityId);
  if (loaded.community.status === "approved") return;
  check(loaded, "community.unarchive");
  const c = loaded.community;
  const restoreInTeams = await ctx.db.transaction().execute(async (tx) => {
    const link = await tx.selectFrom("teams_links").select(["team_id", "archive_state"]).where("community_id", "=", c.id).forUpdate().executeTakeFirst();
    if (link?.archive_state === "queued" || link?.archive_state === "archiving") throw new CommandError("conflict", "community.teams_still_archiving", m.teamsStillArchiving);
    const row = await tx
      .updateTable("communities")
      .set({ status: "approved", archived_at: null, archive_reason: null, archived_by: null, archived_by_role: null, revision: sql<number>`revision + 1`, updated_at: sql<Date>`now()`, last_activity_at: sql<Date>`now()`, inactivity_flagged_at: null })
      .where("id", "=", c.id)
      .where("status", "=", "archived")
      .returning("id")
      .executeTakeFirst();
    if (!row) return false;
    const members = await tx.selectFrom("memberships").select("person_id").where("community_id", "=", c.id).execute();
    for (const member of members) {
      await notify(tx, { personId: member.person_id, kind: "communityUnarchived", communityId: c.id, message: NOTICES.communityUnarchived, values: { community: c.display_name } });
    }
    const inTeams = ctx.settings.graphConnected && link?.team_id != null && link.archive_state !== null;
    if (inTeams) {
      await tx
        .updateTable("teams_links")
        .set({ unarchive_state: "queued", unarchive_error: null, unarchive_operation: null, unarchive_updated_at: sql<Date>`now()` })
        .where("community_id", "=", c.id)
        .execute();
    }
    await audit(ctx, tx, "community.unarchived", { communityId: c.id, restoreInTeams: inTeams });
    return inTeams;
  });
  if (restoreInTeams) await ctx.enqueue(UNARCHIVE_QUEUE, { communityId: c.id }, { singletonKey: c.id });
  await syncTeams(ctx, c.id);
}

/** Owners or platform owners retry restoring the team or channel in Teams after Teams refused or kept failing. */
export async function retryTeamsUnarchive(ctx: CommandContext, communityId: string): Promise<void> {
  const loaded = await loadVisible(ctx, communityId);
  check(loaded, "community.retryUnarchive");
  if (!ctx.settings.graphConnected) throw new CommandError("conflict", "community.not_connected", communityErrors.notConnected);
  const queued = await ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable("teams_links")
      .set({ unarchive_state: "queued", unarchive_error: null, unarchive_updated_at: sql<Date>`now()` })
      .where("community_id", "=", communityId)
      .where("unarchive_state", "=", "failed")
      .returning("community_id")
      .executeTakeFirst();
    if (row) await audit(ctx, tx, "community.teams_unarchive_retried", { communityId });
    return row !== undefined;
  });
  if (!queued) throw new CommandError("conflict", "community.unarchive_not_failed", m.unarchiveNotFailed);
  await ctx.enqueue(UNARCHIVE_QUEUE, { communityId }, { singletonKey: communityId });
}
