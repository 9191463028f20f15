import { Button } from "@fluentui/react-components";
import { useState } from "react";
import { describeError } from "../../api/describeError.js";
import type { CommunityDetail, CommunityEdit, ProposalInput } from "../../api/communityTypes.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import type { AfterClose } from "../ConfirmDialog/closeThen.js";
import { ConfirmDialog } from "../ConfirmDialog/ConfirmDialog.js";
import { EditCommunity } from "../EditCommunity/EditCommunity.js";
import { ProposalEditor, type ProposalEditorProps } from "./ProposalEditor.js";
import { useManageCommunityStyles } from "./ManageCommunity.styles.js";

const m = defineMessages({
  group: { id: "manage.actions.group", defaultMessage: "Manage the community", description: "Accessible name of the group of management buttons" },
  withdraw: { id: "manage.withdraw.open", defaultMessage: "Withdraw proposal", description: "Button: the proposer takes back a proposal" },
  withdrawTitle: { id: "manage.withdraw.title", defaultMessage: "Withdraw the proposal for {name}?", description: "Dialog title; name is the community's name" },
  withdrawBody: { id: "manage.withdraw.body", defaultMessage: "The proposal is deleted and platform owners no longer see it. You can propose it again later." },
  withdrawConfirm: { id: "manage.withdraw.confirm", defaultMessage: "Withdraw proposal" },
  unarchive: { id: "manage.unarchive.open", defaultMessage: "Un-archive", description: "Button: a platform owner makes an archived community active again" },
  unarchiveTitle: { id: "manage.unarchive.title", defaultMessage: "Un-archive {name}?", description: "Dialog title; name is the community's name" },
  unarchiveBody: {
    id: "manage.unarchive.body",
    defaultMessage: "The community becomes active again: members can post, join and ask to join, and its owners can edit it. Every member is told. Its team or channel in Microsoft Teams is restored too, which can take a few minutes.",
  },
  unarchiveConfirm: { id: "manage.unarchive.confirm", defaultMessage: "Un-archive community" },
  restoring: { id: "manage.unarchive.restoring", defaultMessage: "Microsoft Teams is restoring the community's team or channel from its archive." },
  restoreFailed: { id: "manage.unarchive.failed", defaultMessage: "Microsoft Teams did not restore the community's team or channel: {reason}", description: "reason: Teams' answer, in English" },
  restoreFailedNoReason: { id: "manage.unarchive.failedNoReason", defaultMessage: "Microsoft Teams did not restore the community's team or channel." },
  retry: { id: "manage.unarchive.retry", defaultMessage: "Retry restoring in Teams" },
});

export interface ManageCommunityProps {
  community: CommunityDetail;
  onEdit(edit: CommunityEdit): Promise<AfterClose>;
  loadProposalContext: ProposalEditorProps["load"];
  onEditProposal(input: ProposalInput & { revision: number }): Promise<AfterClose>;
  onResubmit(input: ProposalInput & { revision: number }): Promise<AfterClose>;
  onWithdraw(): Promise<AfterClose>;
  onUnarchive(): Promise<AfterClose>;
  onRetryRestore(): Promise<void>;
}

/** Editing, a proposal's life and un-archiving: only the controls the server's abilities allow. */
export function ManageCommunity(props: ManageCommunityProps) {
  const { community: c } = props;
  const styles = useManageCommunityStyles();
  const intl = useIntl();
  const can = c.abilities;
  const restore = c.teams?.unarchiveState;
  const [retryProblem, setRetryProblem] = useState<string>();
  const any = can["community.edit"] || can["community.editProposal"] || can["community.resubmit"] || can["community.withdraw"] || can["community.unarchive"] || Boolean(restore);
  if (!any) return null;
  return (
    <div className={styles.root} role="group" aria-label={intl.formatMessage(m.group)}>
      {can["community.edit"] ? <EditCommunity community={c} onSave={props.onEdit} /> : null}
      {can["community.editProposal"] ? <ProposalEditor community={c} mode="edit" load={props.loadProposalContext} onSubmit={props.onEditProposal} /> : null}
      {can["community.resubmit"] ? <ProposalEditor community={c} mode="resubmit" load={props.loadProposalContext} onSubmit={props.onResubmit} /> : null}
      {can["community.withdraw"] ? (
        <ConfirmDialog
          triggerLabel={intl.formatMessage(m.withdraw)}
          title={intl.formatMessage(m.withdrawTitle, { name: c.name })}
          confirmLabel={intl.formatMessage(m.withdrawConfirm)}
          onConfirm={props.onWithdraw}
        >
          {intl.formatMessage(m.withdrawBody)}
        </ConfirmDialog>
      ) : null}
      {can["community.unarchive"] ? (
        <ConfirmDialog
          triggerLabel={intl.formatMessage(m.unarchive)}
          triggerAppearance="primary"
          title={intl.formatMessage(m.unarchiveTitle, { name: c.name })}
          confirmLabel={intl.formatMessage(m.unarchiveConfirm)}
          onConfirm={props.onUnarchive}
        >
          {intl.formatMessage(m.unarchiveBody)}
        </ConfirmDialog>
      ) : null}
      {restore === "queued" || restore === "unarchiving" ? <p className={styles.note}>{intl.formatMessage(m.restoring)}</p> : null}
      {restore === "failed" ? (
        <>
          <p className={styles.note} role="status">
            {c.teams?.unarchiveError ? intl.formatMessage(m.restoreFailed, { reason: c.teams.unarchiveError }) : intl.formatMessage(m.restoreFailedNoReason)}
          </p>
          {can["community.retryUnarchive"] ? (
            <Button
              appearance="secondary"
              onClick={() => {
                setRetryProblem(undefined);
                props.onRetryRestore().catch((error: unknown) => setRetryProblem(describeError(error, intl).message));
              }}
            >
              {intl.formatMessage(m.retry)}
            </Button>
          ) : null}
          {retryProblem ? (
            <p className={styles.note} role="alert">
              {retryProblem}
            </p>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
