import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { Page } from "../../components/Page/Page.js";
import { useNotEligibleStyles } from "./NotEligible.styles.js";

export interface NotEligibleProps {
  /** The server's explanation, shown as given. */
  message: string;
  reason?: string;
  requestId?: string;
}

/** Shown for 403 `eligibility.denied`: the reason, and nothing from inside Guildhall. */
export function NotEligible({ message, reason, requestId }: NotEligibleProps) {
  const styles = useNotEligibleStyles();
  return (
    <Page title="Guildhall is open to verified public servants only">
      <div className={styles.body}>
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>
            <MessageBarTitle>Access refused</MessageBarTitle>
            {message}
          </MessageBarBody>
        </MessageBar>
        <p className={styles.text}>
          Guildhall is a closed space for staff of the government agencies it is open to. If you work for one of
          them, sign in to Teams with your own agency account rather than a guest or personal account. If you
          still can&apos;t get in, ask your agency&apos;s Guildhall administrator.
        </p>
        {reason || requestId ? (
          <p className={styles.reference}>
            {reason ? `Reason code: ${reason}. ` : ""}
            {requestId ? `Reference for support: ${requestId}` : ""}
          </p>
        ) : null}
      </div>
    </Page>
  );
}
