import { Button } from "@fluentui/react-components";
import { Page } from "../../components/Page/Page.js";
import { ProblemPanel } from "../../components/ProblemPanel/ProblemPanel.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";

const m = defineMessages({
  title: { id: "common.signInProblem.title", defaultMessage: "We couldn't sign you in" },
  lead: { id: "common.signInProblem.lead", defaultMessage: "Guildhall needs to confirm who you are before it shows anything." },
  failed: { id: "common.signInProblem.failed", defaultMessage: "Sign-in failed", description: "Title of the alert that holds the reason" },
  switchIdentity: { id: "common.signInProblem.switchIdentity", defaultMessage: "Choose another identity", description: "Button, local demo mode only" },
  advice: {
    id: "common.signInProblem.advice",
    defaultMessage:
      "Your sign-in may have expired. Try again; if it keeps happening, close and reopen Guildhall in Teams, or ask your agency's Guildhall administrator.",
  },
});

export interface SignInProblemProps {
  /** What went wrong, in the person's language. */
  message: string;
  requestId?: string;
  onRetry(): void;
  /** Local mode: go back to the identity picker. */
  onSwitchIdentity?: () => void;
}

/** 401 or a host that could not hand over a token. */
export function SignInProblem({ message, requestId, onRetry, onSwitchIdentity }: SignInProblemProps) {
  const intl = useIntl();
  return (
    <Page title={intl.formatMessage(m.title)} lead={intl.formatMessage(m.lead)}>
      <ProblemPanel
        title={intl.formatMessage(m.failed)}
        message={message}
        requestId={requestId}
        onRetry={onRetry}
        actions={onSwitchIdentity ? <Button onClick={onSwitchIdentity}>{intl.formatMessage(m.switchIdentity)}</Button> : undefined}
      >
        <p>{intl.formatMessage(m.advice)}</p>
      </ProblemPanel>
    </Page>
  );
}
