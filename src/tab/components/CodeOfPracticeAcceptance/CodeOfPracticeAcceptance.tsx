import { Button, MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useId, useState } from "react";
import { describeError } from "../../api/describeError.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import { PlainText } from "../PlainText/PlainText.js";
import { useCodeOfPracticeAcceptanceStyles } from "./CodeOfPracticeAcceptance.styles.js";

const m = defineMessages({
  heading: {
    id: "manage.code.heading",
    defaultMessage: "The code of practice has changed (version {version, number})",
    description: "Heading above a community's new code of practice, shown to a member who has not accepted it; version is its number",
  },
  intro: {
    id: "manage.code.intro",
    defaultMessage: "An owner changed the code of practice since you accepted version {accepted, number}. Read it, then accept it to keep taking part.",
    description: "accepted is the version the member accepted",
  },
  textLabel: { id: "manage.code.textLabel", defaultMessage: "Code of practice, version {version, number}", description: "Accessible name of the scrollable code text" },
  accept: { id: "manage.code.accept", defaultMessage: "Accept the code of practice", description: "Button" },
  accepting: { id: "manage.code.accepting", defaultMessage: "Accepting…" },
});

export interface CodeOfPracticeAcceptanceProps {
  codeOfPractice: string;
  codeVersion: number;
  acceptedVersion: number;
  /** Record the acceptance; a rejection shows the server's message (e.g. the code changed again meanwhile). */
  onAccept(codeVersion: number): Promise<void>;
}

/** A member who has not accepted the current code of practice reads it here first, with an Accept button. */
export function CodeOfPracticeAcceptance({ codeOfPractice, codeVersion, acceptedVersion, onAccept }: CodeOfPracticeAcceptanceProps) {
  const styles = useCodeOfPracticeAcceptanceStyles();
  const intl = useIntl();
  const headingId = useId();
  const codeId = useId();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();

  const accept = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(undefined);
    try {
      await onAccept(codeVersion);
    } catch (error) {
      setProblem(describeError(error, intl).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        {intl.formatMessage(m.heading, { version: codeVersion })}
      </h2>
      <p className={styles.text}>{intl.formatMessage(m.intro, { accepted: acceptedVersion })}</p>
      {/* Focusable so a keyboard user can scroll a long code. */}
      <div className={styles.code} tabIndex={0} role="region" aria-label={intl.formatMessage(m.textLabel, { version: codeVersion })}>
        <PlainText id={codeId} text={codeOfPractice} />
      </div>
      {problem ? (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.actions}>
        <Button appearance="primary" disabledFocusable={busy} onClick={() => void accept()}>
          {busy ? intl.formatMessage(m.accepting) : intl.formatMessage(m.accept)}
        </Button>
      </div>
    </section>
  );
}
