import { describeError } from "../../api/describeError.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import { ProblemPanel } from "../ProblemPanel/ProblemPanel.js";

const m = defineMessages({
  title: {
    id: "common.loadFailure.title",
    defaultMessage: "Couldn't load {what}",
    description: "Title of an error; what is a noun phrase already in the person's language, e.g. “the directory” or “this page”",
  },
});

export interface LoadFailureProps {
  /** What could not be loaded, as a noun phrase in the person's language (formatted by the caller), e.g. "the directory". */
  what: string;
  error: unknown;
  onRetry(): void;
}

/** Something could not be loaded: the server's message (in the person's language), its reference and a retry. */
export function LoadFailure({ what, error, onRetry }: LoadFailureProps) {
  const intl = useIntl();
  const d = describeError(error, intl);
  return <ProblemPanel title={intl.formatMessage(m.title, { what })} message={d.message} requestId={d.requestId} onRetry={onRetry} />;
}
