import { Button, MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { ReactNode } from "react";
import type { CommunityDetail, TeamsArchiveState } from "../../api/communityTypes.js";
import { defineMessages, rich, useIntl, type Formatter, type MessageDescriptor } from "../../i18n/intl.js";
import { formatDate } from "../CommunityFacts/communityText.js";
import { useTeamsPresenceStyles } from "./TeamsPresence.styles.js";
import { useRetry } from "./useRetry.js";

const m = defineMessages({
  queued: { id: "community.archive.queued", defaultMessage: "Waiting to be archived in Teams" },
  archiving: { id: "community.archive.archiving", defaultMessage: "Microsoft Teams is archiving it" },
  archived: { id: "community.archive.archived", defaultMessage: "Archived in Teams: read-only there too" },
  failed: { id: "community.archive.failed", defaultMessage: "Not archived in Teams: it may still accept messages there" },
  line: {
    id: "community.archive.line",
    defaultMessage: "<term>Archive in Teams:</term> {state}",
    description: "A labelled line: where archiving the community in Teams stands (e.g. “Microsoft Teams is archiving it”)",
  },
  lineSince: {
    id: "community.archive.lineSince",
    defaultMessage: "<term>Archive in Teams:</term> {state} (since {since})",
    description: "The same, with when that state began; since is a formatted date and time",
  },
  lineSinceAsked: {
    id: "community.archive.lineSinceAsked",
    defaultMessage: "<term>Archive in Teams:</term> {state} (since {since}; Guildhall has asked Teams {attempts, plural, one {# time} other {# times}})",
    description: "The same, with how often Guildhall has asked Teams to archive it (shown from two times)",
  },
  failedTitle: { id: "community.archive.failedTitle", defaultMessage: "Teams did not archive it" },
  failedFallback: {
    id: "community.archive.failedFallback",
    defaultMessage: "The community is archived in Guildhall, but Microsoft Teams did not archive it.",
    description: "When Teams gave no error text",
  },
  retrying: { id: "community.archive.retrying", defaultMessage: "Retrying…" },
  retry: { id: "community.archive.retry", defaultMessage: "Retry archiving in Teams", description: "Button" },
  notAdded: { id: "community.archive.notAdded", defaultMessage: "Members Teams would not add", description: "Heading of a list of members Teams refused to add" },
  notAddedDetail: {
    id: "community.archive.notAddedDetail",
    defaultMessage:
      "{hasReason, select, yes {{reason}} other {Teams gave no reason.}} Guildhall tries again after {retryAt}, or sooner if their details change.",
    description: "hasReason is yes when Teams gave a reason; reason is Teams' own text (often a code such as NotFound); retryAt is a formatted date and time",
  },
});

const ARCHIVE_TEXT: Record<TeamsArchiveState, MessageDescriptor> = {
  queued: m.queued,
  archiving: m.archiving,
  archived: m.archived,
  failed: m.failed,
};

/** Where the Teams archive stands, when that last changed and, once Teams has been asked more than once, how often. */
function archiveLine(intl: Formatter, teams: TeamsArchiveProps["teams"], state: TeamsArchiveState, term: (chunks: ReactNode[]) => ReactNode): ReactNode {
  const stateText = intl.formatMessage(ARCHIVE_TEXT[state]);
  if (!teams.archiveUpdatedAt) return rich(intl, m.line, { term, state: stateText });
  const since = formatDate(intl, teams.archiveUpdatedAt);
  const attempts = teams.archiveAttempts ?? 0;
  return attempts > 1 ? rich(intl, m.lineSinceAsked, { term, state: stateText, since, attempts }) : rich(intl, m.lineSince, { term, state: stateText, since });
}

export interface TeamsArchiveProps {
  teams: NonNullable<CommunityDetail["teams"]>;
  /** The server's `community.retryArchive` ability. */
  canRetry: boolean;
  onRetry(): Promise<void>;
}

/**
 * The Teams side of an archived community, apart from its Guildhall status: whether Teams has archived it, why
 * not (for owners), with a retry; and the members Teams would not add, with Teams' reason.
 */
export function TeamsArchive({ teams, canRetry, onRetry }: TeamsArchiveProps) {
  const styles = useTeamsPresenceStyles();
  const intl = useIntl();
  const { busy, problem, retry } = useRetry(onRetry);
  const notAdded = teams.notAdded ?? [];
  const term = (chunks: ReactNode[]) => <span className={styles.term}>{chunks}</span>;
  return (
    <>
      {teams.archiveState ? <p className={styles.line}>{archiveLine(intl, teams, teams.archiveState, term)}</p> : null}
      {teams.archiveState === "failed" ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{intl.formatMessage(m.failedTitle)}</MessageBarTitle>
            {teams.archiveError ?? intl.formatMessage(m.failedFallback)}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {canRetry && teams.archiveState === "failed" ? (
        <div>
          <Button appearance="primary" onClick={() => void retry()} disabledFocusable={busy}>
            {intl.formatMessage(busy ? m.retrying : m.retry)}
          </Button>
        </div>
      ) : null}
      {problem ? (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      ) : null}
      {notAdded.length > 0 ? (
        <section aria-labelledby="teams-not-added" className={styles.section}>
          <h3 id="teams-not-added" className={styles.line}>
            {intl.formatMessage(m.notAdded)}
          </h3>
          <ul className={styles.steps}>
            {notAdded.map((p) => (
              <li key={p.displayName + p.retryAt} className={styles.step}>
                <span className={styles.stepName}>{p.displayName}</span>
                <span className={styles.detail}>
                  {intl.formatMessage(m.notAddedDetail, { hasReason: p.reason ? "yes" : "no", reason: p.reason, retryAt: formatDate(intl, p.retryAt) })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
