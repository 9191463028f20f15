import { useState } from "react";
import { describeError } from "../../api/describeError.js";
import { useIntl } from "../../i18n/intl.js";

export interface Retry {
  /** True while the action runs: the button shows it and takes no second press. */
  busy: boolean;
  /** Why the last try failed, in words for the person (their language); cleared when they try again. */
  problem: string | undefined;
  retry(): Promise<void>;
}

/** The state behind a "Retry …" button: runs `action`, busy meanwhile, and keeps the message of a failure. */
export function useRetry(action: () => Promise<void>): Retry {
  const intl = useIntl();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const retry = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      await action();
    } catch (error) {
      setProblem(describeError(error, intl).message);
    } finally {
      setBusy(false);
    }
  };
  return { busy, problem, retry };
}
