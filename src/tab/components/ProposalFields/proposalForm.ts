/**
 * The propose form's state, what it sends, and where the server's complaints belong. Validation is the
 * server's: only "nothing chosen" for the two choices with no sensible default is caught here.
 */
import { ApiError } from "../../api/client.js";
import type { Classification, ProposalInput, Scope, TeamsPresence, Visibility } from "../../api/communityTypes.js";
import { describeError } from "../../api/describeError.js";
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

export const FIELD_LABEL: Record<DraftField, string> = {
  name: "Name",
  purpose: "Purpose",
  termsOfReference: "Terms of reference",
  codeOfPractice: "Code of practice",
  visibility: "Who can see and join",
  scope: "Scope",
  agencyIds: "Agencies",
  classification: "Classification",
  tags: "Tags",
  teamsPresence: "Place in Microsoft Teams",
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

/** Choices the person has not made yet. */
export function missingChoices(d: ProposalDraft): FieldErrors {
  const errors: FieldErrors = {};
  if (!d.visibility) errors.visibility = "Choose who can see and join the community.";
  if (!d.classification) errors.classification = "Choose the highest classification members may share.";
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

/** Place the server's complaints on their fields; anything that fits no field becomes a general message. */
export function errorsFromServer(error: unknown): { fields: FieldErrors; general?: string; requestId?: string } {
  const d = describeError(error);
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
