/**
 * The propose form's state, what it sends, and where the server's complaints belong. Validation is the
 * server's: only "nothing chosen" for the two choices with no sensible default is caught here.
 */
import { ApiError } from "../../api/client.js";
import type { Classification, ProposalInput, Scope, TeamsPresence, Visibility } from "../../api/communityTypes.js";
import { describeError } from "../../api/describeError.js";
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
});

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

/** What the server is sent (call only when `missingChoices` is empty). */
export function toInput(d: ProposalDraft): ProposalInput {
  return {
    name: d.name,
    purpose: d.purpose,
    termsOfReference: d.termsOfReference,
    codeOfPractice: d.codeOfPractice,
    visibility: d.visibility || "open",
    scope: d.scope,
    ...(d.scope === "agency_only" ? { agencyIds: d.agencyIds } : {}),
    classification: d.classification || "OFFICIAL",
    tags: splitList(d.tags),
    ...(d.teamsPresence ? { teamsPresence: d.teamsPresence } : {}),
  };
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
    if (isField(field)) fields[field] ??= issue.message;
  }
  const byId = error instanceof ApiError ? FIELD_FOR_ID[error.id] : undefined;
  if (byId && !fields[byId]) fields[byId] = d.message;
  const placed = Object.keys(fields).length > 0;
  return { fields, general: placed ? undefined : d.message, requestId: d.requestId };
}
