import { Button, MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { CommunityDetail, TeamsArchiveState } from "../../api/communityTypes.js";
import { useTeamsPresenceStyles } from "./TeamsPresence.styles.js";
import { useRetry } from "./useRetry.js";

const ARCHIVE_TEXT: Record<TeamsArchiveState, string> = {
  queued: "Waiting to be archived in Teams",
  archiving: "Microsoft Teams is archiving it",
  archived: "Archived in Teams: read-only there too",
  failed: "Not archived in Teams: it may still accept messages there",
};

/** When the archive state last changed and, once Teams has been asked more than once, how often. */
function archiveHistory(teams: TeamsArchiveProps["teams"]): string {
  if (!teams.archiveUpdatedAt) return "";
  const asked = (teams.archiveAttempts ?? 0) > 1 ? `; Guildhall has asked Teams ${teams.archiveAttempts} times` : "";
  return ` (since ${new Date(teams.archiveUpdatedAt).toLocaleString()}${asked})`;
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
  const { busy, problem, retry } = useRetry(onRetry);
  const notAdded = teams.notAdded ?? [];
  return (
    <>
      {teams.archiveState ? (
        <p className={styles.line}>
          <span className={styles.term}>Archive in Teams: </span>
          {ARCHIVE_TEXT[teams.archiveState]}
          {archiveHistory(teams)}
        </p>
      ) : null}
      {teams.archiveState === "failed" ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Teams did not archive it</MessageBarTitle>
            {teams.archiveError ?? "The community is archived in Guildhall, but Microsoft Teams did not archive it."}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {canRetry && teams.archiveState === "failed" ? (
        <div>
          <Button appearance="primary" onClick={() => void retry()} disabledFocusable={busy}>
            {busy ? "Retrying…" : "Retry archiving in Teams"}
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
            Members Teams would not add
          </h3>
          <ul className={styles.steps}>
            {notAdded.map((p) => (
              <li key={p.displayName + p.retryAt} className={styles.step}>
                <span className={styles.stepName}>{p.displayName}</span>
                <span className={styles.detail}>
                  {p.reason || "Teams gave no reason."} Guildhall tries again after {new Date(p.retryAt).toLocaleString()}, or sooner if their details change.
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
