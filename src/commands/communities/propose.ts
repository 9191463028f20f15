import { sql } from "kysely";
import { applyNamingPolicy, classificationAllowed, classificationCeilingReason, defaultPresence, proposalSchema } from "../../domain/communities.js";
import { authorize } from "../../domain/policy.js";
import { nameKey } from "../../domain/text.js";
import { appendAudit } from "../../store/audit.js";
import { CommandError, parseInput, type CommandContext } from "../context.js";

const NAME_PROBLEMS = {
  too_long_with_affixes: "With the required prefix and suffix the name is longer than the 50 characters Teams allows.",
  forbidden_characters: "Teams channel names cannot contain ~ # % & * { } + / \\ : < > ? | ' \" or a full stop.",
  blocked_word: "The name contains a word the naming policy blocks",
} as const;

/**
 * Any eligible public servant proposes a community; platform owners decide. The answer is the same whether
 * or not a community the proposer cannot see has a look-alike name (issue 7: no existence leak).
 */
export async function proposeCommunity(ctx: CommandContext, input: unknown): Promise<{ id: string }> {
  if (!authorize(ctx.actor, "community.propose").allowed) throw new CommandError("forbidden", "auth.forbidden", "You may not propose communities.");
  const p = parseInput(proposalSchema, input, "The proposal is not complete.");
  if (!classificationAllowed(p.classification, ctx.settings.maxClassification)) {
    const message = classificationCeilingReason(ctx.settings.maxClassification);
    throw new CommandError("invalid", "community.classification_above_ceiling", message, { issues: [{ path: "classification", message }] });
  }
  const named = applyNamingPolicy(p.name, ctx.settings.naming);
  if (!named.ok) {
    const message = named.problem === "blocked_word" ? `${NAME_PROBLEMS.blocked_word}: "${named.detail}".` : NAME_PROBLEMS[named.problem];
    throw new CommandError("invalid", `community.name_${named.problem}`, message, { issues: [{ path: "name", message }] });
  }
  let agencyIds = [...new Set(p.agencyIds)];
  if (p.scope === "agency_only") {
    if (agencyIds.length === 0) {
      if (!ctx.agencyId) throw new CommandError("invalid", "community.no_agency", "Your agency is not registered in Guildhall, so name the agencies this community is for.");
      agencyIds = [ctx.agencyId];
    }
    const known = await ctx.db.selectFrom("agencies").select("id").where("id", "in", agencyIds).execute();
    if (known.length !== agencyIds.length) throw new CommandError("invalid", "request.invalid", "One of the named agencies does not exist.", { issues: [{ path: "agencyIds", message: "unknown agency" }] });
  } else if (agencyIds.length > 0) {
    throw new CommandError("invalid", "request.invalid", "Only agency-only communities name agencies.", { issues: [{ path: "agencyIds", message: "only for agency_only" }] });
  }
  const tags = [...new Set(p.tags)];
  const presence = p.teamsPresence ?? defaultPresence(p.visibility);
  if (presence === "standard_channel" && p.visibility !== "open") {
    throw new CommandError("invalid", "community.presence_mismatch", "A closed or hidden community needs a private channel or its own team: a standard channel is visible to the whole host team.");
  }

  const key = nameKey(named.displayName);
  const clash = await visibleClash(ctx, key);
  if (clash) {
    const message = `A community called "${clash}" already exists or is awaiting approval. Choose another name.`;
    throw new CommandError("conflict", "community.name_taken", message, { issues: [{ path: "name", message: "A community with this name, or one that looks the same, already exists." }] });
  }

  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto("communities")
      .values({
        name: p.name,
        display_name: named.displayName,
        name_key: key,
        purpose: p.purpose,
        terms_of_reference: p.termsOfReference,
        code_of_practice: p.codeOfPractice,
        visibility: p.visibility,
        scope: p.scope,
        classification: p.classification,
        sensitivity_label_id: ctx.settings.sensitivityLabels[p.classification] ?? null,
        tags,
        teams_presence: presence,
        status: "proposed",
        proposed_by: ctx.person.id,
        decided_by: null,
        decision_reason: null,
        decided_at: null,
        archived_at: null,
        inactivity_flagged_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (agencyIds.length > 0) {
      await tx.insertInto("community_agencies").values(agencyIds.map((agency_id) => ({ community_id: row.id, agency_id }))).execute();
    }
    await appendAudit(tx, {
      event: "community.proposed",
      outcome: "info",
      tenantId: ctx.actor.principal.tenantId,
      objectId: ctx.actor.principal.objectId,
      requestId: ctx.requestId,
      detail: { communityId: row.id, visibility: p.visibility, scope: p.scope, classification: p.classification },
    });
    return { id: row.id };
  });
}

/**
 * A live community (proposed or approved) with the same name key that the proposer can already see: theirs,
 * one they belong to or were invited to, or a non-hidden approved one (platform owners see all). A clash with
 * anything else is not reported, so proposing answers the same whether or not a hidden or pending community
 * has that name; the platform owner sees the clash when deciding, and approval refuses it (decide.ts).
 */
async function visibleClash(ctx: CommandContext, key: string): Promise<string | undefined> {
  const me = ctx.person.id;
  const row = await ctx.db
    .selectFrom("communities as c")
    .select("c.display_name")
    .where("c.name_key", "=", key)
    .where("c.status", "in", ["proposed", "approved"])
    .$if(!ctx.actor.platformOwner, (q) =>
      q.where((eb) =>
        eb.or([
          eb("c.proposed_by", "=", me),
          eb.exists(eb.selectFrom("memberships as m").select("m.person_id").whereRef("m.community_id", "=", "c.id").where("m.person_id", "=", me)),
          eb.and([
            eb("c.status", "=", "approved"),
            eb.or([eb("c.visibility", "!=", "hidden"), eb.exists(eb.selectFrom("invitations as i").select("i.person_id").whereRef("i.community_id", "=", "c.id").where("i.person_id", "=", me))]),
          ]),
        ]),
      ),
    )
    .limit(1)
    .executeTakeFirst();
  return row?.display_name;
}

/** Bump activity (used by later features: posts, sessions). */
export async function touchCommunityActivity(ctx: CommandContext, communityId: string): Promise<void> {
  await ctx.db.updateTable("communities").set({ last_activity_at: sql<Date>`now()`, inactivity_flagged_at: null }).where("id", "=", communityId).execute();
}
