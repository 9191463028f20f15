import { Button } from "@fluentui/react-components";
import { Page } from "../../components/Page/Page.js";
import { ProblemPanel } from "../../components/ProblemPanel/ProblemPanel.js";

export interface SignInProblemProps {
  message: string;
  requestId?: string;
  onRetry(): void;
  /** Local mode: go back to the identity picker. */
  onSwitchIdentity?: () => void;
}

/** 401 or a host that could not hand over a token. */
export function SignInProblem({ message, requestId, onRetry, onSwitchIdentity }: SignInProblemProps) {
  return (
    <Page title="We couldn't sign you in" lead="Guildhall needs to confirm who you are before it shows anything.">
      <ProblemPanel
        title="Sign-in failed"
        message={message}
        requestId={requestId}
        onRetry={onRetry}
        actions={onSwitchIdentity ? <Button onClick={onSwitchIdentity}>Choose another identity</Button> : undefined}
      >
        <p>
          Your sign-in may have expired. Try again; if it keeps happening, close and reopen Guildhall in Teams, or
          ask your agency&apos;s Guildhall administrator.
        </p>
      </ProblemPanel>
    </Page>
  );
}
