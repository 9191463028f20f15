import { sql } from "kysely";
import { z } from "zod";
import { applyNamingPolicy, communityNameSchema, withoutNamingAffixes } from "../../domain/communities.js";
import { multilineText, nameKey, refinement } from "../../domain/text.js";
import { defineMessages, type MessageDescriptor } from "../../i18n/format.js";
import type { Community } from "../../store/schema.js";
import { appendAudit } from "../../store/audit.js";
import { CommandError, fieldIssue, parseInput, uniqueViolation, type CommandContext } from "../context.js";
import { NOTICES, notify, type NoticeValues } from "../notify.js";
import { check, communityErrors, loadVisible } from "./load.js";

export const PROVISION_QUEUE = "community.provision";

/** The steps the tab shows while Teams catches up, in order, per presence. */
export const PROVISIONING_STEPS = {
  private_channel: ["create_channel", "add_owners", "sync_members"],
  standard_channel: ["create_channel", "sync_members"],
  team: ["create_team", "wait_for_team", "add_owners", "sync_members"],
} as const;

const v = defineMessages({
  rejectReason: { id: "validation.proposal.rejectReason", defaultMessage: "Say why the proposal is rejected." },
  renameOnlyOnApproval: { id: "validation.proposal.renameOnlyOnApproval", defaultMessage: "A new name is given only when approving." },
  nameClash: { id: "validation.proposal.nameClash", defaultMessage: "Another approved community has this name, or one that looks the same." },
  namingPolicy: {
    id: "validation.proposal.namingPolicy",
    defaultMessage: "The new name does not follow the naming policy (Teams' characters, blocked words, length with prefix and suffix).",
  },
});

const m = defineMessages({
  nameClash: {
    id: "errors.community.nameClash",
    defaultMessage: "\"{name}\" is the same as, or looks like, the approved community \"{other}\". Approve it under another name, or reject it with a reason.",
    description: "name: the name being approved; other: the approved community's name",
  },
  decisionIncomplete: { id: "errors.community.decisionIncomplete", defaultMessage: "The decision is not complete." },
  alreadyDecided: { id: "errors.community.alreadyDecided", defaultMessage: "Someone has already decided this proposal." },
  notFailed: { id: "errors.community.provisioningNotFailed", defaultMessage: "Provisioning has not failed; there is nothing to retry." },
});

const decisionSchema = z
  .object({
    decision: z.enum(["approve", "reject"]),
    reason: multilineText({ field: "reason", max: 2000 }).default(""),
    /** Approve under another name (when the proposed one clashes with an approved community). */
    name: communityNameSchema.optional(),
  })
  .strict()
  .refine((d) => d.decision === "approve" || d.reason.length > 0, { ...refinement(v.rejectReason), path: ["reason"] })
  .refine((d) => d.decision === "approve" || d.name === undefined, { ...refinement(v.renameOnlyOnApproval), path: ["name"] });

const APPROVED_NAME_INDEX = "communities_approved_name_key_uq";

function nameClash(displayName: string, other: string): CommandError {
  return new CommandError("conflict", "community.name_clash", m.nameClash, { name: displayName, other }, { issues: [fieldIssue("name", v.nameClash)] });
}

/**
 * For platform owners deciding a proposal: other live communities (approved or proposed, hidden included)
 * whose name looks the same. Never shown to anyone else, so a proposer learns nothing about hidden ones.
 */
export async function nameClashes(ctx: CommandContext, c: Community): Promise<{ id: string; name: string; status: string }[]> {
  if (!ctx.actor.platformOwner || c.status !== "proposed") return [];
  const rows = await ctx.db
    .selectFrom("communities")
    .select(["id", "display_name", "status"])
    .where("name_key", "=", c.name_key ?? nameKey(c.display_name))
    .where("status", "in", ["proposed", "approved"])
    .where("id", "!=", c.id)
    .orderBy("created_at")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name, status: r.status }));
}

/**
 * What the proposer is told: a rejection with its reason; an approval (under the proposed name or another) with
 * the approver's "Note to the proposer" when one was written. The note is quoted as typed and ends the sentence.
 */
export function decisionNotice(approved: boolean, proposedName: string, approvedName: string, note: string): { message: MessageDescriptor; values: NoticeValues } {
  if (!approved) return { message: NOTICES.communityRejected, values: { community: proposedName, reason: note } };
  const renamed = approvedName !== proposedName;
  if (note.length > 0) {
    return renamed
      ? { message: NOTICES.communityApprovedRenamedWithNote, values: { community: proposedName, approvedName, note } }
      : { message: NOTICES.communityApprovedWithNote, values: { community: proposedName, note } };
  }
  return renamed
    ? { message: NOTICES.communityApprovedRenamed, values: { community: proposedName, approvedName } }
    : { message: NOTICES.communityApproved, values: { community: proposedName } };
}

/** A platform owner approves (and provisioning is queued) with an optional note, or rejects with a reason; the proposer is told either way. */
export async function decideProposal(ctx: CommandContext, communityId: string, input: unknown): Promise<void> {
  const loaded = await loadVisible(ctx, communityId);
  check(loaded, "community.decideProposal");
  const { decision, reason, name } = parseInput(decisionSchema, input, m.decisionIncomplete);
  const c = loaded.community;
  const approved = decision === "approve";
  let displayName = c.display_name;
  let teamsName = c.teams_name;
  const typedName = name === undefined ? undefined : withoutNamingAffixes(name, ctx.settings.naming);
  if (typedName !== undefined) {
    const named = applyNamingPolicy(typedName, ctx.settings.naming, c.teams_presence);
    if (!named.ok) {
      throw new CommandError("invalid", `community.name_${named.problem}`, v.namingPolicy, undefined, { issues: [fieldIssue("name", v.namingPolicy)] });
    }
    displayName = named.displayName;
    teamsName = named.teamsName;
  }
  const key = nameKey(displayName);
  if (approved) {
    const other = await ctx.db.selectFrom("communities").select("display_name").where("name_key", "=", key).where("status", "=", "approved").where("id", "!=", c.id).executeTakeFirst();
    if (other) throw nameClash(displayName, other.display_name);
  }
  await ctx.db.transaction().execute(async (tx) => {
    const updated = await tx
      .updateTable("communities")
      .set({
        ...(typedName !== undefined ? { name: typedName, display_name: displayName, teams_name: teamsName } : {}),
        name_key: key,
        status: approved ? "approved" : "rejected",
        decided_by: ctx.person.id,
        decision_reason: reason || null,
        decided_at: sql<Date>`now()`,
        updated_at: sql<Date>`now()`,
      })
      .where("id", "=", c.id)
      .where("status", "=", "proposed")
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new CommandError("conflict", "community.already_decided", m.alreadyDecided);
    if (approved) {
      await tx
        .insertInto("memberships")
        .values({ community_id: c.id, person_id: c.proposed_by, role: "owner", code_version_accepted: c.code_version, code_accepted_at: sql<Date>`now()` })
        .onConflict((oc) => oc.columns(["community_id", "person_id"]).doUpdateSet({ role: "owner" }))
        .execute();
      await tx
        .insertInto("teams_links")
        .values({ community_id: c.id, state: ctx.settings.graphConnected ? "queued" : "not_connected", team_id: null, channel_id: null, web_url: null, operation_location: null, last_error: null })
        .onConflict((oc) => oc.column("community_id").doNothing())
        .execute();
      const steps = PROVISIONING_STEPS[c.teams_presence];
      await tx
        .insertInto("provisioning_steps")
        .values(steps.map((step, position) => ({ community_id: c.id, step, position, status: ctx.settings.graphConnected ? ("pending" as const) : ("waiting" as const), detail: ctx.settings.graphConnected ? null : "Waiting for a Microsoft 365 tenant connection", result: null })))
        .onConflict((oc) => oc.columns(["community_id", "step"]).doNothing())
        .execute();
    }
    await notify(tx, {
      personId: c.proposed_by,
      kind: approved ? "communityApproved" : "communityRejected",
      communityId: c.id,
      ...decisionNotice(approved, c.display_name, displayName, reason),
    });
    await appendAudit(tx, {
      event: approved ? "community.approved" : "community.rejected",
      outcome: "info",
      tenantId: ctx.actor.principal.tenantId,
      objectId: ctx.actor.principal.objectId,
      requestId: ctx.requestId,
      detail: { communityId: c.id, ...(displayName !== c.display_name ? { renamed: true } : {}), ...(approved && reason ? { note: true } : {}) },
    });
  }).catch(async (err: unknown) => {
    // Two look-alike proposals approved at the same moment: the index lets one through.
    if (uniqueViolation(err) !== APPROVED_NAME_INDEX) throw err;
    const other = await ctx.db.selectFrom("communities").select("display_name").where("name_key", "=", key).where("status", "=", "approved").executeTakeFirst();
    throw nameClash(displayName, other?.display_name ?? displayName);
  });
  if (approved && ctx.settings.graphConnected) await ctx.enqueue(PROVISION_QUEUE, { communityId: c.id }, { singletonKey: c.id });
}

/** Owners or platform owners retry a failed provisioning; finished steps are kept, the rest run again. */
export async function retryProvisioning(ctx: CommandContext, communityId: string): Promise<void> {
  const loaded = await loadVisible(ctx, communityId);
  check(loaded, "community.retryProvisioning");
  if (!ctx.settings.graphConnected) throw new CommandError("conflict", "community.not_connected", communityErrors.notConnected);
  const link = await ctx.db.selectFrom("teams_links").select("state").where("community_id", "=", communityId).executeTakeFirst();
  if (link?.state !== "failed") throw new CommandError("conflict", "community.not_failed", m.notFailed);
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable("teams_links").set({ state: "queued", last_error: null, updated_at: sql<Date>`now()` }).where("community_id", "=", communityId).execute();
    await tx.updateTable("provisioning_steps").set({ status: "pending", detail: null }).where("community_id", "=", communityId).where("status", "=", "failed").execute();
    await appendAudit(tx, { event: "community.provisioning_retried", outcome: "info", tenantId: ctx.actor.principal.tenantId, objectId: ctx.actor.principal.objectId, requestId: ctx.requestId, detail: { communityId } });
  });
  await ctx.enqueue(PROVISION_QUEUE, { communityId }, { singletonKey: communityId });
}
