import { Button, MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { useProblemPanelStyles } from "./ProblemPanel.styles.js";

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
              Try again
            </Button>
          ) : null}
          {actions}
        </div>
      ) : null}
      {requestId ? <p className={styles.reference}>Reference for support: {requestId}</p> : null}
    </div>
  );
}
