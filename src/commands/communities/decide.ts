import { sql } from "kysely";
import { z } from "zod";
import { reasonText } from "../../domain/text.js";
import { appendAudit } from "../../store/audit.js";
import { CommandError, parseInput, type CommandContext } from "../context.js";
import { notify } from "../notify.js";
import { check, loadVisible } from "./load.js";

export const PROVISION_QUEUE = "community.provision";

/** The steps the tab shows while Teams catches up, in order, per presence. */
export const PROVISIONING_STEPS = {
  private_channel: ["create_channel", "add_owners", "sync_members"],
  standard_channel: ["create_channel", "sync_members"],
  team: ["create_team", "wait_for_team", "add_owners", "sync_members"],
} as const;

const decisionSchema = z
  .object({
    decision: z.enum(["approve", "reject"]),
    reason: reasonText({ label: "The reason", max: 2000 }).default(""),
  })
  .strict()
  .refine((d) => d.decision === "approve" || d.reason.length > 0, { message: "Say why the proposal is rejected", path: ["reason"] });

/** A platform owner approves (and provisioning is queued) or rejects with a reason. */
export async function decideProposal(ctx: CommandContext, communityId: string, input: unknown): Promise<void> {
  const loaded = await loadVisible(ctx, communityId);
  check(loaded, "community.decideProposal");
  const { decision, reason } = parseInput(decisionSchema, input, "The decision is not complete.");
  const c = loaded.community;
  const approved = decision === "approve";
  await ctx.db.transaction().execute(async (tx) => {
    const updated = await tx
      .updateTable("communities")
      .set({
        status: approved ? "approved" : "rejected",
        decided_by: ctx.person.id,
        decision_reason: reason || null,
        decided_at: sql<Date>`now()`,
        updated_at: sql<Date>`now()`,
      })
      .where("id", "=", c.id)
      .where("status", "=", "proposed")
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new CommandError("conflict", "community.already_decided", "Someone has already decided this proposal.");
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
      text: approved ? `Your community "${c.display_name}" was approved.` : `Your community "${c.display_name}" was not approved: ${reason}`,
    });
    await appendAudit(tx, {
      event: approved ? "community.approved" : "community.rejected",
      outcome: "info",
      tenantId: ctx.actor.principal.tenantId,
      objectId: ctx.actor.principal.objectId,
      requestId: ctx.requestId,
      detail: { communityId: c.id },
    });
  });
  if (approved && ctx.settings.graphConnected) await ctx.enqueue(PROVISION_QUEUE, { communityId: c.id }, { singletonKey: c.id });
}

/** Owners or platform owners retry a failed provisioning; finished steps are kept, the rest run again. */
export async function retryProvisioning(ctx: CommandContext, communityId: string): Promise<void> {
  const loaded = await loadVisible(ctx, communityId);
  check(loaded, "community.retryProvisioning");
  if (!ctx.settings.graphConnected) throw new CommandError("conflict", "community.not_connected", "No Microsoft 365 tenant is connected, so there is nothing to retry yet.");
  const link = await ctx.db.selectFrom("teams_links").select("state").where("community_id", "=", communityId).executeTakeFirst();
  if (link?.state !== "failed") throw new CommandError("conflict", "community.not_failed", "Provisioning has not failed; there is nothing to retry.");
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable("teams_links").set({ state: "queued", last_error: null, updated_at: sql<Date>`now()` }).where("community_id", "=", communityId).execute();
    await tx.updateTable("provisioning_steps").set({ status: "pending", detail: null }).where("community_id", "=", communityId).where("status", "=", "failed").execute();
    await appendAudit(tx, { event: "community.provisioning_retried", outcome: "info", tenantId: ctx.actor.principal.tenantId, objectId: ctx.actor.principal.objectId, requestId: ctx.requestId, detail: { communityId } });
  });
  await ctx.enqueue(PROVISION_QUEUE, { communityId }, { singletonKey: communityId });
}
