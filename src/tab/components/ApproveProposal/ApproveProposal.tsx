import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Textarea,
  useRestoreFocusTarget,
} from "@fluentui/react-components";
import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from "react";
import { ApiError } from "../../api/client.js";
import type { NameClash } from "../../api/communityTypes.js";
import { describeError, issueFor } from "../../api/describeError.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import { closeThen, focusBack, type AfterClose } from "../ConfirmDialog/closeThen.js";
import { useApproveProposalStyles } from "./ApproveProposal.styles.js";

export interface ApproveProposalProps {
  communityName: string;
  /** The look-alike names the server computed for this proposal, when the caller already has them. */
  nameClashes?: readonly NameClash[];
  /** Otherwise, fetch them from the server when the dialog opens. */
  loadNameClashes?(): Promise<readonly NameClash[]>;
  /**
   * Approve, with an optional note and, when the approver changed it, another name. A rejection keeps the
   * dialog open and shows the server's message (beside the name when it is about the name).
   */
  onApprove(input: { reason: string; name?: string }): Promise<AfterClose>;
}

const m = defineMessages({
  trigger: { id: "approvals.approve.trigger", defaultMessage: "Approve" },
  triggerNamed: {
    id: "approvals.approve.triggerNamed",
    defaultMessage: "Approve {name}",
    description: "The Approve button's full name for screen readers; name is the community's",
  },
  title: { id: "approvals.approve.title", defaultMessage: "Approve {name}?" },
  explanation: {
    id: "approvals.approve.explanation",
    defaultMessage: "It opens in Guildhall straight away, the proposer becomes its owner, and its place in Microsoft Teams is set up.",
  },
  checking: { id: "approvals.approve.checking", defaultMessage: "Checking for communities with a name that looks the same…" },
  checkFailed: {
    id: "approvals.approve.checkFailed",
    defaultMessage:
      "Guildhall could not check for names that look the same ({problem}). It still refuses a name an approved community already holds.",
    description: "problem is the error's own sentence",
  },
  clashTitle: { id: "approvals.approve.clashTitle", defaultMessage: "Names that look the same" },
  clashExplained: {
    id: "approvals.approve.clashExplained",
    defaultMessage:
      "Guildhall treats names as the same when they differ only in capitals, spacing or letters that look alike. Two approved communities cannot share a name: approve this one under another name, or reject it. A proposal awaiting approval is refused if the other is approved first.",
  },
  clashList: { id: "approvals.approve.clashList", defaultMessage: "Names that look the same", description: "Name of the list of look-alike names" },
  clash: {
    id: "approvals.approve.clash",
    defaultMessage: "Looks like: {name} ({status, select, approved {approved} other {awaiting approval}})",
    description: "One look-alike community: its name and whether it is approved or a proposal awaiting approval",
  },
  name: { id: "approvals.approve.name", defaultMessage: "Name" },
  nameHint: { id: "approvals.approve.nameHint", defaultMessage: "Change it to approve the community under another name; the proposer is told." },
  note: { id: "approvals.approve.note", defaultMessage: "Note to the proposer" },
  noteHint: { id: "approvals.approve.noteHint", defaultMessage: "Optional. The proposer is told it with the approval, in their notices and Teams activity feed." },
  cancel: { id: "approvals.approve.cancel", defaultMessage: "Cancel" },
  working: { id: "approvals.approve.working", defaultMessage: "Working…" },
  submit: { id: "approvals.approve.submit", defaultMessage: "Approve community" },
});

/** A platform owner approves a proposal, seeing the names the server says look the same, and may rename it. */
export function ApproveProposal(props: ApproveProposalProps) {
  const [open, setOpen] = useState(false);
  const restoreFocus = useRestoreFocusTarget();
  const trigger = useRef<HTMLButtonElement>(null);
  const intl = useIntl();
  // The dialog is mounted only while open, so each opening starts from the proposed name and fresh clashes.
  return (
    <>
      <Button {...restoreFocus} ref={trigger} appearance="primary" aria-label={intl.formatMessage(m.triggerNamed, { name: props.communityName })} aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {intl.formatMessage(m.trigger)}
      </Button>
      {open ? <ApproveDialog {...props} trigger={trigger} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

type ClashState = { status: "loading" } | { status: "ready"; items: readonly NameClash[] } | { status: "error"; error: unknown };

function useClashes(known: readonly NameClash[] | undefined, load: (() => Promise<readonly NameClash[]>) | undefined): ClashState {
  const [loaded, setLoaded] = useState<ClashState>(known || !load ? { status: "ready", items: known ?? [] } : { status: "loading" });
  useEffect(() => {
    if (known || !load) return;
    let cancelled = false;
    load().then(
      (items) => {
        if (!cancelled) setLoaded({ status: "ready", items });
      },
      (error: unknown) => {
        if (!cancelled) setLoaded({ status: "error", error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [known, load]);
  return known ? { status: "ready", items: known } : loaded;
}

interface ApproveDialogProps extends ApproveProposalProps {
  trigger: RefObject<HTMLButtonElement | null>;
  onClose(): void;
}

function ApproveDialog({ communityName, nameClashes, loadNameClashes, onApprove, trigger, onClose }: ApproveDialogProps) {
  const styles = useApproveProposalStyles();
  const intl = useIntl();
  const [name, setName] = useState(communityName);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [nameProblem, setNameProblem] = useState<string>();
  const [noteProblem, setNoteProblem] = useState<string>();
  const nameId = useId();
  // Fetched once per opening, even if the caller passes a new function on each render.
  const [load] = useState(() => loadNameClashes);
  const clashes = useClashes(nameClashes, load);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(undefined);
    setNameProblem(undefined);
    setNoteProblem(undefined);
    const typed = name.trim();
    try {
      // Unchanged, no name is sent: the proposal is approved as proposed. Anything else is the server's to judge.
      const after = await onApprove(typed === communityName ? { reason: note.trim() } : { reason: note.trim(), name: typed });
      closeThen(onClose, after, trigger);
    } catch (error) {
      const d = describeError(error, intl);
      // A clash names the approved community it looks like: that message belongs beside the name.
      const aboutName = error instanceof ApiError && error.id === "community.name_clash" ? d.message : issueFor(d.issues, "name");
      const aboutNote = issueFor(d.issues, "reason");
      if (aboutName) {
        setNameProblem(aboutName);
        document.getElementById(nameId)?.focus();
      } else if (aboutNote) {
        setNoteProblem(aboutNote);
      } else {
        setProblem(d.message);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onOpenChange={(_, data) => {
        if (data.open) return;
        onClose();
        focusBack(trigger);
      }}
    >
      <DialogSurface>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <DialogBody>
            <DialogTitle>{intl.formatMessage(m.title, { name: communityName })}</DialogTitle>
            <DialogContent className={styles.content}>
              <p className={styles.explanation}>{intl.formatMessage(m.explanation)}</p>
              {clashes.status === "loading" ? <Spinner size="tiny" labelPosition="after" label={intl.formatMessage(m.checking)} /> : null}
              {clashes.status === "error" ? (
                <MessageBar intent="warning" layout="multiline">
                  <MessageBarBody>{intl.formatMessage(m.checkFailed, { problem: describeError(clashes.error, intl).message })}</MessageBarBody>
                </MessageBar>
              ) : null}
              {clashes.status === "ready" && clashes.items.length > 0 ? (
                <MessageBar intent="warning" layout="multiline">
                  <MessageBarBody>
                    <MessageBarTitle>{intl.formatMessage(m.clashTitle)}</MessageBarTitle>
                    <p className={styles.explanation}>{intl.formatMessage(m.clashExplained)}</p>
                    <ul className={styles.clashList} aria-label={intl.formatMessage(m.clashList)}>
                      {clashes.items.map((clash) => (
                        <li key={clash.id}>{intl.formatMessage(m.clash, { name: clash.name, status: clash.status })}</li>
                      ))}
                    </ul>
                  </MessageBarBody>
                </MessageBar>
              ) : null}
              <Field label={intl.formatMessage(m.name)} required hint={intl.formatMessage(m.nameHint)} validationMessage={nameProblem}>
                <Input id={nameId} value={name} onChange={(_, d) => setName(d.value)} />
              </Field>
              <Field label={intl.formatMessage(m.note)} hint={intl.formatMessage(m.noteHint)} validationMessage={noteProblem}>
                <Textarea value={note} onChange={(_, d) => setNote(d.value)} resize="vertical" />
              </Field>
              {problem ? (
                <MessageBar intent="error" role="alert" layout="multiline">
                  <MessageBarBody>{problem}</MessageBarBody>
                </MessageBar>
              ) : null}
            </DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button appearance="secondary">{intl.formatMessage(m.cancel)}</Button>
              </DialogTrigger>
              <Button type="submit" appearance="primary" disabledFocusable={busy}>
                {busy ? intl.formatMessage(m.working) : intl.formatMessage(m.submit)}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
