import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { Page } from "../../components/Page/Page.js";
import { problemMessages } from "../../components/ProblemPanel/ProblemPanel.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import { useNotEligibleStyles } from "./NotEligible.styles.js";

const m = defineMessages({
  title: { id: "common.notEligible.title", defaultMessage: "Guildhall is open to verified public servants only", description: "Heading when the server refuses the person" },
  refused: { id: "common.notEligible.refused", defaultMessage: "Access refused", description: "Title of the alert that holds the server's reason" },
  explanation: {
    id: "common.notEligible.explanation",
    defaultMessage:
      "Guildhall is a closed space for staff of the government agencies it is open to. If you work for one of them, sign in to Teams with your own agency account rather than a guest or personal account. If you still can't get in, ask your agency's Guildhall administrator.",
  },
  reasonCode: { id: "common.notEligible.reasonCode", defaultMessage: "Reason code: {reason}.", description: "reason is a technical code for support staff, e.g. guest_not_allowed" },
});

export interface NotEligibleProps {
  /** The server's explanation, in the person's language (describeError with the server's message key). */
  message: string;
  reason?: string;
  requestId?: string;
}

/** Shown for 403 `eligibility.denied`: the reason, and nothing from inside Guildhall. */
export function NotEligible({ message, reason, requestId }: NotEligibleProps) {
  const styles = useNotEligibleStyles();
  const intl = useIntl();
  return (
    <Page title={intl.formatMessage(m.title)}>
      <div className={styles.body}>
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>
            <MessageBarTitle>{intl.formatMessage(m.refused)}</MessageBarTitle>
            {message}
          </MessageBarBody>
        </MessageBar>
        <p className={styles.text}>{intl.formatMessage(m.explanation)}</p>
        {reason || requestId ? (
          <p className={styles.reference}>
            {/* Two sentences, each whole: the reason code for support, then the request's reference. */}
            {[reason ? intl.formatMessage(m.reasonCode, { reason }) : undefined, requestId ? intl.formatMessage(problemMessages.reference, { requestId }) : undefined]
              .filter((s): s is string => s !== undefined)
              .join(" ")}
          </p>
        ) : null}
      </div>
    </Page>
  );
}
