import { sql, type Kysely, type Transaction } from "kysely";
import { z } from "zod";
import type { Role } from "../../domain/communities.js";
import { multilineText, refinement } from "../../domain/text.js";
import { defineMessages } from "../../i18n/format.js";
import { appendAudit } from "../../store/audit.js";
import type { Database } from "../../store/schema.js";
import { CommandError, parseInput, type CommandContext } from "../context.js";
import { NOTICES, notify } from "../notify.js";
import { check, isUuid, loadVisible, notFound, type Loaded } from "./load.js";
import { currentRole, lastOwner, lockOwners, noLongerOwner, ownerCount } from "./owners.js";

export const SYNC_QUEUE = "community.sync-members";

const v = defineMessages({
  acceptCode: { id: "validation.membership.acceptCode", defaultMessage: "Accept the code of practice to join" },
  declineReason: { id: "validation.membership.declineReason", defaultMessage: "Say why the request is declined" },
  removeReason: { id: "validation.membership.removeReason", defaultMessage: "Say why the member is removed." },
});

const m = defineMessages({
  codeChanged: { id: "errors.community.codeChanged", defaultMessage: "The code of practice has changed since you read it; read it again and accept." },
  requestDecided: { id: "errors.community.requestDecided", defaultMessage: "Your request to join was decided a moment ago; reload to see the answer." },
  requestNotPending: { id: "errors.community.requestNotPending", defaultMessage: "This request has already been decided or withdrawn." },
  unknownPerson: { id: "errors.community.unknownPerson", defaultMessage: "That person has not used Guildhall yet." },
  personAgencyOnly: {
    id: "errors.community.personAgencyOnly",
    defaultMessage: "This community is for particular agencies only, and that person's agency is not one of them.",
  },
  alreadyMember: { id: "errors.community.alreadyMember", defaultMessage: "That person is already a member." },
  noLongerModerator: { id: "errors.community.noLongerModerator", defaultMessage: "You are no longer a moderator of this community." },
  onlyOwnersRemoveOwners: { id: "errors.community.onlyOwnersRemoveOwners", defaultMessage: "Only owners can remove an owner." },
  notMember: { id: "errors.community.notMember", defaultMessage: "That person is not a member." },
  transferToSelf: { id: "errors.community.transferToSelf", defaultMessage: "Choose another member to hand ownership to." },
  transferToNonMember: { id: "errors.community.transferToNonMember", defaultMessage: "Ownership can only go to a member." },
});

/** The sentence for a person who is already a member (the database's own refusal says the same). */
export const ALREADY_MEMBER = m.alreadyMember;
/** Refusals about the person named, which invitations.ts answers with too. */
export const PERSON_MESSAGES = { unknownPerson: m.unknownPerson, personAgencyOnly: m.personAgencyOnly } as const;

const acceptance = z
  .object({ acceptCodeOfPractice: z.custom<true>((value) => value === true, refinement(v.acceptCode)), codeVersion: z.number().int().min(1) })
  .strict();

/** Refuse (409) an acceptance of a code of practice that is no longer the current version. */
export function requireCurrentCode(loaded: Loaded, version: number): void {
  if (version !== loaded.community.code_version) {
    throw new CommandError("conflict", "community.code_changed", m.codeChanged);
  }
}

async function audit(ctx: CommandContext, db: Kysely<Database>, event: string, detail: Record<string, unknown>) {
  await appendAudit(db, { event, outcome: "info", tenantId: ctx.actor.principal.tenantId, objectId: ctx.actor.principal.objectId, requestId: ctx.requestId, detail });
}

/** Add a member unless they already are one (a repeated or concurrent join adds once). True if added. */
async function addMember(tx: Transaction<Database>, communityId: string, personId: string, role: Role, codeVersion: number): Promise<boolean> {
  const added = await tx
    .insertInto("memberships")
    .values({ community_id: communityId, person_id: personId, role, code_version_accepted: codeVersion, code_accepted_at: sql<Date>`now()` })
    .onConflict((oc) => oc.columns(["community_id", "person_id"]).doNothing())
    .returning("person_id")
    .executeTakeFirst();
  await tx.deleteFrom("invitations").where("community_id", "=", communityId).where("person_id", "=", personId).execute();
  return added !== undefined;
}

/** Queue a Teams membership sync for the community (when a tenant is connected). */
export async function syncTeams(ctx: CommandContext, communityId: string) {
  if (ctx.settings.graphConnected) await ctx.enqueue(SYNC_QUEUE, { communityId }, { singletonKey: communityId, startAfterSeconds: 5 });
}

/**
 * Join an open community (or one you were invited to, which accepts the invitation), accepting its code of
 * practice. Idempotent: joining again, or many times at once, answers as if once (one membership, one audit).
 */
export async function joinCommunity(ctx: CommandContext, communityId: string, input: unknown): Promise<void> {
  const loaded = await loadVisible(ctx, communityId);
  if (loaded.viewer.role !== null) return;
  check(loaded, "community.join");
  const a = parseInput(acceptance, input);
  requireCurrentCode(loaded, a.codeVersion);
  const added = await ctx.db.transaction().execute(async (tx) => {
    if (!(await addMember(tx, communityId, ctx.person.id, "member", a.codeVersion))) return false;
    await audit(ctx, tx, "community.joined", { communityId, codeVersion: a.codeVersion });
    return true;
  });
  if (added) await syncTeams(ctx, communityId);
}

const requestSchema = acceptance.extend({ message: multilineText({ field: "message", max: 1000 }).default("") });

async function pendingRequest(db: Kysely<Database>, communityId: string, personId: string): Promise<{ id: string } | undefined> {
  return db.selectFrom("join_requests").select("id").where("community_id", "=", communityId).where("person_id", "=", personId).where("status", "=", "pending").executeTakeFirst();
}

/**
 * Ask to join a closed community; its moderators decide. Idempotent: while a request is pending, asking
 * again (or many times at once) answers with that request and changes nothing (its message stays).
 */
export async function requestToJoin(ctx: CommandContext, communityId: string, input: unknown): Promise<{ id: string }> {
  const loaded = await loadVisible(ctx, communityId);
  check(loaded, "community.request");
  const r = parseInput(requestSchema, input);
  requireCurrentCode(loaded, r.codeVersion);
  const existing = loaded.viewer.requested ? await pendingRequest(ctx.db, communityId, ctx.person.id) : undefined;
  if (existing) return existing;
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto("join_requests")
      .values({ community_id: communityId, person_id: ctx.person.id, message: r.message, status: "pending", decided_by: null, decision_reason: null, decided_at: null })
      // join_requests_pending_uq: one pending request per person; a concurrent twin finds this one.
      .onConflict((oc) => oc.columns(["community_id", "person_id"]).where(sql<boolean>`status = 'pending'`).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) {
      const twin = await pendingRequest(tx, communityId, ctx.person.id);
      if (twin) return twin;
      throw new CommandError("conflict", "community.request_decided", m.requestDecided);
    }
    const moderators = await tx.selectFrom("memberships").select("person_id").where("community_id", "=", communityId).where("role", "in", ["owner", "moderator"]).execute();
    for (const m of moderators) {
      await notify(tx, { personId: m.person_id, kind: "joinRequested", communityId, message: NOTICES.joinRequested, values: { name: ctx.person.display_name, community: loaded.community.display_name } });
    }
    await audit(ctx, tx, "community.join_requested", { communityId, requestId: row.id });
    return { id: row.id };
  });
}

const decisionSchema = z
  .object({ decision: z.enum(["approve", "decline"]), reason: multilineText({ field: "reason", max: 1000 }).default("") })
  .strict()
  .refine((d) => d.decision === "approve" || d.reason.length > 0, { ...refinement(v.declineReason), path: ["reason"] });

/**
 * A moderator approves or declines a join request; the requester hears back either way. Idempotent: the same
 * decision again (or two moderators deciding alike at once) answers as if once; a different one is a 409.
 */
export async function decideJoinRequest(ctx: CommandContext, communityId: string, requestId: string, input: unknown): Promise<void> {
  const loaded = await loadVisible(ctx, communityId);
  check(loaded, "community.decideRequests");
  const d = parseInput(decisionSchema, input);
  if (!isUuid(requestId)) throw notFound();
  const decided = await ctx.db.transaction().execute(async (tx) => {
    const req = await tx
      .updateTable("join_requests")
      .set({ status: d.decision === "approve" ? "approved" : "declined", decided_by: ctx.person.id, decision_reason: d.reason || null, decided_at: sql<Date>`now()` })
      .where("id", "=", requestId)
      .where("community_id", "=", communityId)
      .where("status", "=", "pending")
      .returning(["person_id"])
      .executeTakeFirst();
    if (!req) {
      const now = await tx.selectFrom("join_requests").select("status").where("id", "=", requestId).where("community_id", "=", communityId).executeTakeFirst();
      if (!now) throw notFound();
      if (now.status === (d.decision === "approve" ? "approved" : "declined")) return false;
      throw new CommandError("conflict", "community.request_not_pending", m.requestNotPending);
    }
    if (d.decision === "approve") await addMember(tx, communityId, req.person_id, "member", loaded.community.code_version);
    await notify(tx, {
      personId: req.person_id,
      kind: "joinRequestDecided",
      communityId,
      ...(d.decision === "approve"
        ? { message: NOTICES.joinRequestApproved, values: { community: loaded.community.display_name } }
        : { message: NOTICES.joinRequestDeclined, values: { community: loaded.community.display_name, reason: d.reason } }),
    });
    await audit(ctx, tx, d.decision === "approve" ? "community.request_approved" : "community.request_declined", { communityId, requestId });
    return true;
  });
  if (decided && d.decision === "approve") await syncTeams(ctx, communityId);
}

/**
 * Leave a community. The last owner must hand over first (checked under the owner lock, so two owners
 * leaving at once cannot both go). Leaving twice answers as if once.
 */
export async function leaveCommunity(ctx: CommandContext, communityId: string): Promise<void> {
  const loaded = await loadVisible(ctx, communityId);
  if (loaded.viewer.role === null) return;
  check(loaded, "community.leave");
  const left = await ctx.db.transaction().execute(async (tx) => {
    await lockOwners(tx, communityId);
    const role = await currentRole(tx, communityId, ctx.person.id);
    if (role === null) return false;
    if (role === "owner" && (await ownerCount(tx, communityId)) <= 1) throw lastOwner();
    await tx.deleteFrom("memberships").where("community_id", "=", communityId).where("person_id", "=", ctx.person.id).execute();
    await audit(ctx, tx, "community.left", { communityId });
    return true;
  });
  if (left) await syncTeams(ctx, communityId);
}

const personRef = z.object({ personId: z.uuid() }).strict();

/** Inviting people, including those who have not opened Guildhall yet, lives in invitations.ts (issue 8). */
export { invite } from "./invitations.js";

const removeSchema = personRef.extend({ reason: multilineText({ field: "reason", min: 1, max: 1000, minMessage: v.removeReason }) });

/**
 * Moderators remove a member (owners can only be removed by owners). Roles are read again under the owner
 * lock; removing someone who is no longer a member (a repeated or concurrent removal) changes nothing.
 */
export async function removeMember(ctx: CommandContext, communityId: string, input: unknown): Promise<void> {
  const loaded = await loadVisible(ctx, communityId);
  check(loaded, "community.manageMembers");
  const { personId, reason } = parseInput(removeSchema, input);
  const removed = await ctx.db.transaction().execute(async (tx) => {
    await lockOwners(tx, communityId);
    const mine = await currentRole(tx, communityId, ctx.person.id);
    if (mine !== "owner" && mine !== "moderator") throw new CommandError("forbidden", "community.not_moderator", m.noLongerModerator, undefined, { reason: "not_moderator" });
    const theirs = await currentRole(tx, communityId, personId);
    if (theirs === null) return false;
    if (theirs === "owner" && mine !== "owner") throw new CommandError("forbidden", "community.not_owner", m.onlyOwnersRemoveOwners, undefined, { reason: "not_owner" });
    if (theirs === "owner" && (await ownerCount(tx, communityId)) <= 1) throw lastOwner();
    await tx.deleteFrom("memberships").where("community_id", "=", communityId).where("person_id", "=", personId).execute();
    await notify(tx, { personId, kind: "memberRemoved", communityId, message: NOTICES.removed, values: { community: loaded.community.display_name, reason } });
    await audit(ctx, tx, "community.member_removed", { communityId, personId });
    return true;
  });
  if (removed) await syncTeams(ctx, communityId);
}

const roleSchema = personRef.extend({ role: z.enum(["owner", "moderator", "member"]) });

/** The actor may still act as an owner (checked again under the owner lock). */
async function requireOwnerNow(ctx: CommandContext, tx: Transaction<Database>, communityId: string): Promise<Role | null> {
  const mine = await currentRole(tx, communityId, ctx.person.id);
  if (mine !== "owner" && !ctx.actor.platformOwner) throw noLongerOwner();
  return mine;
}

/**
 * Owners change a member's role; demoting the last owner is refused, also when two owners demote each
 * other at the same moment (the second finds it is no longer an owner). The same role again changes nothing.
 */
export async function changeRole(ctx: CommandContext, communityId: string, input: unknown): Promise<void> {
  const loaded = await loadVisible(ctx, communityId);
  check(loaded, "community.changeRoles");
  const { personId, role } = parseInput(roleSchema, input);
  const changed = await ctx.db.transaction().execute(async (tx) => {
    await lockOwners(tx, communityId);
    await requireOwnerNow(ctx, tx, communityId);
    const theirs = await currentRole(tx, communityId, personId);
    if (theirs === null) throw new CommandError("invalid", "community.not_member", m.notMember);
    if (theirs === role) return false;
    if (theirs === "owner" && (await ownerCount(tx, communityId)) <= 1) throw lastOwner();
    await tx.updateTable("memberships").set({ role }).where("community_id", "=", communityId).where("person_id", "=", personId).execute();
    await audit(ctx, tx, "community.role_changed", { communityId, personId, role });
    return true;
  });
  if (changed) await syncTeams(ctx, communityId);
}

/** An owner hands ownership to another member and becomes a moderator (under the owner lock, so a concurrent leave cannot leave nobody). */
export async function transferOwnership(ctx: CommandContext, communityId: string, input: unknown): Promise<void> {
  const loaded = await loadVisible(ctx, communityId);
  check(loaded, "community.transferOwnership");
  const { personId } = parseInput(personRef, input);
  if (personId === ctx.person.id) throw new CommandError("invalid", "request.invalid", m.transferToSelf);
  await ctx.db.transaction().execute(async (tx) => {
    await lockOwners(tx, communityId);
    const mine = await requireOwnerNow(ctx, tx, communityId);
    if ((await currentRole(tx, communityId, personId)) === null) throw new CommandError("invalid", "community.not_member", m.transferToNonMember);
    await tx.updateTable("memberships").set({ role: "owner" }).where("community_id", "=", communityId).where("person_id", "=", personId).execute();
    if (mine === "owner") {
      await tx.updateTable("memberships").set({ role: "moderator" }).where("community_id", "=", communityId).where("person_id", "=", ctx.person.id).execute();
    }
    await notify(tx, { personId, kind: "ownershipTransferred", communityId, message: NOTICES.ownershipTransferred, values: { community: loaded.community.display_name } });
    await audit(ctx, tx, "community.ownership_transferred", { communityId, to: personId });
  });
  await syncTeams(ctx, communityId);
}
