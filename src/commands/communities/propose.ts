import { sql } from "kysely";
import { applyNamingPolicy, classificationAllowed, classificationCeilingReason, defaultPresence, MAX_CHANNEL_NAME, proposalSchema, type Classification, type NameProblem, type Proposal, type TeamsPresence } from "../../domain/communities.js";
import { authorize } from "../../domain/policy.js";
import { nameKey, type MessageArgs } from "../../domain/text.js";
import { defineMessages, type MessageDescriptor } from "../../i18n/format.js";
import { appendAudit } from "../../store/audit.js";
import { CommandError, fieldIssue, fieldIssues, type CommandContext, type FieldIssue } from "../context.js";

const m = defineMessages({
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
  blockedWord: {
    id: "errors.community.nameBlockedWord",
    defaultMessage: "The name contains a word the naming policy blocks: \"{word}\".",
    description: "word: the blocked word found in the name",
  },
});

const v = defineMessages({
  unknownAgency: { id: "validation.community.unknownAgency", defaultMessage: "One of these agencies is not registered." },
  agenciesOnlyForAgencyOnly: { id: "validation.community.agenciesOnlyForAgencyOnly", defaultMessage: "Name agencies only for an agency-only community." },
  nameTaken: { id: "validation.community.nameTaken", defaultMessage: "A community with this name, or one that looks the same, already exists." },
  noAgency: {
    id: "validation.community.noAgency",
    defaultMessage: "Your agency is not registered in Guildhall: tick the agencies this community is for.",
  },
  presenceMismatch: {
    id: "validation.community.presenceMismatch",
    defaultMessage: "A closed or hidden community needs a private channel or its own team: a standard channel is visible to the whole host team.",
  },
  nothingUsable: {
    id: "validation.community.nameNothingForTeams",
    defaultMessage: "Teams needs at least one letter or digit in the name; the name has only characters Teams does not allow (such as ? # % or *).",
  },
  affixesTooLong: {
    id: "validation.community.nameAffixesTooLong",
    defaultMessage: "This Guildhall's naming prefix and suffix leave too little of the {max, number} characters Teams allows for a channel name. Ask your platform owner to shorten them.",
  },
  blockedWord: {
    id: "validation.community.nameBlockedWord",
    defaultMessage: "The name contains a word the naming policy blocks: \u201C{word}\u201D. Choose another name.",
    description: "word: the blocked word found in the name",
  },
  chooseVisibility: { id: "validation.community.chooseVisibility", defaultMessage: "Choose who can see and join the community." },
  chooseScope: { id: "validation.community.chooseScope", defaultMessage: "Choose whether the community is open to every agency or only to some." },
  chooseClassification: { id: "validation.community.chooseClassification", defaultMessage: "Choose the highest classification members may share." },
  choosePresence: { id: "validation.community.choosePresence", defaultMessage: "Choose a place in Microsoft Teams from the list." },
});

/** Why a name breaks the naming policy, as a message (for the field, and for the answer when it is the only problem). */
function nameProblem(problem: NameProblem, detail: string | undefined): { error: MessageDescriptor; message: MessageDescriptor; values?: MessageArgs } {
  switch (problem) {
    case "nothing_usable":
      return { error: v.nothingUsable, message: v.nothingUsable };
    case "affixes_too_long":
      return { error: v.affixesTooLong, message: v.affixesTooLong, values: { max: MAX_CHANNEL_NAME } };
    case "blocked_word":
      return { error: m.blockedWord, message: v.blockedWord, values: { word: detail ?? "" } };
  }
}

/**
 * The ceiling's sentence is the tab's (area `classification`, with the classification's code as `max`): the
 * tab shows the same words beside the field before anyone submits.
 */
function ceilingMessage(max: Classification): MessageDescriptor {
  return { id: "classification.ceiling.reason", defaultMessage: classificationCeilingReason(max) };
}

/** The choices' own words when one is missing (zod's "This field is required." is general). */
const CHOICE_WORDS: Record<string, MessageDescriptor> = {
  visibility: v.chooseVisibility,
  scope: v.chooseScope,
  classification: v.chooseClassification,
  teamsPresence: v.choosePresence,
};

function inPlainWords(issue: FieldIssue, input: unknown): FieldIssue {
  const words = CHOICE_WORDS[issue.path];
  const given = typeof input === "object" && input !== null ? (input as Record<string, unknown>)[issue.path] : undefined;
  return words && (given === undefined || given === null || given === "") ? fieldIssue(issue.path, words) : issue;
}

/** A problem found after the schema, with the answer it gets when it is the only one. */
interface Problem {
  kind: "invalid" | "conflict";
  id: string;
  message: MessageDescriptor;
  values?: MessageArgs;
  issue: FieldIssue;
}

type Fields = { [K in keyof Proposal]?: Proposal[K] };

/** Each field parsed on its own, so the rules that need only valid fields still run when another field is wrong. */
function validFields(input: unknown): Fields {
  const raw = typeof input === "object" && input !== null ? (input as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(proposalSchema.shape)) {
    const r = (schema as { safeParse(v: unknown): { success: boolean; data?: unknown } }).safeParse(raw[key]);
    if (r.success) out[key] = r.data;
  }
  return out as Fields;
}

/** A proposal that passed every check: what `proposeCommunity` (and editing a proposal) writes. */
export interface CheckedProposal {
  proposal: Proposal;
  displayName: string;
  /** The name Teams gets (teams_name), derived from the name for this presence. */
  teamsName: string;
  nameKey: string;
  agencyIds: string[];
  tags: string[];
  presence: TeamsPresence;
}

/**
 * Every check a proposal passes before it is written, all reported in one answer, each beside its field: the
 * schema's (text, lengths, choices, an over-long tag by name), the name's for Teams, the classification ceiling,
 * the agencies, the Teams place for the visibility, a name already in use that the proposer can see. One problem
 * of the kinds that have their own error id keeps it (`community.classification_above_ceiling`,
 * `community.name_taken`…); several are `request.invalid` with every field's issue. `exceptId`: the proposal being
 * edited, which never clashes with itself. Throws the CommandError to answer with; writes nothing.
 */
export async function checkProposal(ctx: CommandContext, input: unknown, exceptId?: string): Promise<CheckedProposal> {
  // The input is reported to the issues only to tell a missing value from a wrong one; it is never sent back.
  const parsed = proposalSchema.safeParse(input, { reportInput: true });
  const schemaIssues = parsed.success ? [] : fieldIssues(parsed.error.issues).map((i) => inPlainWords(i, input));
  const f: Fields = parsed.success ? parsed.data : validFields(input);
  const problems: Problem[] = [];

  if (f.classification && !classificationAllowed(f.classification, ctx.settings.maxClassification)) {
    const max = ctx.settings.maxClassification;
    const ceiling = ceilingMessage(max);
    problems.push({ kind: "invalid", id: "community.classification_above_ceiling", message: ceiling, values: { max }, issue: fieldIssue("classification", ceiling, { max }) });
  }

  const presence = f.teamsPresence ?? (f.visibility ? defaultPresence(f.visibility) : "private_channel");
  const named = f.name !== undefined ? applyNamingPolicy(f.name, ctx.settings.naming, presence) : undefined;
  if (named && !named.ok) {
    const { error, message, values } = nameProblem(named.problem, named.detail);
    problems.push({ kind: "invalid", id: `community.name_${named.problem}`, message: error, values, issue: fieldIssue("name", message, values) });
  }

  let agencyIds = [...new Set(f.agencyIds ?? [])];
  if (f.scope === "agency_only" && f.agencyIds !== undefined) {
    if (agencyIds.length === 0) {
      if (ctx.agencyId) agencyIds = [ctx.agencyId];
      else problems.push({ kind: "invalid", id: "community.no_agency", message: m.noAgency, issue: fieldIssue("agencyIds", v.noAgency) });
    }
    if (agencyIds.length > 0) {
      const known = await ctx.db.selectFrom("agencies").select("id").where("id", "in", agencyIds).execute();
      if (known.length !== agencyIds.length) problems.push({ kind: "invalid", id: "request.invalid", message: m.unknownAgency, issue: fieldIssue("agencyIds", v.unknownAgency) });
    }
  } else if (f.scope === "cross_agency" && agencyIds.length > 0) {
    problems.push({ kind: "invalid", id: "request.invalid", message: m.agenciesOnlyForAgencyOnly, issue: fieldIssue("agencyIds", v.agenciesOnlyForAgencyOnly) });
  }

  if (f.teamsPresence === "standard_channel" && f.visibility !== undefined && f.visibility !== "open") {
    problems.push({ kind: "invalid", id: "community.presence_mismatch", message: m.presenceMismatch, issue: fieldIssue("teamsPresence", v.presenceMismatch) });
  }

  const key = named?.ok ? nameKey(named.displayName) : undefined;
  const clash = key !== undefined ? await visibleClash(ctx, key, exceptId) : undefined;
  if (clash !== undefined) problems.push({ kind: "conflict", id: "community.name_taken", message: m.nameTaken, values: { name: clash }, issue: fieldIssue("name", v.nameTaken) });

  if (schemaIssues.length === 0 && problems.length === 1) {
    const [only] = problems as [Problem];
    throw new CommandError(only.kind, only.id, only.message, only.values, { issues: [only.issue] });
  }
  if (schemaIssues.length > 0 || problems.length > 0 || !parsed.success || !named?.ok || key === undefined) {
    throw new CommandError("invalid", "request.invalid", m.proposalIncomplete, undefined, { issues: [...schemaIssues, ...problems.map((p) => p.issue)] });
  }
  const p = parsed.data;
  return { proposal: p, displayName: named.displayName, teamsName: named.teamsName, nameKey: key, agencyIds, tags: [...new Set(p.tags)], presence };
}

/**
 * Any eligible public servant proposes a community; platform owners decide. Every problem comes back in one
 * answer (`checkProposal`); nothing is written unless there is none. The answer is the same whether or not a
 * community the proposer cannot see has a look-alike name (issue 7: no existence leak).
 */
export async function proposeCommunity(ctx: CommandContext, input: unknown): Promise<{ id: string }> {
  if (!authorize(ctx.actor, "community.propose").allowed) throw new CommandError("forbidden", "auth.forbidden", m.mayNotPropose);
  const { proposal: p, displayName, teamsName, nameKey: key, agencyIds, tags, presence } = await checkProposal(ctx, input);

  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto("communities")
      .values({
        name: p.name,
        display_name: displayName,
        teams_name: teamsName,
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
