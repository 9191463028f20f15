import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  MessageBar,
  MessageBarBody,
  useRestoreFocusTarget,
} from "@fluentui/react-components";
import { useRef, useState, type FormEvent } from "react";
import type { CommunityDetail, ProposalInput } from "../../api/communityTypes.js";
import type { Agency, ClassificationCeiling } from "../../api/types.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import { closeThen, focusBack, type AfterClose } from "../ConfirmDialog/closeThen.js";
import { ProposalFields } from "../ProposalFields/ProposalFields.js";
import { errorsFromServer, localProblems, mergeProblems, toInput, type FieldErrors, type Naming, type ProposalDraft } from "../ProposalFields/proposalForm.js";
import { useManageCommunityStyles } from "./ManageCommunity.styles.js";

const m = defineMessages({
  edit: { id: "manage.proposal.edit", defaultMessage: "Edit proposal", description: "Button: the proposer changes a proposal awaiting approval" },
  resubmit: { id: "manage.proposal.resubmit", defaultMessage: "Edit and resubmit", description: "Button: the proposer changes a proposal that was not approved and sends it again" },
  editTitle: { id: "manage.proposal.editTitle", defaultMessage: "Edit the proposal for {name}", description: "Dialog title; name is the community's name" },
  resubmitTitle: { id: "manage.proposal.resubmitTitle", defaultMessage: "Resubmit {name}", description: "Dialog title; name is the community's name" },
  resubmitIntro: {
    id: "manage.proposal.resubmitIntro",
    defaultMessage: "Change what the platform owner asked for, then send it again: it goes back to the platform owners for approval.",
  },
  save: { id: "manage.proposal.save", defaultMessage: "Save proposal" },
  send: { id: "manage.proposal.send", defaultMessage: "Resubmit proposal" },
  sending: { id: "manage.proposal.sending", defaultMessage: "Sending…" },
  cancel: { id: "manage.proposal.cancel", defaultMessage: "Cancel" },
  fix: { id: "manage.proposal.fix", defaultMessage: "The proposal needs changes: see each field." },
});

function draftOf(c: CommunityDetail): ProposalDraft {
  return {
    name: c.name,
    purpose: c.purpose,
    termsOfReference: c.termsOfReference,
    codeOfPractice: c.codeOfPractice,
    visibility: c.visibility,
    scope: c.scope,
    agencyIds: c.agencies.map((a) => a.id),
    classification: c.classification,
    tags: c.tags.join(", "),
    teamsPresence: c.teamsPresence,
  };
}

export interface ProposalEditorProps {
  community: CommunityDetail;
  mode: "edit" | "resubmit";
  /** Loaded when the dialog opens: the agencies to choose from, the classification ceiling and the naming policy. */
  load(): Promise<{ agencies: readonly Agency[]; classifications?: ClassificationCeiling; naming?: Naming }>;
  onSubmit(input: ProposalInput & { revision: number }): Promise<AfterClose>;
}

/** The proposer edits a proposal awaiting approval, or edits and resubmits one that was not approved. */
export function ProposalEditor({ community: c, mode, load, onSubmit }: ProposalEditorProps) {
  const styles = useManageCommunityStyles();
  const intl = useIntl();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<ProposalDraft>(() => draftOf(c));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [context, setContext] = useState<Awaited<ReturnType<ProposalEditorProps["load"]>>>({ agencies: c.agencies });
  const restoreFocus = useRestoreFocusTarget();
  const trigger = useRef<HTMLButtonElement>(null);

  const reset = (next: boolean) => {
    setOpen(next);
    setDraft(draftOf(c));
    setErrors({});
    setGeneral(undefined);
    if (next) load().then(setContext, () => undefined);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const local = localProblems(draft, intl, context.naming);
    setBusy(true);
    try {
      const after = await onSubmit({ ...toInput(draft), revision: c.revision });
      closeThen(() => reset(false), after, trigger);
    } catch (error) {
      const found = errorsFromServer(error, intl);
      setErrors(mergeProblems(local, found.fields));
      setGeneral(Object.keys(found.fields).length > 0 ? intl.formatMessage(m.fix) : found.general);
    } finally {
      setBusy(false);
    }
  };

  const resubmit = mode === "resubmit";
  return (
    <>
      <Button {...restoreFocus} ref={trigger} appearance={resubmit ? "primary" : "secondary"} aria-haspopup="dialog" onClick={() => reset(true)}>
        {intl.formatMessage(resubmit ? m.resubmit : m.edit)}
      </Button>
      {open ? (
        <Dialog
          open
          onOpenChange={(_, data) => {
            reset(data.open);
            if (!data.open) focusBack(trigger);
          }}
        >
          <DialogSurface>
            <form onSubmit={(e) => void submit(e)} noValidate>
              <DialogBody>
                <DialogTitle>{intl.formatMessage(resubmit ? m.resubmitTitle : m.editTitle, { name: c.name })}</DialogTitle>
                <DialogContent className={styles.form}>
                  {resubmit ? <p className={styles.note}>{intl.formatMessage(m.resubmitIntro)}</p> : null}
                  <ProposalFields
                    draft={draft}
                    errors={errors}
                    agencies={context.agencies}
                    classifications={context.classifications}
                    naming={context.naming}
                    onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))}
                  />
                  {general ? (
                    <MessageBar intent="error" role="alert" layout="multiline">
                      <MessageBarBody>{general}</MessageBarBody>
                    </MessageBar>
                  ) : null}
                </DialogContent>
                <DialogActions>
                  <DialogTrigger disableButtonEnhancement>
                    <Button appearance="secondary">{intl.formatMessage(m.cancel)}</Button>
                  </DialogTrigger>
                  <Button type="submit" appearance="primary" disabledFocusable={busy}>
                    {busy ? intl.formatMessage(m.sending) : intl.formatMessage(resubmit ? m.send : m.save)}
                  </Button>
                </DialogActions>
              </DialogBody>
            </form>
          </DialogSurface>
        </Dialog>
      ) : null}
    </>
  );
}
