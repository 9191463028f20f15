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

/** A platform owner approves a proposal, seeing the names the server says look the same, and may rename it. */
export function ApproveProposal(props: ApproveProposalProps) {
  const [open, setOpen] = useState(false);
  const restoreFocus = useRestoreFocusTarget();
  const trigger = useRef<HTMLButtonElement>(null);
  // The dialog is mounted only while open, so each opening starts from the proposed name and fresh clashes.
  return (
    <>
      <Button {...restoreFocus} ref={trigger} appearance="primary" aria-label={`Approve ${props.communityName}`} aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Approve
      </Button>
      {open ? <ApproveDialog {...props} trigger={trigger} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

const CLASH_STATUS: Record<NameClash["status"], string> = { approved: "approved", proposed: "awaiting approval" };

type ClashState = { status: "loading" } | { status: "ready"; items: readonly NameClash[] } | { status: "error"; message: string };

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
        if (!cancelled) setLoaded({ status: "error", message: describeError(error).message });
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
      const d = describeError(error);
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
            <DialogTitle>{`Approve ${communityName}?`}</DialogTitle>
            <DialogContent className={styles.content}>
              <p className={styles.explanation}>It opens in Guildhall straight away, the proposer becomes its owner, and its place in Microsoft Teams is set up.</p>
              {clashes.status === "loading" ? <Spinner size="tiny" labelPosition="after" label="Checking for communities with a name that looks the same…" /> : null}
              {clashes.status === "error" ? (
                <MessageBar intent="warning" layout="multiline">
                  <MessageBarBody>
                    Guildhall could not check for names that look the same ({clashes.message}). It still refuses a name an approved community already holds.
                  </MessageBarBody>
                </MessageBar>
              ) : null}
              {clashes.status === "ready" && clashes.items.length > 0 ? (
                <MessageBar intent="warning" layout="multiline">
                  <MessageBarBody>
                    <MessageBarTitle>Names that look the same</MessageBarTitle>
                    <p className={styles.explanation}>
                      Guildhall treats names as the same when they differ only in capitals, spacing or letters that look alike. Two approved communities
                      cannot share a name: approve this one under another name, or reject it. A proposal awaiting approval is refused if the other is
                      approved first.
                    </p>
                    <ul className={styles.clashList} aria-label="Names that look the same">
                      {clashes.items.map((clash) => (
                        <li key={clash.id}>{`Looks like: ${clash.name} (${CLASH_STATUS[clash.status]})`}</li>
                      ))}
                    </ul>
                  </MessageBarBody>
                </MessageBar>
              ) : null}
              <Field label="Name" required hint="Change it to approve the community under another name; the proposer is told." validationMessage={nameProblem}>
                <Input id={nameId} value={name} onChange={(_, d) => setName(d.value)} />
              </Field>
              <Field label="Note to the proposer" hint="Optional." validationMessage={noteProblem}>
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
                <Button appearance="secondary">Cancel</Button>
              </DialogTrigger>
              <Button type="submit" appearance="primary" disabledFocusable={busy}>
                {busy ? "Working…" : "Approve community"}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
