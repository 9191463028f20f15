import { sql } from "kysely";
import { applyNamingPolicy, classificationAllowed, classificationCeilingReason, defaultPresence, MAX_CHANNEL_NAME, proposalSchema, type Classification, type NameProblem, type Proposal, type TeamsPresence } from "../../domain/communities.js";
import { authorize } from "../../domain/policy.js";
import { nameKey, type MessageArgs } from "../../domain/text.js";
import { defineMessages, type MessageDescriptor } from "../../i18n/format.js";
import { appendAudit } from "../../store/audit.js";
import { CommandError, fieldIssue, parseInput, type CommandContext } from "../context.js";

/** The characters Teams refuses in channel names, as the message lists them (data, not translated). */
const FORBIDDEN_CHARACTERS = "~ # % & * { } + / \\ : < > ? | ' \"";

const m = defineMessages({
  tooLongWithAffixes: {
    id: "errors.community.nameTooLongWithAffixes",
    defaultMessage: "With the required prefix and suffix the name is longer than the {max, number} characters Teams allows.",
  },
  forbiddenCharacters: {
    id: "errors.community.nameForbiddenCharacters",
    defaultMessage: "Teams channel names cannot contain {characters} or a full stop.",
    description: "characters: the characters refused, separated by spaces (shown as they are)",
  },
  blockedWord: {
    id: "errors.community.nameBlockedWord",
    defaultMessage: "The name contains a word the naming policy blocks: \"{word}\".",
    description: "word: the blocked word found in the name",
  },
  mayNotPropose: { id: "errors.community.mayNotPropose", defaultMessage: "You may not propose communities." },
  proposalIncomplete: { id: "errors.community.proposalIncomplete", defaultMessage: "The proposal is not complete." },
  noAgency: { id: "errors.community.noAgency", defaultMessage: "Your agency is not registered in Guildhall, so name the agencies this community is for." },
  unknownAgency: { id: "errors.community.unknownAgency", defaultMessage: "One of the named agencies does not exist." },
  agenciesOnlyForAgencyOnly: { id: "errors.community.agenciesOnlyForAgencyOnly", defaultMessage: "Only agency-only communities name agencies." },
  presenceMismatch: {
    id: "errors.community.presenceMismatch",
    defaultMessage: "A closed or hidden community needs a private channel or its own team: a standard channel is visible to the whole host team.",
  },
  nameTaken: {
    id: "errors.community.nameTaken",
    defaultMessage: "A community called \"{name}\" already exists or is awaiting approval. Choose another name.",
    description: "name: the existing community's name",
  },
});

const v = defineMessages({
  unknownAgency: { id: "validation.community.unknownAgency", defaultMessage: "One of these agencies is not registered." },
  agenciesOnlyForAgencyOnly: { id: "validation.community.agenciesOnlyForAgencyOnly", defaultMessage: "Name agencies only for an agency-only community." },
  nameTaken: { id: "validation.community.nameTaken", defaultMessage: "A community with this name, or one that looks the same, already exists." },
});

/** Why a name breaks the naming policy, as a message (also for the field). */
function nameProblem(problem: NameProblem, detail: string | undefined): { message: MessageDescriptor; values: MessageArgs } {
  switch (problem) {
    case "too_long_with_affixes":
      return { message: m.tooLongWithAffixes, values: { max: MAX_CHANNEL_NAME } };
    case "forbidden_characters":
      return { message: m.forbiddenCharacters, values: { characters: FORBIDDEN_CHARACTERS } };
    case "blocked_word":
      return { message: m.blockedWord, values: { word: detail ?? "" } };
  }
}

/**
 * The ceiling's sentence is the tab's (area `classification`, with the classification's code as `max`): the
 * tab shows the same words beside the field before anyone submits.
 */
function ceilingMessage(max: Classification): MessageDescriptor {
  return { id: "classification.ceiling.reason", defaultMessage: classificationCeilingReason(max) };
}

/** A proposal that passed every check: what `proposeCommunity` (and editing a proposal) writes. */
export interface CheckedProposal {
  proposal: Proposal;
  displayName: string;
  nameKey: string;
  agencyIds: string[];
  tags: string[];
  presence: TeamsPresence;
}

/**
 * Every check a proposal passes before it is written (schema, classification ceiling, naming policy, agencies,
 * Teams presence, a name clash the proposer can see). `exceptId`: the proposal being edited, which never clashes
 * with itself. Throws the CommandError to answer with; writes nothing.
 */
export async function checkProposal(ctx: CommandContext, input: unknown, exceptId?: string): Promise<CheckedProposal> {
  const p = parseInput(proposalSchema, input, m.proposalIncomplete);
  if (!classificationAllowed(p.classification, ctx.settings.maxClassification)) {
    const max = ctx.settings.maxClassification;
    const ceiling = ceilingMessage(max);
    throw new CommandError("invalid", "community.classification_above_ceiling", ceiling, { max }, { issues: [fieldIssue("classification", ceiling, { max })] });
  }
  const named = applyNamingPolicy(p.name, ctx.settings.naming);
  if (!named.ok) {
    const { message, values } = nameProblem(named.problem, named.detail);
    throw new CommandError("invalid", `community.name_${named.problem}`, message, values, { issues: [fieldIssue("name", message, values)] });
  }
  let agencyIds = [...new Set(p.agencyIds)];
  if (p.scope === "agency_only") {
    if (agencyIds.length === 0) {
      if (!ctx.agencyId) throw new CommandError("invalid", "community.no_agency", m.noAgency);
      agencyIds = [ctx.agencyId];
    }
    const known = await ctx.db.selectFrom("agencies").select("id").where("id", "in", agencyIds).execute();
    if (known.length !== agencyIds.length) throw new CommandError("invalid", "request.invalid", m.unknownAgency, undefined, { issues: [fieldIssue("agencyIds", v.unknownAgency)] });
  } else if (agencyIds.length > 0) {
    throw new CommandError("invalid", "request.invalid", m.agenciesOnlyForAgencyOnly, undefined, { issues: [fieldIssue("agencyIds", v.agenciesOnlyForAgencyOnly)] });
  }
  const tags = [...new Set(p.tags)];
  const presence = p.teamsPresence ?? defaultPresence(p.visibility);
  if (presence === "standard_channel" && p.visibility !== "open") {
    throw new CommandError("invalid", "community.presence_mismatch", m.presenceMismatch);
  }

  const key = nameKey(named.displayName);
  const clash = await visibleClash(ctx, key, exceptId);
  if (clash) {
    throw new CommandError("conflict", "community.name_taken", m.nameTaken, { name: clash }, { issues: [fieldIssue("name", v.nameTaken)] });
  }
  return { proposal: p, displayName: named.displayName, nameKey: key, agencyIds, tags, presence };
}

/**
 * Any eligible public servant proposes a community; platform owners decide. The answer is the same whether
 * or not a community the proposer cannot see has a look-alike name (issue 7: no existence leak).
 */
export async function proposeCommunity(ctx: CommandContext, input: unknown): Promise<{ id: string }> {
  if (!authorize(ctx.actor, "community.propose").allowed) throw new CommandError("forbidden", "auth.forbidden", m.mayNotPropose);
  const { proposal: p, displayName, nameKey: key, agencyIds, tags, presence } = await checkProposal(ctx, input);

  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto("communities")
      .values({
        name: p.name,
        display_name: displayName,
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
async function visibleClash(ctx: CommandContext, key: string, exceptId?: string): Promise<string | undefined> {
  const me = ctx.person.id;
  const row = await ctx.db
    .selectFrom("communities as c")
    .select("c.display_name")
    .where("c.name_key", "=", key)
    .where("c.status", "in", ["proposed", "approved"])
    .$if(exceptId !== undefined, (q) => q.where("c.id", "!=", exceptId!))
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
