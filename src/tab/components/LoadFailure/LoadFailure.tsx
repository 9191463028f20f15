import { describeError } from "../../api/describeError.js";
import { ProblemPanel } from "../ProblemPanel/ProblemPanel.js";

export interface LoadFailureProps {
  /** What could not be loaded, e.g. "the directory". */
  what: string;
  error: unknown;
  onRetry(): void;
}

/** Something could not be loaded: the server's message, its reference and a retry. */
export function LoadFailure({ what, error, onRetry }: LoadFailureProps) {
  const d = describeError(error);
  return <ProblemPanel title={`Couldn't load ${what}`} message={d.message} requestId={d.requestId} onRetry={onRetry} />;
}
