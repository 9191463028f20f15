/**
 * Communities of practice: the rules for proposing one (validation and the naming policy) and the shapes
 * the rest of the code shares. Pure: no I/O.
 */
import { z } from "zod";
import { defineMessages } from "../i18n/format.js";
import { listOf, multilineText, nameText, tagText } from "./text.js";
import { teamsNameFor, type ChannelNameProblem } from "./teamsNames.js";

export { CHANNEL_FORBIDDEN, channelNameFor, MAX_CHANNEL_NAME, MAX_TEAM_NAME, numberedChannelName, teamNameFor, teamsNameFor } from "./teamsNames.js";
export type { ChannelNameProblem, ChannelNameResult } from "./teamsNames.js";

export const VISIBILITIES = ["open", "closed", "hidden"] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const SCOPES = ["cross_agency", "agency_only"] as const;
export type Scope = (typeof SCOPES)[number];
export const CLASSIFICATIONS = ["OFFICIAL", "OFFICIAL_SENSITIVE", "PROTECTED"] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];
export const CLASSIFICATION_LABELS: Record<Classification, string> = {
  OFFICIAL: "OFFICIAL",
  OFFICIAL_SENSITIVE: "OFFICIAL: Sensitive",
  PROTECTED: "PROTECTED",
};
/** Whether a deployment accredited up to `max` may hold a community at `classification`. */
export function classificationAllowed(classification: Classification, max: Classification): boolean {
  return CLASSIFICATIONS.indexOf(classification) <= CLASSIFICATIONS.indexOf(max);
}

/** Why a classification above the deployment's ceiling is refused, in plain words (the form shows it too). */
export function classificationCeilingReason(max: Classification): string {
  return `This Guildhall is accredited to hold information up to ${CLASSIFICATION_LABELS[max]}. A community above that cannot be held here: choose ${CLASSIFICATION_LABELS[max]} or lower, or use a system accredited for the higher classification.`;
}
export const TEAMS_PRESENCE = ["private_channel", "standard_channel", "team"] as const;
export type TeamsPresence = (typeof TEAMS_PRESENCE)[number];
export const COMMUNITY_STATUSES = ["proposed", "approved", "rejected", "archived"] as const;
export type CommunityStatus = (typeof COMMUNITY_STATUSES)[number];
export const ROLES = ["owner", "moderator", "member"] as const;
export type Role = (typeof ROLES)[number];

/** A community's own name, as people type it: free text, one line (the Teams name is derived from it). */
export const MAX_COMMUNITY_NAME = 100;
export interface NamingPolicy {
  prefix: string;
  suffix: string;
  blockedWords: readonly string[];
}

/** A community's name as a person types it: free text (the Teams name is derived from it, with prefix and suffix). */
export const communityNameSchema = nameText({ field: "communityName", min: 3, max: MAX_COMMUNITY_NAME });

const m = defineMessages({
  purposeRequired: { id: "validation.community.purposeRequired", defaultMessage: "Say in a sentence or two what the community is for." },
  termsRequired: { id: "validation.community.termsRequired", defaultMessage: "Terms of reference are required." },
  codeRequired: { id: "validation.community.codeRequired", defaultMessage: "A code of practice is required; members accept it when they join." },
  tagEmpty: { id: "validation.community.tagEmpty", defaultMessage: "Tags cannot be empty." },
  tooManyTags: { id: "validation.community.tooManyTags", defaultMessage: "Use at most {max, plural, one {# tag} other {# tags}}." },
});

export const proposalSchema = z
  .object({
    name: communityNameSchema,
    purpose: multilineText({ field: "purpose", min: 10, max: 2000, minMessage: m.purposeRequired }),
    termsOfReference: multilineText({ field: "termsOfReference", min: 1, max: 20000, minMessage: m.termsRequired }),
    codeOfPractice: multilineText({ field: "codeOfPractice", min: 1, max: 20000, minMessage: m.codeRequired }),
    visibility: z.enum(VISIBILITIES),
    scope: z.enum(SCOPES),
    /** For agency-only communities: the agencies admitted (default: the proposer's). */
    agencyIds: z.array(z.uuid()).max(50).default([]),
    classification: z.enum(CLASSIFICATIONS),
    tags: listOf(tagText({ field: "tag", min: 1, max: 40, minMessage: m.tagEmpty }), 20, m.tooManyTags).default([]),
    teamsPresence: z.enum(TEAMS_PRESENCE).optional(),
  })
  .strict();

export type ProposalInput = z.input<typeof proposalSchema>;
export type Proposal = z.output<typeof proposalSchema>;

export type NameProblem = ChannelNameProblem | "blocked_word";

/**
 * Apply the naming policy to a name `communityNameSchema` accepted: the name Guildhall shows (prefix + name + suffix,
 * as typed) and the Teams name derived from it for this presence; or the problem (a blocked word, nothing usable
 * for Teams, or a prefix and suffix that leave no room).
 */
export function applyNamingPolicy(
  name: string,
  policy: NamingPolicy,
  presence: TeamsPresence = "private_channel",
): { ok: true; displayName: string; teamsName: string } | { ok: false; problem: NameProblem; detail?: string } {
  const trimmed = name.trim().replace(/\s+/gu, " ");
  const words = trimmed.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  const blocked = policy.blockedWords.find((b) => words.includes(b.toLowerCase()));
  if (blocked) return { ok: false, problem: "blocked_word", detail: blocked };
  const teams = teamsNameFor(trimmed, presence, policy);
  if (!teams.ok) return { ok: false, problem: teams.problem };
  return { ok: true, displayName: `${policy.prefix}${trimmed}${policy.suffix}`, teamsName: teams.name };
}

/**
 * The name a person typed, from a name that may be the Teams display name (the approver edits the name as the
 * tab shows it): the policy's prefix and suffix are taken off when present, so `applyNamingPolicy` adds them
 * once. A name without them is returned as it is.
 */
export function withoutNamingAffixes(name: string, policy: NamingPolicy): string {
  let base = name.trim();
  if (policy.prefix.trim() && base.startsWith(policy.prefix.trim())) base = base.slice(policy.prefix.trim().length);
  if (policy.suffix.trim() && base.endsWith(policy.suffix.trim())) base = base.slice(0, base.length - policy.suffix.trim().length);
  return base.trim();
}

/** Default Teams presence: private channel for closed/hidden, standard channel for open. */
export function defaultPresence(visibility: Visibility): TeamsPresence {
  return visibility === "open" ? "standard_channel" : "private_channel";
}
