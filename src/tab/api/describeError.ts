import { ApiError, NetworkError, type FieldIssue } from "./client.js";

export interface ErrorDescription {
  message: string;
  requestId?: string;
  issues: readonly FieldIssue[];
}

/**
 * What to tell the person when a call failed. The server's message is shown as given (it is written for
 * people, e.g. the agency-only refusal); anything unexpected gets a plain fallback.
 */
export function describeError(error: unknown): ErrorDescription {
  if (error instanceof ApiError) return { message: error.message, requestId: error.requestId, issues: error.issues };
  if (error instanceof NetworkError) {
    return { message: "Guildhall's server could not be reached. Check your connection and try again.", issues: [] };
  }
  return { message: `Something went wrong: ${error instanceof Error ? error.message : String(error)}`, issues: [] };
}

/** The first message for a field (`tags` also matches `tags.0`), if the server named it. */
export function issueFor(issues: readonly FieldIssue[], field: string): string | undefined {
  return issues.find((i) => i.path === field || i.path.startsWith(`${field}.`))?.message;
}
