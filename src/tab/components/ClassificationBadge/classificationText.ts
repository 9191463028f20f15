/**
 * The protective markings in the person's language (area `classification`): each classification's name and
 * what it means, and why a deployment refuses the ones above its ceiling. The tab names a classification from
 * its code, never from the server's en-AU label.
 */
import type { Classification } from "../../api/communityTypes.js";
import { defineMessages, type Formatter, type MessageDescriptor } from "../../../i18n/format.js";

const m = defineMessages({
  official: { id: "classification.name.official", defaultMessage: "OFFICIAL", description: "Protective marking (PSPF); Canada: OFFICIEL" },
  officialSensitive: {
    id: "classification.name.officialSensitive",
    defaultMessage: "OFFICIAL: Sensitive",
    description: "Protective marking (PSPF); keep the capitals of the first word",
  },
  protected: { id: "classification.name.protected", defaultMessage: "PROTECTED", description: "Protective marking (PSPF); Canada: PROTÉGÉ" },
  officialExplained: { id: "classification.explained.official", defaultMessage: "Routine government business." },
  officialSensitiveExplained: { id: "classification.explained.officialSensitive", defaultMessage: "Limited damage if it were disclosed." },
  protectedExplained: {
    id: "classification.explained.protected",
    defaultMessage: "Damage to the national interest if disclosed; needs a PROTECTED tenant.",
  },
  ceiling: {
    id: "classification.ceiling.reason",
    defaultMessage:
      "This Guildhall is accredited to hold information up to {max, select, OFFICIAL {OFFICIAL} OFFICIAL_SENSITIVE {OFFICIAL: Sensitive} other {PROTECTED}}. A community above that cannot be held here: choose {max, select, OFFICIAL {OFFICIAL} OFFICIAL_SENSITIVE {OFFICIAL: Sensitive} other {PROTECTED}} or lower, or use a system accredited for the higher classification.",
    description: "Why higher classifications are not offered; max is the deployment's ceiling (a classification code). Use the same names as classification.name.*",
  },
  badge: {
    id: "classification.badge",
    defaultMessage: "<hidden>Classification: </hidden>{name}",
    description: "A community's badge; the part in <hidden> is read by screen readers only; name is classification.name.*",
  },
});

export const CLASSIFICATION_TEXT: Record<Classification, { label: MessageDescriptor; explained: MessageDescriptor }> = {
  OFFICIAL: { label: m.official, explained: m.officialExplained },
  OFFICIAL_SENSITIVE: { label: m.officialSensitive, explained: m.officialSensitiveExplained },
  PROTECTED: { label: m.protected, explained: m.protectedExplained },
};

/** The badge's text: a screen-reader-only "Classification: " and the name. */
export const CLASSIFICATION_BADGE = m.badge;

/** A classification's name, or `fallback` (the server's label) for a code this version of the tab does not know. */
export function classificationName(intl: Formatter, classification: Classification, fallback?: string): string {
  const known = (CLASSIFICATION_TEXT as Partial<Record<string, { label: MessageDescriptor }>>)[classification];
  return known ? intl.formatMessage(known.label) : (fallback ?? classification);
}

/** Why classifications above the deployment's ceiling are not offered (the server says the same when it refuses one). */
export function ceilingReason(intl: Formatter, max: Classification): string {
  return intl.formatMessage(m.ceiling, { max });
}
