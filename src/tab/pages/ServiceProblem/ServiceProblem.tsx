import { Page } from "../../components/Page/Page.js";
import { ProblemPanel } from "../../components/ProblemPanel/ProblemPanel.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";

const m = defineMessages({
  title: { id: "common.serviceProblem.title", defaultMessage: "Guildhall isn't responding" },
  connection: { id: "common.serviceProblem.connection", defaultMessage: "Connection problem", description: "Title of the alert that holds what went wrong" },
});

export interface ServiceProblemProps {
  /** What went wrong, in the person's language. */
  message: string;
  requestId?: string;
  onRetry(): void;
}

/** The server could not be reached, or failed: nothing is wrong with the person's account. */
export function ServiceProblem({ message, requestId, onRetry }: ServiceProblemProps) {
  const intl = useIntl();
  return (
    <Page title={intl.formatMessage(m.title)}>
      <ProblemPanel title={intl.formatMessage(m.connection)} message={message} requestId={requestId} onRetry={onRetry} />
    </Page>
  );
}
