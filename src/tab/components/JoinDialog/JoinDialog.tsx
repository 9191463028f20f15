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
import { defineMessages, useIntl } from "../../i18n/intl.js";
import { PlainText } from "../PlainText/PlainText.js";
import { closeThen, focusBack, type AfterClose } from "../ConfirmDialog/closeThen.js";
import { useJoinDialogStyles } from "./JoinDialog.styles.js";

const m = defineMessages({
  join: { id: "community.join.join", defaultMessage: "Join", description: "Button: join an open community (or one you were invited to)" },
  request: { id: "community.join.request", defaultMessage: "Ask to join", description: "Button: ask to join a closed community" },
  joinTitle: { id: "community.join.joinTitle", defaultMessage: "Join {name}", description: "Dialog title; name is the community's name" },
  requestTitle: { id: "community.join.requestTitle", defaultMessage: "Ask to join {name}", description: "Dialog title; name is the community's name" },
  introJoin: { id: "community.join.introJoin", defaultMessage: "Members accept the community's code of practice when they join." },
  introRequest: {
    id: "community.join.introRequest",
    defaultMessage: "Members accept the community's code of practice when they join. The moderators will read your request and reply.",
  },
  codeHeading: { id: "community.join.codeHeading", defaultMessage: "Code of practice (version {version, number})", description: "version is the code's version number" },
  accept: { id: "community.join.accept", defaultMessage: "I accept the code of practice", description: "Checkbox label" },
  acceptRequired: { id: "community.join.acceptRequired", defaultMessage: "Tick the box to accept the code of practice." },
  message: { id: "community.join.message", defaultMessage: "Message to the moderators", description: "Field label" },
  messageHint: { id: "community.join.messageHint", defaultMessage: "Optional: say who you are and why you'd like to join." },
  cancel: { id: "community.join.cancel", defaultMessage: "Cancel" },
  sending: { id: "community.join.sending", defaultMessage: "Sending…" },
  sendRequest: { id: "community.join.sendRequest", defaultMessage: "Send request" },
  joinCommunity: { id: "community.join.joinCommunity", defaultMessage: "Join community", description: "Submit button of the join dialog" },
});

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
  const intl = useIntl();
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
      setAcceptProblem(intl.formatMessage(m.acceptRequired));
      document.getElementById(acceptId)?.focus();
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      const after = await onSubmit({ codeVersion, message: message.trim() });
      closeThen(() => reset(false), after, trigger);
    } catch (error) {
      setProblem(describeError(error, intl).message);
    } finally {
      setBusy(false);
    }
  };

  // Mounted only while open (see ConfirmDialog).
  return (
    <>
      <Button {...restoreFocus} ref={trigger} appearance="primary" aria-haspopup="dialog" onClick={() => reset(true)}>
        {intl.formatMessage(asking ? m.request : m.join)}
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
                <DialogTitle>{intl.formatMessage(asking ? m.requestTitle : m.joinTitle, { name: communityName })}</DialogTitle>
                <DialogContent className={styles.content}>
                  <p className={styles.intro}>{intl.formatMessage(asking ? m.introRequest : m.introJoin)}</p>
                  <section className={styles.code} tabIndex={0} aria-labelledby={`${codeId}-h`}>
                    <h3 id={`${codeId}-h`} className={styles.codeHeading}>
                      {intl.formatMessage(m.codeHeading, { version: codeVersion })}
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
                      label={intl.formatMessage(m.accept)}
                    />
                  </Field>
                  {asking ? (
                    <Field label={intl.formatMessage(m.message)} hint={intl.formatMessage(m.messageHint)}>
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
                    <Button appearance="secondary">{intl.formatMessage(m.cancel)}</Button>
                  </DialogTrigger>
                  <Button type="submit" appearance="primary" disabledFocusable={busy}>
                    {intl.formatMessage(busy ? m.sending : asking ? m.sendRequest : m.joinCommunity)}
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
