import type { NameClash } from "../../api/communityTypes.js";
import { ApproveProposal } from "../ApproveProposal/ApproveProposal.js";
import type { AfterClose } from "../ConfirmDialog/closeThen.js";
import { ConfirmDialog } from "../ConfirmDialog/ConfirmDialog.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import { useProposalDecisionStyles } from "./ProposalDecision.styles.js";

const m = defineMessages({
  reject: { id: "approvals.reject.trigger", defaultMessage: "Reject" },
  rejectNamed: { id: "approvals.reject.triggerNamed", defaultMessage: "Reject {name}", description: "The Reject button's full name for screen readers; name is the community's" },
  title: { id: "approvals.reject.title", defaultMessage: "Reject {name}?" },
  confirm: { id: "approvals.reject.confirm", defaultMessage: "Reject proposal" },
  reason: { id: "approvals.reject.reason", defaultMessage: "Reason" },
  reasonHint: { id: "approvals.reject.reasonHint", defaultMessage: "The proposer is told this reason." },
});

export interface ProposalDecisionProps {
  communityName: string;
  /** The look-alike names the server computed (the community view carries them)… */
  nameClashes?: readonly NameClash[];
  /** …or a way to fetch them when the approve dialog opens (the approvals list does not carry them). */
  loadNameClashes?(): Promise<readonly NameClash[]>;
  /**
   * Approve (an optional note, and `name` when the approver renamed it) or reject (a reason the proposer
   * is told).
   */
  onDecide(decision: "approve" | "reject", reason: string, name?: string): Promise<AfterClose>;
}

/** A platform owner's decision on a proposed community. */
export function ProposalDecision({ communityName, nameClashes, loadNameClashes, onDecide }: ProposalDecisionProps) {
  const styles = useProposalDecisionStyles();
  const intl = useIntl();
  return (
    <div className={styles.root}>
      <ApproveProposal
        communityName={communityName}
        nameClashes={nameClashes}
        loadNameClashes={loadNameClashes}
        onApprove={({ reason, name }) => (name === undefined ? onDecide("approve", reason) : onDecide("approve", reason, name))}
      />
      <ConfirmDialog
        triggerLabel={intl.formatMessage(m.reject)}
        triggerAriaLabel={intl.formatMessage(m.rejectNamed, { name: communityName })}
        title={intl.formatMessage(m.title, { name: communityName })}
        confirmLabel={intl.formatMessage(m.confirm)}
        reason={{ label: intl.formatMessage(m.reason), hint: intl.formatMessage(m.reasonHint), required: true }}
        onConfirm={(reason) => onDecide("reject", reason)}
      />
    </div>
  );
}
