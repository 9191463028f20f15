import { Button, MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useState } from "react";
import type { JoinRequest } from "../../api/communityTypes.js";
import { describeError } from "../../api/describeError.js";
import type { AfterClose } from "../ConfirmDialog/closeThen.js";
import { ConfirmDialog } from "../ConfirmDialog/ConfirmDialog.js";
import { formatDate } from "../CommunityFacts/communityText.js";
import { PlainText } from "../PlainText/PlainText.js";
import { RouterLink } from "../RouterLink/RouterLink.js";
import { useJoinRequestsStyles } from "./JoinRequests.styles.js";

export interface JoinRequestsProps {
  requests: readonly JoinRequest[];
  onApprove(requestId: string): Promise<void>;
  /** Resolve with the change to make once the dialog has closed (see ConfirmDialog). */
  onDecline(requestId: string, reason: string): Promise<AfterClose>;
}

/** Pending requests to join, for the community's moderators: approve, or decline with a reason. */
export function JoinRequests({ requests, onApprove, onDecline }: JoinRequestsProps) {
  const styles = useJoinRequestsStyles();
  const [problem, setProblem] = useState<string>();
  const [busyId, setBusyId] = useState<string>();

  if (requests.length === 0) return <p className={styles.empty}>No one is waiting to join.</p>;

  const approve = async (id: string) => {
    setBusyId(id);
    setProblem(undefined);
    try {
      await onApprove(id);
    } catch (error) {
      setProblem(describeError(error).message);
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
      <ul className={styles.list} aria-label="Requests to join">
        {requests.map((r) => (
          <li key={r.id} className={styles.item}>
            <div className={styles.who}>
              <RouterLink to={`/people/${r.person.id}`}>{r.person.displayName}</RouterLink>
              <span className={styles.meta}>
                {[r.person.agency, `asked ${formatDate(r.createdAt)}`].filter(Boolean).join(" · ")}
              </span>
              {r.message ? <PlainText text={r.message} /> : <span className={styles.meta}>No message.</span>}
            </div>
            <div className={styles.controls}>
              <Button appearance="primary" aria-label={`Approve ${r.person.displayName}`} disabledFocusable={busyId === r.id} onClick={() => void approve(r.id)}>
                Approve
              </Button>
              <ConfirmDialog
                triggerLabel="Decline"
                triggerAriaLabel={`Decline ${r.person.displayName}`}
                title={`Decline ${r.person.displayName}'s request?`}
                confirmLabel="Decline request"
                reason={{ label: "Reason", hint: `${r.person.displayName} is told this reason.`, required: true }}
                onConfirm={(reason) => onDecline(r.id, reason)}
              />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
