import { Button, MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useState } from "react";
import type { JoinRequest } from "../../api/communityTypes.js";
import { describeError } from "../../api/describeError.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import type { AfterClose } from "../ConfirmDialog/closeThen.js";
import { ConfirmDialog } from "../ConfirmDialog/ConfirmDialog.js";
import { formatDate } from "../CommunityFacts/communityText.js";
import { PlainText } from "../PlainText/PlainText.js";
import { RouterLink } from "../RouterLink/RouterLink.js";
import { useJoinRequestsStyles } from "./JoinRequests.styles.js";

const m = defineMessages({
  empty: { id: "community.requests.empty", defaultMessage: "No one is waiting to join." },
  list: { id: "community.requests.list", defaultMessage: "Requests to join", description: "Accessible name of the list of requests" },
  asked: { id: "community.requests.asked", defaultMessage: "asked {date}", description: "When the person asked to join; date is a formatted date and time" },
  askedFrom: {
    id: "community.requests.askedFrom",
    defaultMessage: "{agency} · asked {date}",
    description: "The person's agency and when they asked to join; date is a formatted date and time",
  },
  noMessage: { id: "community.requests.noMessage", defaultMessage: "No message.", description: "The person wrote no message with their request" },
  approve: { id: "community.requests.approve", defaultMessage: "Approve" },
  approveName: { id: "community.requests.approveName", defaultMessage: "Approve {name}", description: "Accessible name of the Approve button; name is the person's" },
  decline: { id: "community.requests.decline", defaultMessage: "Decline" },
  declineName: { id: "community.requests.declineName", defaultMessage: "Decline {name}", description: "Accessible name of the Decline button; name is the person's" },
  declineTitle: { id: "community.requests.declineTitle", defaultMessage: "Decline {name}'s request?", description: "Dialog title; name is the person's" },
  declineConfirm: { id: "community.requests.declineConfirm", defaultMessage: "Decline request" },
  reason: { id: "community.requests.reason", defaultMessage: "Reason", description: "Field label: why the request is declined" },
  reasonHint: { id: "community.requests.reasonHint", defaultMessage: "{name} is told this reason.", description: "name is the person who asked" },
});

export interface JoinRequestsProps {
  requests: readonly JoinRequest[];
  onApprove(requestId: string): Promise<void>;
  /** Resolve with the change to make once the dialog has closed (see ConfirmDialog). */
  onDecline(requestId: string, reason: string): Promise<AfterClose>;
}

/** Pending requests to join, for the community's moderators: approve, or decline with a reason. */
export function JoinRequests({ requests, onApprove, onDecline }: JoinRequestsProps) {
  const styles = useJoinRequestsStyles();
  const intl = useIntl();
  const [problem, setProblem] = useState<string>();
  const [busyId, setBusyId] = useState<string>();

  if (requests.length === 0) return <p className={styles.empty}>{intl.formatMessage(m.empty)}</p>;

  const approve = async (id: string) => {
    setBusyId(id);
    setProblem(undefined);
    try {
      await onApprove(id);
    } catch (error) {
      setProblem(describeError(error, intl).message);
    } finally {
      setBusyId(undefined);
    }
  };

  return (
    <div className={styles.root}>
      {problem ? (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      ) : null}
      <ul className={styles.list} aria-label={intl.formatMessage(m.list)}>
        {requests.map((r) => (
          <li key={r.id} className={styles.item}>
            <div className={styles.who}>
              <RouterLink to={`/people/${r.person.id}`}>{r.person.displayName}</RouterLink>
              <span className={styles.meta}>
                {r.person.agency
                  ? intl.formatMessage(m.askedFrom, { agency: r.person.agency, date: formatDate(intl, r.createdAt) })
                  : intl.formatMessage(m.asked, { date: formatDate(intl, r.createdAt) })}
              </span>
              {r.message ? <PlainText text={r.message} /> : <span className={styles.meta}>{intl.formatMessage(m.noMessage)}</span>}
            </div>
            <div className={styles.controls}>
              <Button appearance="primary" aria-label={intl.formatMessage(m.approveName, { name: r.person.displayName })} disabledFocusable={busyId === r.id} onClick={() => void approve(r.id)}>
                {intl.formatMessage(m.approve)}
              </Button>
              <ConfirmDialog
                triggerLabel={intl.formatMessage(m.decline)}
                triggerAriaLabel={intl.formatMessage(m.declineName, { name: r.person.displayName })}
                title={intl.formatMessage(m.declineTitle, { name: r.person.displayName })}
                confirmLabel={intl.formatMessage(m.declineConfirm)}
                reason={{ label: intl.formatMessage(m.reason), hint: intl.formatMessage(m.reasonHint, { name: r.person.displayName }), required: true }}
                onConfirm={(reason) => onDecline(r.id, reason)}
              />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
