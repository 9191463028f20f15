import type { NameClash } from "../../api/communityTypes.js";
import { ApproveProposal } from "../ApproveProposal/ApproveProposal.js";
import type { AfterClose } from "../ConfirmDialog/closeThen.js";
import { ConfirmDialog } from "../ConfirmDialog/ConfirmDialog.js";
import { useProposalDecisionStyles } from "./ProposalDecision.styles.js";

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
  return (
    <div className={styles.root}>
      <ApproveProposal
        communityName={communityName}
        nameClashes={nameClashes}
        loadNameClashes={loadNameClashes}
        onApprove={({ reason, name }) => (name === undefined ? onDecide("approve", reason) : onDecide("approve", reason, name))}
      />
      <ConfirmDialog
        triggerLabel="Reject"
        triggerAriaLabel={`Reject ${communityName}`}
        title={`Reject ${communityName}?`}
        confirmLabel="Reject proposal"
        reason={{ label: "Reason", hint: "The proposer is told this reason.", required: true }}
        onConfirm={(reason) => onDecide("reject", reason)}
      />
    </div>
  );
}
