import type { CommunityDetail } from "../../api/communityTypes.js";
import type { AfterClose } from "../ConfirmDialog/closeThen.js";
import { ConfirmDialog } from "../ConfirmDialog/ConfirmDialog.js";
import { JoinDialog } from "../JoinDialog/JoinDialog.js";
import { ProposalDecision } from "../ProposalDecision/ProposalDecision.js";
import { useCommunityActionsStyles } from "./CommunityActions.styles.js";

export interface CommunityActionsProps {
  community: CommunityDetail;
  /** Each resolves with the change to make once its dialog has closed. */
  onJoin(input: { codeVersion: number }): Promise<AfterClose>;
  onRequest(input: { codeVersion: number; message: string }): Promise<AfterClose>;
  onLeave(): Promise<AfterClose>;
  onArchive(): Promise<AfterClose>;
  /** `name`: approve under another name. */
  onDecide(decision: "approve" | "reject", reason: string, name?: string): Promise<AfterClose>;
}

/** The actions the server says this person may take on this community, and no others. */
export function CommunityActions({ community: c, onJoin, onRequest, onLeave, onArchive, onDecide }: CommunityActionsProps) {
  const styles = useCommunityActionsStyles();
  const can = c.abilities;
  const any = can["community.join"] || can["community.request"] || can["community.leave"] || can["community.archive"] || can["community.decideProposal"];
  // Where Join and Ask to join would be: the server's reason this person can do neither.
  const blocked = c.joinBlockedReason ? <p className={styles.blocked}>{c.joinBlockedReason}</p> : null;
  if (!any) return blocked;
  return (
    <div className={styles.root} role="group" aria-label="Community actions">
      {blocked}
      {can["community.decideProposal"] ? <ProposalDecision communityName={c.name} nameClashes={c.nameClashes} onDecide={onDecide} /> : null}
      {can["community.join"] ? (
        <JoinDialog mode="join" communityName={c.name} codeOfPractice={c.codeOfPractice} codeVersion={c.codeVersion} onSubmit={onJoin} />
      ) : null}
      {can["community.request"] && !c.requested ? (
        <JoinDialog mode="request" communityName={c.name} codeOfPractice={c.codeOfPractice} codeVersion={c.codeVersion} onSubmit={onRequest} />
      ) : null}
      {can["community.leave"] ? (
        <ConfirmDialog triggerLabel="Leave" title={`Leave ${c.name}?`} confirmLabel="Leave community" onConfirm={onLeave}>
          You stop being a member here and in Microsoft Teams.{" "}
          {c.visibility === "hidden" ? "This community is hidden: you will need a new invitation to come back." : "You can join again later."}
        </ConfirmDialog>
      ) : null}
      {can["community.archive"] ? (
        <ConfirmDialog triggerLabel="Archive" title={`Archive ${c.name}?`} confirmLabel="Archive community" onConfirm={onArchive}>
          The community becomes read-only, here and in Microsoft Teams. Members can still find and read it.
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
