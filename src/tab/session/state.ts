import { ApiError } from "../api/client.js";
import { describeError } from "../api/describeError.js";
import type { Me } from "../api/types.js";
import { sourceFormatter, defineMessages, type Formatter, type MessageDescriptor, type MessageValues } from "../../i18n/format.js";

/** How this tab gets its identity: Teams SSO, the local demo picker, or neither (outside Teams in production). */
export type SessionMode = "teams" | "dev" | "standalone-entra";

/**
 * Where sign-in stands. Problems keep the error itself, so the page that shows it says it in the person's
 * language (`describeSessionError`), including the server's own reasons (its message keys).
 */
export type SessionState =
  | { status: "idle" }
  | { status: "loading"; step: "connecting" | "checking" }
  | { status: "choose-identity" }
  | { status: "ready"; me: Me }
  | { status: "not-eligible"; error: unknown; reason?: string; requestId?: string }
  | { status: "sign-in-problem"; error: unknown; requestId?: string }
  | { status: "open-in-teams" }
  | { status: "failed"; error: unknown; requestId?: string };

export const sessionMessages = defineMessages({
  starting: { id: "common.session.starting", defaultMessage: "Starting Guildhall…", description: "Spinner label before sign-in begins" },
  connecting: { id: "common.session.connecting", defaultMessage: "Connecting to Guildhall…", description: "Spinner label and announcement while the tab reaches the server" },
  checking: { id: "common.session.checking", defaultMessage: "Checking who you are…", description: "Spinner label and announcement while the server checks the person's sign-in" },
  noHostToken: { id: "common.session.noHostToken", defaultMessage: "This host cannot provide a sign-in token." },
  teamsSignInFailed: {
    id: "common.session.teamsSignInFailed",
    defaultMessage: "Microsoft Teams could not sign you in to Guildhall ({detail}).",
    description: "detail is Teams' own technical message, usually in English",
  },
  demoSignInFailed: {
    id: "common.session.demoSignInFailed",
    defaultMessage: "The demo identity could not be signed in: {detail}",
    description: "Local demo mode only; detail is a technical message in English",
  },
  requestFailed: {
    id: "common.session.requestFailed",
    defaultMessage: "Guildhall could not complete the request ({errorId}): {message}",
    description: "errorId is the server's error code (e.g. internal); message is the server's explanation, already in the person's language",
  },
});

const source = sourceFormatter();

/** The host or the dev issuer could not produce a token. Its text is a message, formatted where it is shown. */
export class SignInError extends Error {
  override readonly name = "SignInError";
  constructor(
    readonly descriptor: MessageDescriptor,
    readonly values: MessageValues = {},
  ) {
    super(source.formatMessage(descriptor, values));
  }
}

/** Turn whatever went wrong into the state the person should see. */
export function stateForError(error: unknown): SessionState {
  if (error instanceof ApiError) {
    if (error.isNotEligible) return { status: "not-eligible", error, reason: error.reason, requestId: error.requestId };
    if (error.isSignInProblem) return { status: "sign-in-problem", error, requestId: error.requestId };
    return { status: "failed", error, requestId: error.requestId };
  }
  if (error instanceof SignInError) return { status: "sign-in-problem", error };
  return { status: "failed", error };
}

/** What a sign-in problem's error says, in the person's language (the server's message keys included). */
export function describeSessionError(error: unknown, intl: Formatter): string {
  if (error instanceof SignInError) return intl.formatMessage(error.descriptor, error.values);
  if (error instanceof ApiError && !error.isNotEligible && !error.isSignInProblem) {
    return intl.formatMessage(sessionMessages.requestFailed, { errorId: error.id, message: describeError(error, intl).message });
  }
  // Refusals carry the server's message key; a NetworkError or the unexpected get describeError's own words.
  return describeError(error, intl).message;
}
