/**
 * The last-owner rule under concurrency. Every transaction that can reduce a community's owners (leave,
 * role change, removal, ownership transfer, re-verification removals) first locks the community row with
 * `lockOwners`, then reads roles afresh: such transactions run one at a time per community, and each sees
 * what the one before it committed (READ COMMITTED takes a new snapshot per statement). A trigger from
 * migration 0004 (`memberships_keep_owner`) takes the same lock and refuses any write that would leave an
 * approved or archived community with no owner, so a path that forgets the lock still cannot break the rule.
 */
import type { Kysely, Transaction } from "kysely";
import type { Role } from "../../domain/communities.js";
import { DENIAL_MESSAGES } from "../../domain/policy.js";
import { defineMessages } from "../../i18n/format.js";

const m = defineMessages({
  noLongerOwner: { id: "errors.community.noLongerOwner", defaultMessage: "You are no longer an owner of this community." },
});
import type { Database } from "../../store/schema.js";
import { CommandError } from "../context.js";

/** Take the community's owner lock for the rest of the transaction. Returns false if the community is gone. */
export async function lockOwners(tx: Transaction<Database>, communityId: string): Promise<boolean> {
  const row = await tx.selectFrom("communities").select("id").where("id", "=", communityId).forNoKeyUpdate().executeTakeFirst();
  return row !== undefined;
}

/** A person's role in a community as of now (call after `lockOwners`), or null when not a member. */
export async function currentRole(db: Kysely<Database>, communityId: string, personId: string): Promise<Role | null> {
  const m = await db.selectFrom("memberships").select("role").where("community_id", "=", communityId).where("person_id", "=", personId).executeTakeFirst();
  return m?.role ?? null;
}

/** How many owners the community has now (call after `lockOwners`). */
export async function ownerCount(db: Kysely<Database>, communityId: string): Promise<number> {
  const r = await db.selectFrom("memberships").select((eb) => eb.fn.countAll<string>().as("n")).where("community_id", "=", communityId).where("role", "=", "owner").executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The refusal when a change would leave no owner (also what the database trigger's violation maps to). */
export function lastOwner(): CommandError {
  return new CommandError("forbidden", "community.last_owner", DENIAL_MESSAGES.last_owner, undefined, { reason: "last_owner" });
}

/** The refusal when the actor stopped being an owner while their request was on its way. */
export function noLongerOwner(): CommandError {
  return new CommandError("forbidden", "community.not_owner", m.noLongerOwner, undefined, { reason: "not_owner" });
}

/**
 * Who takes over when a community's only owner must go (re-verification found they left): the
 * longest-standing moderator, else the longest-standing member, never one of `excluded` (people leaving
 * too). Undefined when nobody is left.
 */
export async function successor(db: Kysely<Database>, communityId: string, excluded: readonly string[]): Promise<string | undefined> {
  const row = await db
    .selectFrom("memberships")
    .select("person_id")
    .where("community_id", "=", communityId)
    .where("role", "!=", "owner")
    .$if(excluded.length > 0, (q) => q.where("person_id", "not in", excluded))
    .orderBy((eb) => eb.case().when("role", "=", "moderator").then(0).else(1).end())
    .orderBy("joined_at")
    .orderBy("person_id")
    .limit(1)
    .executeTakeFirst();
  return row?.person_id;
}
