import {
  Button,
  Checkbox,
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
} from "@fluentui/react-components";
import { useId, useRef, useState, type FormEvent } from "react";
import { describeError } from "../../api/describeError.js";
import { PlainText } from "../PlainText/PlainText.js";
import { closeThen, focusBack, type AfterClose } from "../ConfirmDialog/closeThen.js";
import { useJoinDialogStyles } from "./JoinDialog.styles.js";

export interface JoinDialogProps {
  /** Join an open community (or one you were invited to), or ask to join a closed one. */
  mode: "join" | "request";
  communityName: string;
  codeOfPractice: string;
  codeVersion: number;
  /** Send the acceptance (and the message, when asking). A rejection shows the server's message; see ConfirmDialog for what it resolves with. */
  onSubmit(input: { codeVersion: number; message: string }): Promise<AfterClose>;
}

/** Shows the code of practice and records that the person accepted it before they join or ask to. */
export function JoinDialog({ mode, communityName, codeOfPractice, codeVersion, onSubmit }: JoinDialogProps) {
  const styles = useJoinDialogStyles();
  const [open, setOpen] = useState(false);
  const [accepted, setAccepted] = useState(false);
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  const [acceptProblem, setAcceptProblem] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const codeId = useId();
  const acceptId = useId();
  const asking = mode === "request";
  const restoreFocus = useRestoreFocusTarget();
  const trigger = useRef<HTMLButtonElement>(null);

  const reset = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setAccepted(false);
      setMessage("");
      setAcceptProblem(undefined);
      setProblem(undefined);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!accepted) {
      setAcceptProblem("Tick the box to accept the code of practice.");
      document.getElementById(acceptId)?.focus();
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      const after = await onSubmit({ codeVersion, message: message.trim() });
      closeThen(() => reset(false), after, trigger);
    } catch (error) {
      setProblem(describeError(error).message);
    } finally {
      setBusy(false);
    }
  };

  // Mounted only while open (see ConfirmDialog).
  return (
    <>
      <Button {...restoreFocus} ref={trigger} appearance="primary" aria-haspopup="dialog" onClick={() => reset(true)}>
        {asking ? "Ask to join" : "Join"}
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
                <DialogTitle>{asking ? `Ask to join ${communityName}` : `Join ${communityName}`}</DialogTitle>
                <DialogContent className={styles.content}>
                  <p className={styles.intro}>
                    Members accept the community&apos;s code of practice when they join.
                    {asking ? " The moderators will read your request and reply." : ""}
                  </p>
                  <section className={styles.code} tabIndex={0} aria-labelledby={`${codeId}-h`}>
                    <h3 id={`${codeId}-h`} className={styles.codeHeading}>
                      Code of practice (version {codeVersion})
                    </h3>
                    <PlainText text={codeOfPractice} />
                  </section>
                  <Field validationMessage={acceptProblem} required>
                    <Checkbox
                      id={acceptId}
                      checked={accepted}
                      onChange={(_, d) => {
                        setAccepted(d.checked === true);
                        if (d.checked === true) setAcceptProblem(undefined);
                      }}
                      label="I accept the code of practice"
                    />
                  </Field>
                  {asking ? (
                    <Field label="Message to the moderators" hint="Optional: say who you are and why you'd like to join.">
                      <Textarea value={message} onChange={(_, d) => setMessage(d.value)} resize="vertical" maxLength={1000} />
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
                    <Button appearance="secondary">Cancel</Button>
                  </DialogTrigger>
                  <Button type="submit" appearance="primary" disabledFocusable={busy}>
                    {busy ? "Sending…" : asking ? "Send request" : "Join community"}
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
