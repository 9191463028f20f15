/**
 * The propose form's state, what it sends, and where the server's complaints belong. Validation is the server's,
 * which reports every problem in one answer; the form's own checks (a choice not made, a name too long or with
 * nothing Teams can use) are shown with the server's, each beside its field, after one submit.
 */
import { ApiError } from "../../api/client.js";
import type { Classification, ProposalInput, Scope, TeamsPresence, Visibility } from "../../api/communityTypes.js";
import { describeError } from "../../api/describeError.js";
import { teamsNameFor, type ChannelNameResult } from "../../../domain/teamsNames.js";
import { defineMessages, type Formatter, type MessageDescriptor } from "../../../i18n/format.js";
import { splitList } from "../../text/lists.js";

export interface ProposalDraft {
  name: string;
  purpose: string;
  termsOfReference: string;
  codeOfPractice: string;
  visibility: Visibility | "";
  scope: Scope;
  agencyIds: string[];
  classification: Classification | "";
  tags: string;
  teamsPresence: TeamsPresence | "";
}

export type DraftField = keyof ProposalDraft;
export type FieldErrors = Partial<Record<DraftField, string>>;

/** The order fields appear in, for the error summary. */
export const FIELD_ORDER: readonly DraftField[] = [
  "name",
  "purpose",
  "termsOfReference",
  "codeOfPractice",
  "visibility",
  "scope",
  "agencyIds",
  "classification",
  "tags",
  "teamsPresence",
];

const m = defineMessages({
  name: { id: "propose.field.name", defaultMessage: "Name" },
  purpose: { id: "propose.field.purpose", defaultMessage: "Purpose" },
  termsOfReference: { id: "propose.field.termsOfReference", defaultMessage: "Terms of reference" },
  codeOfPractice: { id: "propose.field.codeOfPractice", defaultMessage: "Code of practice" },
  visibility: { id: "propose.field.visibility", defaultMessage: "Who can see and join", description: "The community's visibility" },
  scope: { id: "propose.field.scope", defaultMessage: "Scope", description: "Cross-agency or agency-only" },
  agencyIds: { id: "propose.field.agencies", defaultMessage: "Agencies" },
  classification: { id: "propose.field.classification", defaultMessage: "Classification", description: "Security classification" },
  tags: { id: "propose.field.tags", defaultMessage: "Tags" },
  teamsPresence: { id: "propose.field.teamsPresence", defaultMessage: "Place in Microsoft Teams" },
  chooseVisibility: { id: "propose.validation.chooseVisibility", defaultMessage: "Choose who can see and join the community." },
  chooseClassification: { id: "propose.validation.chooseClassification", defaultMessage: "Choose the highest classification members may share." },
  nameTooLong: {
    id: "propose.validation.nameTooLong",
    defaultMessage: "The name is {over, plural, one {# character} other {# characters}} too long: use at most {max, plural, one {# character} other {# characters}}.",
  },
  nothingForTeams: {
    id: "propose.validation.nothingForTeams",
    defaultMessage: "Teams needs at least one letter or digit in the name; the name has only characters Teams does not allow (such as ? # % or *).",
  },
});

/** A community's name is at most this many characters (the server's MAX_COMMUNITY_NAME); Teams gets a shorter name made from it. */
export const MAX_NAME = 100;

/** The deployment's naming prefix and suffix (client-config), which the Teams name gets. */
export interface Naming {
  prefix: string;
  suffix: string;
}

/** Where the community will be in Teams: the place chosen, else Guildhall's default for the visibility. */
export function presenceOf(d: ProposalDraft): TeamsPresence {
  if (d.teamsPresence) return d.teamsPresence;
  return d.visibility === "open" ? "standard_channel" : "private_channel";
}

/** The name Teams will get, as the server derives it (src/domain/teamsNames.ts); undefined while no name is typed. */
export function teamsNameOf(d: ProposalDraft, naming: Naming | undefined): ChannelNameResult | undefined {
  if (!d.name.trim()) return undefined;
  return teamsNameFor(d.name.trim().replace(/\s+/gu, " "), presenceOf(d), naming ?? { prefix: "", suffix: "" });
}

/** Each field's label (the form and the error summary use the same words). */
export const FIELD_LABEL: Record<DraftField, MessageDescriptor> = {
  name: m.name,
  purpose: m.purpose,
  termsOfReference: m.termsOfReference,
  codeOfPractice: m.codeOfPractice,
  visibility: m.visibility,
  scope: m.scope,
  agencyIds: m.agencyIds,
  classification: m.classification,
  tags: m.tags,
  teamsPresence: m.teamsPresence,
};

/** The element id of each field's control (the summary links to it). */
export const fieldId = (field: DraftField) => `proposal-${field}`;

export function emptyDraft(agencyId: string | undefined): ProposalDraft {
  return {
    name: "",
    purpose: "",
    termsOfReference: "",
    codeOfPractice: "",
    visibility: "",
    scope: "cross_agency",
    agencyIds: agencyId ? [agencyId] : [],
    classification: "",
    tags: "",
    teamsPresence: "",
  };
}

/** Choices the person has not made yet, each message in the person's language. */
export function missingChoices(d: ProposalDraft, intl: Formatter): FieldErrors {
  const errors: FieldErrors = {};
  if (!d.visibility) errors.visibility = intl.formatMessage(m.chooseVisibility);
  if (!d.classification) errors.classification = intl.formatMessage(m.chooseClassification);
  return errors;
}

/** The form's own checks, all at once: the choices not made, a name over its limit or with nothing Teams can use. */
export function localProblems(d: ProposalDraft, intl: Formatter, naming: Naming | undefined): FieldErrors {
  const errors = missingChoices(d, intl);
  const over = [...d.name.trim()].length - MAX_NAME;
  const teams = teamsNameOf(d, naming);
  if (over > 0) errors.name = intl.formatMessage(m.nameTooLong, { over, max: MAX_NAME });
  else if (teams && !teams.ok && teams.problem === "nothing_usable") errors.name = intl.formatMessage(m.nothingForTeams);
  return errors;
}

/**
 * What the server is sent. A choice not made is left out, so the server reports it with every other problem (and
 * the form shows its own words for it).
 */
export function toInput(d: ProposalDraft): ProposalInput {
  const input: Omit<ProposalInput, "visibility" | "classification"> & Partial<Pick<ProposalInput, "visibility" | "classification">> = {
    name: d.name,
    purpose: d.purpose,
    termsOfReference: d.termsOfReference,
    codeOfPractice: d.codeOfPractice,
    ...(d.visibility ? { visibility: d.visibility } : {}),
    scope: d.scope,
    ...(d.scope === "agency_only" ? { agencyIds: d.agencyIds } : {}),
    ...(d.classification ? { classification: d.classification } : {}),
    tags: splitList(d.tags),
    ...(d.teamsPresence ? { teamsPresence: d.teamsPresence } : {}),
  };
  return input as ProposalInput;
}

/** The form's own problems and the server's together: the form's words first where both name a field. */
export function mergeProblems(local: FieldErrors, server: FieldErrors): FieldErrors {
  return { ...server, ...local };
}

/** Error ids that name no field in `issues` but clearly belong to one. */
const FIELD_FOR_ID: Record<string, DraftField> = {
  "community.name_taken": "name",
  "community.presence_mismatch": "teamsPresence",
  "community.no_agency": "agencyIds",
};

function isField(value: string): value is DraftField {
  return (FIELD_ORDER as readonly string[]).includes(value);
}

/**
 * Place the server's complaints on their fields, in the person's language (`intl` from `useIntl()`); anything
 * that fits no field becomes a general message.
 */
export function errorsFromServer(error: unknown, intl: Formatter): { fields: FieldErrors; general?: string; requestId?: string } {
  const d = describeError(error, intl);
  const fields: FieldErrors = {};
  for (const issue of d.issues) {
    const field = issue.path.split(".")[0] ?? "";
    if (!isField(field)) continue;
    // Several problems with one field (two over-long tags) are all shown, each its own sentence.
    const earlier = fields[field];
    if (earlier === undefined) fields[field] = issue.message;
    else if (!earlier.includes(issue.message)) fields[field] = `${earlier} ${issue.message}`;
  }
  const byId = error instanceof ApiError ? FIELD_FOR_ID[error.id] : undefined;
  if (byId && !fields[byId]) fields[byId] = d.message;
  const placed = Object.keys(fields).length > 0;
  return { fields, general: placed ? undefined : d.message, requestId: d.requestId };
}
