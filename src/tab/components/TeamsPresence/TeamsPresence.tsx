import { Badge, Button, Card, Link, MessageBar, MessageBarBody, MessageBarTitle, type BadgeProps } from "@fluentui/react-components";
import type { CommunityDetail, StepStatus } from "../../api/communityTypes.js";
import { PRESENCE_TEXT, STEP_STATUS_TEXT, stepText, teamsStateText } from "../CommunityFacts/communityText.js";
import { TeamsArchive } from "./TeamsArchive.js";
import { useTeamsPresenceStyles } from "./TeamsPresence.styles.js";
import { useRetry } from "./useRetry.js";

const STEP_COLOUR: Record<StepStatus, BadgeProps["color"]> = {
  pending: "subtle",
  running: "brand",
  done: "success",
  failed: "danger",
  waiting: "warning",
};

export interface TeamsPresenceProps {
  community: Pick<CommunityDetail, "status" | "teams" | "provisioning" | "teamsPresence">;
  /** The server's `community.retryProvisioning` ability. */
  canRetry: boolean;
  onRetry(): Promise<void>;
  /** The server's `community.retryArchive` ability, and its action. */
  canRetryArchive?: boolean;
  onRetryArchive?(): Promise<void>;
}

/** Where the community lives in Teams, each provisioning step as it stands, and any failure with a retry. */
export function TeamsPresence({ community, canRetry, onRetry, canRetryArchive = false, onRetryArchive = async () => undefined }: TeamsPresenceProps) {
  const styles = useTeamsPresenceStyles();
  const { busy, problem, retry } = useRetry(onRetry);
  const { teams, provisioning } = community;

  return (
    <Card className={styles.card}>
      <section aria-labelledby="teams-presence" className={styles.section}>
        <h2 id="teams-presence" className={styles.heading}>
          Microsoft Teams
        </h2>
        <p className={styles.line}>
          <span className={styles.term}>Presence: </span>
          {PRESENCE_TEXT[community.teamsPresence]}
        </p>
        <p className={styles.line}>
          <span className={styles.term}>Status: </span>
          {teams ? teamsStateText(teams.state) : community.status === "proposed" ? "Created once a platform owner approves the community" : teamsStateText(null)}
        </p>
        {teams?.state === "not_connected" ? (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              The community works in Guildhall now. Its Teams channel will be created when Guildhall is connected to a
              Microsoft 365 tenant.
            </MessageBarBody>
          </MessageBar>
        ) : null}
        {teams?.state === "linked" && teams.webUrl ? (
          <Link href={teams.webUrl} target="_blank" rel="noreferrer">
            Open in Microsoft Teams
          </Link>
        ) : null}
        {teams?.state === "failed" ? (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>The Teams set-up did not finish</MessageBarTitle>
              {teams.lastError ?? "Microsoft Teams reported a problem."}
            </MessageBarBody>
          </MessageBar>
        ) : null}
        {provisioning.length > 0 ? (
          <ol className={styles.steps} aria-label="Set-up steps">
            {provisioning.map((s) => (
              <li key={s.step} className={styles.step}>
                <span className={styles.stepName}>{stepText(s.step)}</span>
                <Badge appearance="tint" color={STEP_COLOUR[s.status] ?? "subtle"}>
                  {STEP_STATUS_TEXT[s.status] ?? s.status}
                </Badge>
                {s.detail ? <span className={styles.detail}>{s.detail}</span> : null}
              </li>
            ))}
          </ol>
        ) : null}
        {canRetry && teams?.state === "failed" ? (
          <div>
            <Button appearance="primary" onClick={() => void retry()} disabledFocusable={busy}>
              {busy ? "Retrying…" : "Retry the Teams set-up"}
            </Button>
          </div>
        ) : null}
        {problem ? (
          <MessageBar intent="error" role="alert" layout="multiline">
            <MessageBarBody>{problem}</MessageBarBody>
          </MessageBar>
        ) : null}
        {teams ? <TeamsArchive teams={teams} canRetry={canRetryArchive} onRetry={onRetryArchive} /> : null}
      </section>
    </Card>
  );
}
