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
  MessageBar,
  MessageBarBody,
  Textarea,
  useRestoreFocusTarget,
  type ButtonProps,
} from "@fluentui/react-components";
import { useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { describeError, issueFor } from "../../api/describeError.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import { useConfirmDialogStyles } from "./ConfirmDialog.styles.js";
import { closeThen, focusBack, type AfterClose } from "./closeThen.js";

const m = defineMessages({
  cancel: { id: "common.confirm.cancel", defaultMessage: "Cancel", description: "Button that closes a confirmation dialog without doing anything" },
  working: { id: "common.confirm.working", defaultMessage: "Working…", description: "The confirm button's label while the action runs" },
  reasonMissing: {
    id: "common.confirm.reasonMissing",
    defaultMessage: "Enter {field}.",
    description: "Error under an empty required field in a dialog; label is the field's label as shown, field is the same in lower case (e.g. “Enter reason.”)",
  },
});

export interface ConfirmDialogProps {
  /** The button that opens the dialog. */
  triggerLabel: string;
  /** A fuller name for the trigger when its label alone is ambiguous (e.g. "Remove Aisha Karimi"). */
  triggerAriaLabel?: string;
  triggerAppearance?: ButtonProps["appearance"];
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  /**
   * Ask for a reason; `required` refuses an empty one before anything is sent, saying `missing` (default:
   * "Enter <label in lower case>.", in the person's language).
   */
  reason?: { label: string; hint?: string; required: boolean; missing?: string };
  /**
   * Do the thing. A rejection keeps the dialog open and shows the server's message; a function it resolves
   * with is called once the dialog has closed (to apply a change that may remove the dialog's own button).
   */
  onConfirm(reason: string): Promise<AfterClose>;
}

/** Asks before an action that matters (leave, archive, decline, remove), optionally with a reason. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { triggerLabel, triggerAriaLabel, triggerAppearance, title, children, confirmLabel, reason, onConfirm } = props;
  const styles = useConfirmDialogStyles();
  const intl = useIntl();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [reasonProblem, setReasonProblem] = useState<string>();
  const reasonId = useId();
  const restoreFocus = useRestoreFocusTarget();
  const trigger = useRef<HTMLButtonElement>(null);

  const reset = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setText("");
      setProblem(undefined);
      setReasonProblem(undefined);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (reason?.required && text.trim() === "") {
      setReasonProblem(reason.missing ?? intl.formatMessage(m.reasonMissing, { label: reason.label, field: reason.label.toLocaleLowerCase(intl.intlLocale) }));
      document.getElementById(reasonId)?.focus();
      return;
    }
    setBusy(true);
    setProblem(undefined);
    setReasonProblem(undefined);
    try {
      const after = await onConfirm(text.trim());
      closeThen(() => reset(false), after, trigger);
    } catch (error) {
      const d = describeError(error, intl);
      const field = issueFor(d.issues, "reason");
      if (field) setReasonProblem(field);
      else setProblem(d.message);
    } finally {
      setBusy(false);
    }
  };

  // The dialog is mounted only while open: a page of many members carries buttons, not many dialogs.
  return (
    <>
      <Button {...restoreFocus} ref={trigger} appearance={triggerAppearance ?? "secondary"} aria-label={triggerAriaLabel} aria-haspopup="dialog" onClick={() => reset(true)}>
        {triggerLabel}
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
                <DialogTitle>{title}</DialogTitle>
                <DialogContent className={styles.content}>
                  {children}
                  {reason ? (
                    <Field label={reason.label} hint={reason.hint} required={reason.required} validationMessage={reasonProblem}>
                      <Textarea id={reasonId} value={text} onChange={(_, d) => setText(d.value)} resize="vertical" />
                    </Field>
                  ) : null}
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
                    {busy ? intl.formatMessage(m.working) : confirmLabel}
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
