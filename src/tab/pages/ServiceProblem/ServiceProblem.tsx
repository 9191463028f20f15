import { Page } from "../../components/Page/Page.js";
import { ProblemPanel } from "../../components/ProblemPanel/ProblemPanel.js";

export interface ServiceProblemProps {
  message: string;
  requestId?: string;
  onRetry(): void;
}

/** The server could not be reached, or failed: nothing is wrong with the person's account. */
export function ServiceProblem({ message, requestId, onRetry }: ServiceProblemProps) {
  return (
    <Page title="Guildhall isn't responding">
      <ProblemPanel title="Connection problem" message={message} requestId={requestId} onRetry={onRetry} />
    </Page>
  );
}
