import { Badge, Button, Card, Link, MessageBar, MessageBarBody, MessageBarTitle, type BadgeProps } from "@fluentui/react-components";
import type { ReactNode } from "react";
import type { CommunityDetail, StepStatus } from "../../api/communityTypes.js";
import { defineMessages, rich, useIntl } from "../../i18n/intl.js";
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

const m = defineMessages({
  heading: { id: "community.teams.heading", defaultMessage: "Microsoft Teams", description: "Heading of the section on the community's Teams channel or team" },
  presence: {
    id: "community.teams.presence",
    defaultMessage: "<term>Presence:</term> {presence}",
    description: "A labelled line: where the community lives in Teams (e.g. “A private channel in the host team”)",
  },
  status: {
    id: "community.teams.status",
    defaultMessage: "<term>Status:</term> {status}",
    description: "A labelled line: the state of the Teams set-up (e.g. “Linked to Microsoft Teams”)",
  },
  afterApproval: { id: "community.teams.afterApproval", defaultMessage: "Created once a platform owner approves the community", description: "Teams status of a proposal" },
  notConnected: {
    id: "community.teams.notConnected",
    defaultMessage: "The community works in Guildhall now. Its Teams channel will be created when Guildhall is connected to a Microsoft 365 tenant.",
  },
  open: { id: "community.teams.open", defaultMessage: "Open in Microsoft Teams", description: "Link to the community's channel or team" },
  failedTitle: { id: "community.teams.failedTitle", defaultMessage: "The Teams set-up did not finish" },
  failedFallback: { id: "community.teams.failedFallback", defaultMessage: "Microsoft Teams reported a problem.", description: "When Teams gave no error text" },
  steps: { id: "community.teams.steps", defaultMessage: "Set-up steps", description: "Accessible name of the list of provisioning steps" },
  retrying: { id: "community.teams.retrying", defaultMessage: "Retrying…" },
  retry: { id: "community.teams.retry", defaultMessage: "Retry the Teams set-up", description: "Button" },
});

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
  const intl = useIntl();
  const term = (chunks: ReactNode[]) => <span className={styles.term}>{chunks}</span>;
  const { busy, problem, retry } = useRetry(onRetry);
  const { teams, provisioning } = community;

  return (
    <Card className={styles.card}>
      <section aria-labelledby="teams-presence" className={styles.section}>
        <h2 id="teams-presence" className={styles.heading}>
          {intl.formatMessage(m.heading)}
        </h2>
        <p className={styles.line}>{rich(intl, m.presence, { term, presence: intl.formatMessage(PRESENCE_TEXT[community.teamsPresence]) })}</p>
        <p className={styles.line}>
          {rich(intl, m.status, {
            term,
            status: teams ? teamsStateText(intl, teams.state) : community.status === "proposed" ? intl.formatMessage(m.afterApproval) : teamsStateText(intl, null),
          })}
        </p>
        {teams?.state === "not_connected" ? (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>{intl.formatMessage(m.notConnected)}</MessageBarBody>
          </MessageBar>
        ) : null}
        {teams?.state === "linked" && teams.webUrl ? (
          <Link href={teams.webUrl} target="_blank" rel="noreferrer">
            {intl.formatMessage(m.open)}
          </Link>
        ) : null}
        {teams?.state === "failed" ? (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{intl.formatMessage(m.failedTitle)}</MessageBarTitle>
              {teams.lastError ?? intl.formatMessage(m.failedFallback)}
            </MessageBarBody>
          </MessageBar>
        ) : null}
        {provisioning.length > 0 ? (
          <ol className={styles.steps} aria-label={intl.formatMessage(m.steps)}>
            {provisioning.map((s) => (
              <li key={s.step} className={styles.step}>
                <span className={styles.stepName}>{stepText(intl, s.step)}</span>
                <Badge appearance="tint" color={STEP_COLOUR[s.status] ?? "subtle"}>
                  {Object.hasOwn(STEP_STATUS_TEXT, s.status) ? intl.formatMessage(STEP_STATUS_TEXT[s.status]) : s.status}
                </Badge>
                {s.detail ? <span className={styles.detail}>{s.detail}</span> : null}
              </li>
            ))}
          </ol>
        ) : null}
        {canRetry && teams?.state === "failed" ? (
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
        {teams ? <TeamsArchive teams={teams} canRetry={canRetryArchive} onRetry={onRetryArchive} /> : null}
      </section>
    </Card>
  );
}
