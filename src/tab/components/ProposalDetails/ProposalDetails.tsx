import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Card } from "@fluentui/react-components";
import type { ReactNode } from "react";
import type { ProposalSummary } from "../../api/communityTypes.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import { ClassificationBadge } from "../ClassificationBadge/ClassificationBadge.js";
import { classificationName } from "../ClassificationBadge/classificationText.js";
import { PRESENCE_TEXT, SCOPE_TEXT, VISIBILITY_TEXT } from "../CommunityFacts/communityText.js";
import { PlainText } from "../PlainText/PlainText.js";
import { RouterLink } from "../RouterLink/RouterLink.js";
import { useProposalDetailsStyles } from "./ProposalDetails.styles.js";

const m = defineMessages({
  proposer: { id: "approvals.details.proposer", defaultMessage: "Proposed by" },
  proposerWithAgency: {
    id: "approvals.details.proposerWithAgency",
    defaultMessage: "{name} ({agency})",
    description: "The proposer's name and their agency's short name",
  },
  proposerWithJob: {
    id: "approvals.details.proposerWithJob",
    defaultMessage: "{name}, {jobTitle} ({agency})",
    description: "The proposer's name, job title and their agency's short name",
  },
  proposerNoAgency: { id: "approvals.details.proposerNoAgency", defaultMessage: "{name} (no registered agency)", description: "The proposer's agency is not registered" },
  proposedOn: { id: "approvals.details.proposedOn", defaultMessage: "Proposed on" },
  purpose: { id: "approvals.details.purpose", defaultMessage: "Purpose" },
  classification: { id: "approvals.details.classification", defaultMessage: "Classification" },
  visibility: { id: "approvals.details.visibility", defaultMessage: "Visibility" },
  scope: { id: "approvals.details.scope", defaultMessage: "Who can join" },
  labelExplained: {
    id: "approvals.details.labelExplained",
    defaultMessage: "{label}: {explanation}",
    description: "A visibility or scope with its explanation, e.g. “Closed: People ask to join; …”",
  },
  scopeAgencies: {
    id: "approvals.details.scopeAgencies",
    defaultMessage: "{label}: {agencies}",
    description: "Agency-only with the admitted agencies' names, already formatted as a list",
  },
  teams: { id: "approvals.details.teams", defaultMessage: "In Microsoft Teams" },
  tags: { id: "approvals.details.tags", defaultMessage: "Tags" },
  noTags: { id: "approvals.details.noTags", defaultMessage: "None", description: "The proposal has no tags" },
  termsOfReference: { id: "approvals.details.termsOfReference", defaultMessage: "Terms of reference" },
  codeOfPractice: { id: "approvals.details.codeOfPractice", defaultMessage: "Code of practice" },
});

export interface ProposalDetailsProps {
  /** Under the page's heading: the proposal's name is a level-2 heading, its expandable texts level 3. */
  proposal: ProposalSummary;
}

/**
 * One proposal as a platform owner weighs it: who proposed it and when, its purpose and settings in a description
 * list, and the terms of reference and code of practice as written, each behind a button that expands it (long
 * texts do not bury the next proposal).
 */
export function ProposalDetails({ proposal: p }: ProposalDetailsProps) {
  const styles = useProposalDetailsStyles();
  const intl = useIntl();
  const headingId = `proposal-${p.id}`;
  const agency = p.proposer.agency?.shortName;
  const proposer = !agency
    ? intl.formatMessage(m.proposerNoAgency, { name: p.proposer.displayName })
    : p.proposer.jobTitle
      ? intl.formatMessage(m.proposerWithJob, { name: p.proposer.displayName, jobTitle: p.proposer.jobTitle, agency })
      : intl.formatMessage(m.proposerWithAgency, { name: p.proposer.displayName, agency });
  const proposedAt = Date.parse(p.proposedAt);
  const visibility = VISIBILITY_TEXT[p.visibility];
  const scope = SCOPE_TEXT[p.scope];
  const scopeText =
    p.scope === "agency_only" && p.agencies.length > 0
      ? intl.formatMessage(m.scopeAgencies, { label: intl.formatMessage(scope.label), agencies: intl.formatList(p.agencies.map((a) => a.name)) })
      : intl.formatMessage(m.labelExplained, { label: intl.formatMessage(scope.label), explanation: intl.formatMessage(scope.explained) });
  const fact = (term: string, value: ReactNode) => (
    <div className={styles.fact}>
      <dt className={styles.term}>{term}</dt>
      <dd className={styles.value}>{value}</dd>
    </div>
  );
  return (
    <Card className={styles.card}>
      <article className={styles.body} aria-labelledby={headingId}>
        <div className={styles.header}>
          <h2 id={headingId} className={styles.name}>
            <RouterLink to={`/communities/${p.id}`}>{p.name}</RouterLink>
          </h2>
          <ClassificationBadge classification={p.classification} label={p.classificationLabel} />
        </div>
        <dl className={styles.facts}>
          {fact(intl.formatMessage(m.proposer), proposer)}
          {fact(
            intl.formatMessage(m.proposedOn),
            Number.isNaN(proposedAt) ? p.proposedAt : <time dateTime={p.proposedAt}>{intl.formatDateTime(proposedAt)}</time>,
          )}
          {fact(intl.formatMessage(m.purpose), <PlainText text={p.purpose} />)}
          {fact(intl.formatMessage(m.classification), classificationName(intl, p.classification, p.classificationLabel))}
          {fact(intl.formatMessage(m.visibility), intl.formatMessage(m.labelExplained, { label: intl.formatMessage(visibility.label), explanation: intl.formatMessage(visibility.explained) }))}
          {fact(intl.formatMessage(m.scope), scopeText)}
          {fact(intl.formatMessage(m.teams), intl.formatMessage(PRESENCE_TEXT[p.teamsPresence]))}
          {fact(intl.formatMessage(m.tags), p.tags.length > 0 ? intl.formatList(p.tags, { type: "unit", style: "short" }) : intl.formatMessage(m.noTags))}
        </dl>
        <Accordion collapsible multiple className={styles.texts}>
          <AccordionItem value="terms">
            <AccordionHeader as="h3" size="medium">
              {intl.formatMessage(m.termsOfReference)}
            </AccordionHeader>
            <AccordionPanel className={styles.panel}>
              <PlainText text={p.termsOfReference} />
            </AccordionPanel>
          </AccordionItem>
          <AccordionItem value="code">
            <AccordionHeader as="h3" size="medium">
              {intl.formatMessage(m.codeOfPractice)}
            </AccordionHeader>
            <AccordionPanel className={styles.panel}>
              <PlainText text={p.codeOfPractice} />
            </AccordionPanel>
          </AccordionItem>
        </Accordion>
      </article>
    </Card>
  );
}
