import { Button, MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import { useProblemPanelStyles } from "./ProblemPanel.styles.js";

export const problemMessages = defineMessages({
  retry: { id: "common.problem.retry", defaultMessage: "Try again", description: "Button under an error" },
  reference: {
    id: "common.problem.reference",
    defaultMessage: "Reference for support: {requestId}",
    description: "requestId identifies the failed request in the server's logs",
  },
});

export interface ProblemPanelProps {
  title: string;
  message: string;
  requestId?: string;
  onRetry?: () => void;
  /** Further actions (a second button, for instance). */
  actions?: ReactNode;
  children?: ReactNode;
}

/** An error announced as an alert, with what the person can do next. */
export function ProblemPanel({ title, message, requestId, onRetry, actions, children }: ProblemPanelProps) {
  const styles = useProblemPanelStyles();
  const intl = useIntl();
  return (
    <div className={styles.root}>
      <MessageBar intent="error" layout="multiline" role="alert" className={styles.bar}>
        <MessageBarBody>
          <MessageBarTitle>{title}</MessageBarTitle>
          {message}
        </MessageBarBody>
      </MessageBar>
      {children}
      {onRetry || actions ? (
        <div className={styles.actions}>
          {onRetry ? (
            <Button appearance="primary" onClick={onRetry}>
              {intl.formatMessage(problemMessages.retry)}
            </Button>
          ) : null}
          {actions}
        </div>
      ) : null}
      {requestId ? <p className={styles.reference}>{intl.formatMessage(problemMessages.reference, { requestId })}</p> : null}
    </div>
  );
}
