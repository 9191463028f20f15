import type { AfterClose } from "../ConfirmDialog/closeThen.js";
import { ConfirmDialog } from "../ConfirmDialog/ConfirmDialog.js";
import { useProposalDecisionStyles } from "./ProposalDecision.styles.js";

export interface ProposalDecisionProps {
  communityName: string;
  /** Approve (an optional note) or reject (a reason the proposer is told). */
  onDecide(decision: "approve" | "reject", reason: string): Promise<AfterClose>;
}

/** A platform owner's decision on a proposed community. */
export function ProposalDecision({ communityName, onDecide }: ProposalDecisionProps) {
  const styles = useProposalDecisionStyles();
  return (
    <div className={styles.root}>
      <ConfirmDialog
        triggerLabel="Approve"
        triggerAriaLabel={`Approve ${communityName}`}
        triggerAppearance="primary"
        title={`Approve ${communityName}?`}
        confirmLabel="Approve community"
        reason={{ label: "Note to the proposer", hint: "Optional.", required: false }}
        onConfirm={(reason) => onDecide("approve", reason)}
      >
        It opens in Guildhall straight away, the proposer becomes its owner, and its place in Microsoft Teams is set up.
      </ConfirmDialog>
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
