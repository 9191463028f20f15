import { sql, type Kysely, type Transaction } from "kysely";
import { z } from "zod";
import type { Role } from "../../domain/communities.js";
import { reasonText } from "../../domain/text.js";
import { appendAudit } from "../../store/audit.js";
import type { Database } from "../../store/schema.js";
import { CommandError, parseInput, type CommandContext } from "../context.js";
import { notify } from "../notify.js";
import { check, isUuid, loadVisible, notFound, type Loaded } from "./load.js";

export const SYNC_QUEUE = "community.sync-members";

const acceptance = z
  .object({ acceptCodeOfPractice: z.literal(true, { error: "Accept the code of practice to join" }), codeVersion: z.number().int().min(1) })
  .strict();

function requireCurrentCode(loaded: Loaded, version: number): void {
  if (version !== loaded.community.code_version) {
    throw new CommandError("conflict", "community.code_changed", "The code of practice has changed since you read it; read it again and accept.");
  }
}

async function audit(ctx: CommandContext, db: Kysely<Database>, event: string, detail: Record<string, unknown>) {
  await appendAudit(db, { event, outcome: "info", tenantId: ctx.actor.principal.tenantId, objectId: ctx.actor.principal.objectId, requestId: ctx.requestId, detail });
}

async function addMember(tx: Transaction<Database>, communityId: string, personId: string, role: Role, codeVersion: number) {
  await tx
    .insertInto("memberships")
    .values({ community_id: communityId, person_id: personId, role, code_version_accepted: codeVersion, code_accepted_at: sql<Date>`now()` })
    .onConflict((oc) => oc.columns(["community_id", "person_id"]).doNothing())
    .execute();
  await tx.deleteFrom("invitations").where("community_id", "=", communityId).where("person_id", "=", personId).execute();
}

async function syncTeams(ctx: CommandContext, communityId: string) {
  if (ctx.settings.graphConnected) await ctx.enqueue(SYNC_QUEUE, { communityId }, { singletonKey: communityId, startAfterSeconds: 5 });
}

/** Join an open community (or one you were invited to), accepting its code of practice. */
export async function joinCommunity(ctx: CommandContext, communityId: string, input: unknown): Promise<void> {
  const loaded = await loadVisible(ctx, communityId);
  check(loaded, "community.join");
  const a = parseInput(acceptance, input);
  requireCurrentCode(loaded, a.codeVersion);
  await ctx.db.transaction().execute(async (tx) => {
    await addMember(tx, communityId, ctx.person.id, "member", a.codeVersion);
    await audit(ctx, tx, "community.joined", { communityId, codeVersion: a.codeVersion });
  });
  await syncTeams(ctx, communityId);
}

const requestSchema = acceptance.extend({ message: reasonText({ label: "The message", max: 1000 }).default("") });

/** Ask to join a closed community; its moderators decide. */
export async function requestToJoin(ctx: CommandContext, communityId: string, input: unknown): Promise<{ id: string }> {
  const loaded = await loadVisible(ctx, communityId);
  check(loaded, "community.request");
  const r = parseInput(requestSchema, input);
  requireCurrentCode(loaded, r.codeVersion);
  if (loaded.viewer.requested) throw new CommandError("conflict", "community.request_pending", "You have already asked to join; the moderators will reply.");
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto("join_requests")
      .values({ community_id: communityId, person_id: ctx.person.id, message: r.message, status: "pending", decided_by: null, decision_reason: null, decided_at: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    const moderators = await tx.selectFrom("memberships").select("person_id").where("community_id", "=", communityId).where("role", "in", ["owner", "moderator"]).execute();
    for (const m of moderators) {
      await notify(tx, { personId: m.person_id, kind: "joinRequested", communityId, text: `${ctx.person.display_name} asked to join "${loaded.community.display_name}".` });
    }
    await audit(ctx, tx, "community.join_requested", { communityId, requestId: row.id });
    return { id: row.id };
  });
}

const decisionSchema = z
  .object({ decision: z.enum(["approve", "decline"]), reason: reasonText({ label: "The reason", max: 1000 }).default("") })
  .strict()
  .refine((d) => d.decision === "approve" || d.reason.length > 0, { message: "Say why the request is declined", path: ["reason"] });

/** A moderator approves or declines a join request; the requester hears back either way. */
export async function decideJoinRequest(ctx: CommandContext, communityId: string, requestId: string, input: unknown): Promise<void> {
  const loaded = await loadVisible(ctx, communityId);
  check(loaded, "community.decideRequests");
  const d = parseInput(decisionSchema, input);
  if (!isUuid(requestId)) throw notFound();
  await ctx.db.transaction().execute(async (tx) => {
    const req = await tx
      .updateTable("join_requests")
      .set({ status: d.decision === "approve" ? "approved" : "declined", decided_by: ctx.person.id, decision_reason: d.reason || null, decided_at: sql<Date>`now()` })
      .where("id", "=", requestId)
      .where("community_id", "=", communityId)
      .where("status", "=", "pending")
      .returning(["person_id"])
      .executeTakeFirst();
    if (!req) throw new CommandError("conflict", "community.request_not_pending", "This request has already been decided or withdrawn.");
    if (d.decision === "approve") await addMember(tx, communityId, req.person_id, "member", loaded.community.code_version);
    await notify(tx, {
      personId: req.person_id,
      kind: "joinRequestDecided",
      communityId,
      text:
        d.decision === "approve"
          ? `You are now a member of "${loaded.community.display_name}".`
          : `Your request to join "${loaded.community.display_name}" was declined: ${d.reason}`,
    });
    await audit(ctx, tx, d.decision === "approve" ? "community.request_approved" : "community.request_declined", { communityId, requestId });
  });
  if (d.decision === "approve") await syncTeams(ctx, communityId);
}

async function ownerCount(db: Kysely<Database>, communityId: string): Promise<number> {
  const r = await db.selectFrom("memberships").select((eb) => eb.fn.countAll<string>().as("n")).where("community_id", "=", communityId).where("role", "=", "owner").executeTakeFirstOrThrow();
  return Number(r.n);
}

const lastOwner = () => new CommandError("forbidden", "community.last_owner", "A community must keep at least one owner; hand over ownership first.", { reason: "last_owner" });

/** Leave a community. The last owner must hand over first. */
export async function leaveCommunity(ctx: CommandContext, communityId: string): Promise<void> {
  const loaded = await loadVisible(ctx, communityId);
  check(loaded, "community.leave");
  await ctx.db.transaction().execute(async (tx) => {
    if (loaded.viewer.role === "owner" && (await ownerCount(tx, communityId)) <= 1) throw lastOwner();
    await tx.deleteFrom("memberships").where("community_id", "=", communityId).where("person_id", "=", ctx.person.id).execute();
    await audit(ctx, tx, "community.left", { communityId });
  });
  await syncTeams(ctx, communityId);
}

const personRef = z.object({ personId: z.uuid() }).strict();

async function targetPerson(ctx: CommandContext, personId: string) {
  const p = await ctx.db.selectFrom("people").select(["id", "display_name", "agency_id"]).where("id", "=", personId).executeTakeFirst();
  if (!p) throw new CommandError("invalid", "community.unknown_person", "That person has not used Guildhall yet.");
  return p;
}

/** Moderators invite a public servant; an invitation lets them join even a closed or hidden community. */
export async function invite(ctx: CommandContext, communityId: string, input: unknown): Promise<void> {
  const loaded = await loadVisible(ctx, communityId);
  check(loaded, "community.invite");
  const { personId } = parseInput(personRef, input);
  const target = await targetPerson(ctx, personId);
  if (loaded.facts.scope === "agency_only" && (!target.agency_id || !loaded.facts.agencyIds.includes(target.agency_id))) {
    throw new CommandError("forbidden", "community.agency_only", "This community is for particular agencies only, and that person's agency is not one of them.", { reason: "agency_only" });
  }
  const member = await ctx.db.selectFrom("memberships").select("role").where("community_id", "=", communityId).where("person_id", "=", personId).executeTakeFirst();
  if (member) throw new CommandError("conflict", "community.already_member", "That person is already a member.");
  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto("invitations").values({ community_id: communityId, person_id: personId, invited_by: ctx.person.id }).onConflict((oc) => oc.columns(["community_id", "person_id"]).doNothing()).execute();
    await notify(tx, { personId, kind: "invited", communityId, text: `${ctx.person.display_name} invited you to join "${loaded.community.display_name}".` });
    await audit(ctx, tx, "community.invited", { communityId, personId });
  });
}

const removeSchema = personRef.extend({ reason: reasonText({ label: "The reason", min: 1, max: 1000, minMessage: "Say why the member is removed." }) });

/** Moderators remove a member (owners can only be removed by owners). */
export async function removeMember(ctx: CommandContext, communityId: string, input: unknown): Promise<void> {
  const loaded = await loadVisible(ctx, communityId);
  check(loaded, "community.manageMembers");
  const { personId, reason } = parseInput(removeSchema, input);
  await ctx.db.transaction().execute(async (tx) => {
    const m = await tx.selectFrom("memberships").select("role").where("community_id", "=", communityId).where("person_id", "=", personId).executeTakeFirst();
    if (!m) throw new CommandError("invalid", "community.not_member", "That person is not a member.");
    if (m.role === "owner" && loaded.viewer.role !== "owner") throw new CommandError("forbidden", "community.not_owner", "Only owners can remove an owner.", { reason: "not_owner" });
    if (m.role === "owner" && (await ownerCount(tx, communityId)) <= 1) throw lastOwner();
    await tx.deleteFrom("memberships").where("community_id", "=", communityId).where("person_id", "=", personId).execute();
    await notify(tx, { personId, kind: "memberRemoved", communityId, text: `You were removed from "${loaded.community.display_name}": ${reason}` });
    await audit(ctx, tx, "community.member_removed", { communityId, personId });
  });
  await syncTeams(ctx, communityId);
}

const roleSchema = personRef.extend({ role: z.enum(["owner", "moderator", "member"]) });

/** Owners change a member's role; demoting the last owner is refused. */
export async function changeRole(ctx: CommandContext, communityId: string, input: unknown): Promise<void> {
  const loaded = await loadVisible(ctx, communityId);
  check(loaded, "community.changeRoles");
  const { personId, role } = parseInput(roleSchema, input);
  await ctx.db.transaction().execute(async (tx) => {
    const m = await tx.selectFrom("memberships").select("role").where("community_id", "=", communityId).where("person_id", "=", personId).forUpdate().executeTakeFirst();
    if (!m) throw new CommandError("invalid", "community.not_member", "That person is not a member.");
    if (m.role === "owner" && role !== "owner" && (await ownerCount(tx, communityId)) <= 1) throw lastOwner();
    await tx.updateTable("memberships").set({ role }).where("community_id", "=", communityId).where("person_id", "=", personId).execute();
    await audit(ctx, tx, "community.role_changed", { communityId, personId, role });
  });
  await syncTeams(ctx, communityId);
}

/** An owner hands ownership to another member and becomes a moderator. */
export async function transferOwnership(ctx: CommandContext, communityId: string, input: unknown): Promise<void> {
  const loaded = await loadVisible(ctx, communityId);
  check(loaded, "community.transferOwnership");
  const { personId } = parseInput(personRef, input);
  if (personId === ctx.person.id) throw new CommandError("invalid", "request.invalid", "Choose another member to hand ownership to.");
  await ctx.db.transaction().execute(async (tx) => {
    const m = await tx.selectFrom("memberships").select("role").where("community_id", "=", communityId).where("person_id", "=", personId).executeTakeFirst();
    if (!m) throw new CommandError("invalid", "community.not_member", "Ownership can only go to a member.");
    await tx.updateTable("memberships").set({ role: "owner" }).where("community_id", "=", communityId).where("person_id", "=", personId).execute();
    if (loaded.viewer.role === "owner") {
      await tx.updateTable("memberships").set({ role: "moderator" }).where("community_id", "=", communityId).where("person_id", "=", ctx.person.id).execute();
    }
    await notify(tx, { personId, kind: "ownershipTransferred", communityId, text: `You are now an owner of "${loaded.community.display_name}".` });
    await audit(ctx, tx, "community.ownership_transferred", { communityId, to: personId });
  });
  await syncTeams(ctx, communityId);
}
