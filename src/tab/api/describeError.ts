import { sourceFormatter, defineMessages, type Formatter } from "../../i18n/format.js";
import { ApiError, NetworkError, type FieldIssue } from "./client.js";

export interface ErrorDescription {
  message: string;
  requestId?: string;
  /** Field problems, each `message` in the person's language. */
  issues: readonly FieldIssue[];
}

const m = defineMessages({
  unreachable: {
    id: "common.error.unreachable",
    defaultMessage: "Guildhall's server could not be reached. Check your connection and try again.",
  },
  unexpected: {
    id: "common.error.unexpected",
    defaultMessage: "Something went wrong: {detail}",
    description: "An error the tab did not expect; detail is the technical message, in English",
  },
});

const source = sourceFormatter();

/**
 * What to tell the person when a call failed, in their language: the server's error names its catalog message
 * (`messageKey`, with `values`), which the tab formats; the server's own en-AU sentence is the last fallback.
 * Pass the formatter from `useIntl()`; without one the text is en-AU.
 */
export function describeError(error: unknown, intl: Formatter = source): ErrorDescription {
  if (error instanceof ApiError) {
    return {
      message: error.messageKey ? intl.formatKey(error.messageKey, error.values, error.message) : error.message,
      requestId: error.requestId,
      issues: error.issues.map((i) => ({ ...i, message: i.messageKey ? intl.formatKey(i.messageKey, i.values, i.message) : i.message })),
    };
  }
  if (error instanceof NetworkError) return { message: intl.formatMessage(m.unreachable), issues: [] };
  return { message: intl.formatMessage(m.unexpected, { detail: error instanceof Error ? error.message : String(error) }), issues: [] };
}

/** The first message for a field (`tags` also matches `tags.0`), if the server named it. */
export function issueFor(issues: readonly FieldIssue[], field: string): string | undefined {
  return issues.find((i) => i.path === field || i.path.startsWith(`${field}.`))?.message;
}
