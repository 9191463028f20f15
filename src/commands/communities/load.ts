import { DENIAL_MESSAGES, authorizeCommunity, canSee, type CommunityAction, type CommunityFacts, type ViewerFacts } from "../../domain/policy.js";
import type { Community } from "../../store/schema.js";
import { CommandError, requestMessages, type CommandContext } from "../context.js";
import { GUID_PATTERN } from "../../domain/identity.js";
import { defineMessages } from "../../i18n/format.js";

/** Sentences more than one community command answers with. */
export const communityErrors = defineMessages({
  notConnected: { id: "errors.community.notConnected", defaultMessage: "No Microsoft 365 tenant is connected, so there is nothing to retry yet." },
});


export interface Loaded {
  community: Community;
  facts: CommunityFacts;
  viewer: ViewerFacts;
}

export function notFound(): CommandError {
  return new CommandError("not_found", "not_found", requestMessages.notFound);
}

/** Facts the policy needs about the viewer and one community. */
export async function viewerFacts(ctx: CommandContext, community: Community): Promise<{ facts: CommunityFacts; viewer: ViewerFacts }> {
  // Role, invitation and pending request in one statement, so one snapshot: a join committing meanwhile
  // (membership added, invitation removed together) is seen whole or not at all.
  const [agencies, mine] = await Promise.all([
    ctx.db.selectFrom("community_agencies").select("agency_id").where("community_id", "=", community.id).execute(),
    ctx.db
      .selectNoFrom((eb) => [
        eb.selectFrom("memberships").select("role").where("community_id", "=", community.id).where("person_id", "=", ctx.person.id).as("role"),
        eb.exists(eb.selectFrom("invitations").select("person_id").where("community_id", "=", community.id).where("person_id", "=", ctx.person.id)).as("invited"),
        eb
          .exists(eb.selectFrom("join_requests").select("id").where("community_id", "=", community.id).where("person_id", "=", ctx.person.id).where("status", "=", "pending"))
          .as("requested"),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return {
    facts: { status: community.status, visibility: community.visibility, scope: community.scope, agencyIds: agencies.map((a) => a.agency_id), teamsPresence: community.teams_presence },
    viewer: {
      actor: ctx.actor,
      agencyId: ctx.agencyId,
      role: mine.role ?? null,
      invited: Boolean(mine.invited),
      requested: Boolean(mine.requested),
      proposer: community.proposed_by === ctx.person.id,
    },
  };
}

/** Load a community the viewer may see; anything else is "not found", never "forbidden". */
export async function loadVisible(ctx: CommandContext, id: string): Promise<Loaded> {
  if (!GUID_PATTERN.test(id)) throw notFound();
  const community = await ctx.db.selectFrom("communities").selectAll().where("id", "=", id).executeTakeFirst();
  if (!community) throw notFound();
  const { facts, viewer } = await viewerFacts(ctx, community);
  if (!canSee(facts, viewer)) throw notFound();
  return { community, facts, viewer };
}

/** Throw the policy's refusal as a CommandError (404 for not_found, 403 otherwise). */
export function check(loaded: Loaded, action: CommunityAction): void {
  const d = authorizeCommunity(loaded.facts, loaded.viewer, action);
  if (d.allowed) return;
  if (d.reason === "not_found") throw notFound();
  throw new CommandError("forbidden", `community.${d.reason}`, DENIAL_MESSAGES[d.reason], undefined, { reason: d.reason });
}

export function isUuid(id: string): boolean {
  return GUID_PATTERN.test(id);
}
