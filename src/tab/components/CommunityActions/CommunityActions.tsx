import type { CommunityDetail } from "../../api/communityTypes.js";
import { DENIAL_MESSAGES } from "../../../domain/policyText.js";
import { defineMessages, useIntl, type Formatter } from "../../i18n/intl.js";
import type { AfterClose } from "../ConfirmDialog/closeThen.js";
import { ConfirmDialog } from "../ConfirmDialog/ConfirmDialog.js";
import { JoinDialog } from "../JoinDialog/JoinDialog.js";
import { ProposalDecision } from "../ProposalDecision/ProposalDecision.js";
import { useCommunityActionsStyles } from "./CommunityActions.styles.js";

const m = defineMessages({
  group: { id: "community.actions.group", defaultMessage: "Community actions", description: "Accessible name of the group of action buttons" },
  leave: { id: "community.actions.leave", defaultMessage: "Leave", description: "Button: stop being a member" },
  leaveTitle: { id: "community.actions.leaveTitle", defaultMessage: "Leave {name}?", description: "Dialog title; name is the community's name" },
  leaveConfirm: { id: "community.actions.leaveConfirm", defaultMessage: "Leave community" },
  leaveBody: {
    id: "community.actions.leaveBody",
    defaultMessage:
      "You stop being a member here and in Microsoft Teams. {hidden, select, yes {This community is hidden: you will need a new invitation to come back.} other {You can join again later.}}",
    description: "Leave dialog; hidden is yes when the community is hidden (by invitation only)",
  },
  archive: { id: "community.actions.archive", defaultMessage: "Archive", description: "Button: make the community read-only" },
  archiveTitle: { id: "community.actions.archiveTitle", defaultMessage: "Archive {name}?", description: "Dialog title; name is the community's name" },
  archiveConfirm: { id: "community.actions.archiveConfirm", defaultMessage: "Archive community" },
  archiveBody: {
    id: "community.actions.archiveBody",
    defaultMessage: "The community becomes read-only, here and in Microsoft Teams. Members can still find and read it.",
  },
  archiveReason: { id: "community.actions.archiveReason", defaultMessage: "Reason", description: "Label of the archive dialog's required reason" },
  archiveReasonHint: {
    id: "community.actions.archiveReasonHint",
    defaultMessage: "Every member is told this reason, and the community page shows it. At most {max, number} characters.",
    description: "max: the longest reason the server takes",
  },
});

/** The longest archive reason the server takes (src/commands/communities/archive.ts). */
const ARCHIVE_REASON_MAX = 1000;

/**
 * Why this person can neither join nor ask to join: the policy's catalog message for the server's denial, in the
 * person's language; the server's en-AU sentence when it names a denial this tab does not know.
 */
export function joinBlockedText(intl: Formatter, c: Pick<CommunityDetail, "joinBlockedReason" | "joinBlockedDenial">): string | null {
  const denial = c.joinBlockedDenial;
  if (denial && Object.hasOwn(DENIAL_MESSAGES, denial)) return intl.formatMessage(DENIAL_MESSAGES[denial as keyof typeof DENIAL_MESSAGES]);
  return c.joinBlockedReason;
}

export interface CommunityActionsProps {
  community: CommunityDetail;
  /** Each resolves with the change to make once its dialog has closed. */
  onJoin(input: { codeVersion: number }): Promise<AfterClose>;
  onRequest(input: { codeVersion: number; message: string }): Promise<AfterClose>;
  onLeave(): Promise<AfterClose>;
  /** `reason`: why, as typed (required; the server checks it and answers beside the field). */
  onArchive(reason: string): Promise<AfterClose>;
  /** `name`: approve under another name. */
  onDecide(decision: "approve" | "reject", reason: string, name?: string): Promise<AfterClose>;
}

/** The actions the server says this person may take on this community, and no others. */
export function CommunityActions({ community: c, onJoin, onRequest, onLeave, onArchive, onDecide }: CommunityActionsProps) {
  const styles = useCommunityActionsStyles();
  const intl = useIntl();
  const can = c.abilities;
  const any = can["community.join"] || can["community.request"] || can["community.leave"] || can["community.archive"] || can["community.decideProposal"];
  // Where Join and Ask to join would be: the server's reason this person can do neither.
  const reason = joinBlockedText(intl, c);
  const blocked = reason ? <p className={styles.blocked}>{reason}</p> : null;
  if (!any) return blocked;
  return (
    <div className={styles.root} role="group" aria-label={intl.formatMessage(m.group)}>
      {blocked}
      {can["community.decideProposal"] ? <ProposalDecision communityName={c.name} nameClashes={c.nameClashes} onDecide={onDecide} /> : null}
      {can["community.join"] ? (
        <JoinDialog mode="join" communityName={c.name} codeOfPractice={c.codeOfPractice} codeVersion={c.codeVersion} onSubmit={onJoin} />
      ) : null}
      {can["community.request"] && !c.requested ? (
        <JoinDialog mode="request" communityName={c.name} codeOfPractice={c.codeOfPractice} codeVersion={c.codeVersion} onSubmit={onRequest} />
      ) : null}
      {can["community.leave"] ? (
        <ConfirmDialog
          triggerLabel={intl.formatMessage(m.leave)}
          title={intl.formatMessage(m.leaveTitle, { name: c.name })}
          confirmLabel={intl.formatMessage(m.leaveConfirm)}
          onConfirm={onLeave}
        >
          {intl.formatMessage(m.leaveBody, { hidden: c.visibility === "hidden" ? "yes" : "no" })}
        </ConfirmDialog>
      ) : null}
      {can["community.archive"] ? (
        <ConfirmDialog
          triggerLabel={intl.formatMessage(m.archive)}
          title={intl.formatMessage(m.archiveTitle, { name: c.name })}
          confirmLabel={intl.formatMessage(m.archiveConfirm)}
          reason={{ label: intl.formatMessage(m.archiveReason), hint: intl.formatMessage(m.archiveReasonHint, { max: ARCHIVE_REASON_MAX }), required: true }}
          onConfirm={onArchive}
        >
          {intl.formatMessage(m.archiveBody)}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
