import { Tag } from "@fluentui/react-components";
import type { Role, Scope, TeamsState, Visibility } from "../../api/communityTypes.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import { memberCountText, ROLE_TEXT, SCOPE_TEXT, teamsStateText, VISIBILITY_TEXT } from "./communityText.js";
import { useCommunityFactsStyles } from "./CommunityFacts.styles.js";

const m = defineMessages({
  visibility: { id: "community.facts.visibility", defaultMessage: "Visibility" },
  scope: { id: "community.facts.scope", defaultMessage: "Scope", description: "Which agencies' staff may join" },
  members: { id: "community.facts.members", defaultMessage: "Members" },
  myRole: { id: "community.facts.myRole", defaultMessage: "Your role" },
  teams: { id: "community.facts.teams", defaultMessage: "Teams", description: "The community's state in Microsoft Teams" },
  tags: { id: "community.facts.tags", defaultMessage: "Tags" },
  notMember: { id: "community.facts.notMember", defaultMessage: "Not a member", description: "Your role: none" },
  explained: {
    id: "community.facts.explained",
    defaultMessage: "{label}: {explanation}",
    description: "A visibility or scope with its explanation, e.g. “Closed: People ask to join; …”",
  },
  withAgencies: {
    id: "community.facts.withAgencies",
    defaultMessage: "{label} ({agencies})",
    description: "Agency-only with the admitted agencies' short names, already formatted as a list",
  },
  withAgenciesExplained: {
    id: "community.facts.withAgenciesExplained",
    defaultMessage: "{label} ({agencies}): {explanation}",
    description: "Agency-only with the admitted agencies' short names (a formatted list) and the scope's explanation",
  },
});

export interface CommunityFactsProps {
  visibility: Visibility;
  scope: Scope;
  /** Short names of the agencies an agency-only community admits, when known. */
  agencies?: readonly string[];
  memberCount: number;
  myRole: Role | null;
  teamsState: TeamsState | null;
  tags: readonly string[];
  /** Explain visibility and scope in a sentence (the community page), or name them only (cards). */
  explained?: boolean;
}

/** The facts about a community, as a description list. */
export function CommunityFacts({ visibility, scope, agencies, memberCount, myRole, teamsState, tags, explained }: CommunityFactsProps) {
  const styles = useCommunityFactsStyles();
  const intl = useIntl();
  const v = VISIBILITY_TEXT[visibility];
  const s = SCOPE_TEXT[scope];
  const visibilityLabel = intl.formatMessage(v.label);
  const scopeLabel = intl.formatMessage(s.label);
  const agencyList = agencies && agencies.length > 0 ? intl.formatList(agencies, { type: "unit", style: "short" }) : undefined;
  const scopeText = explained
    ? agencyList
      ? intl.formatMessage(m.withAgenciesExplained, { label: scopeLabel, agencies: agencyList, explanation: intl.formatMessage(s.explained) })
      : intl.formatMessage(m.explained, { label: scopeLabel, explanation: intl.formatMessage(s.explained) })
    : agencyList
      ? intl.formatMessage(m.withAgencies, { label: scopeLabel, agencies: agencyList })
      : scopeLabel;
  return (
    <dl className={styles.facts}>
      <dt className={styles.term}>{intl.formatMessage(m.visibility)}</dt>
      <dd className={styles.detail}>{explained ? intl.formatMessage(m.explained, { label: visibilityLabel, explanation: intl.formatMessage(v.explained) }) : visibilityLabel}</dd>
      <dt className={styles.term}>{intl.formatMessage(m.scope)}</dt>
      <dd className={styles.detail}>{scopeText}</dd>
      <dt className={styles.term}>{intl.formatMessage(m.members)}</dt>
      <dd className={styles.detail}>{memberCountText(intl, memberCount)}</dd>
      <dt className={styles.term}>{intl.formatMessage(m.myRole)}</dt>
      <dd className={styles.detail}>{intl.formatMessage(myRole ? ROLE_TEXT[myRole] : m.notMember)}</dd>
      <dt className={styles.term}>{intl.formatMessage(m.teams)}</dt>
      <dd className={styles.detail}>{teamsStateText(intl, teamsState)}</dd>
      {tags.length > 0 ? (
        <>
          <dt className={styles.term}>{intl.formatMessage(m.tags)}</dt>
          <dd className={styles.detail}>
            <ul className={styles.tags}>
              {tags.map((tag) => (
                <li key={tag}>
                  <Tag size="small" appearance="outline">
                    {tag}
                  </Tag>
                </li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
    </dl>
  );
}
