import { ApiError, NetworkError } from "../api/client.js";
import type { Me } from "../api/types.js";

/** How this tab gets its identity: Teams SSO, the local demo picker, or neither (outside Teams in production). */
export type SessionMode = "teams" | "dev" | "standalone-entra";

export type SessionState =
  | { status: "idle" }
  | { status: "loading"; message: string }
  | { status: "choose-identity" }
  | { status: "ready"; me: Me }
  | { status: "not-eligible"; message: string; reason?: string; requestId?: string }
  | { status: "sign-in-problem"; message: string; requestId?: string }
  | { status: "open-in-teams" }
  | { status: "failed"; message: string; requestId?: string };

/** The host or the dev issuer could not produce a token. */
export class SignInError extends Error {
  override readonly name = "SignInError";
}

/** Turn whatever went wrong into the state the person should see. */
export function stateForError(error: unknown): SessionState {
  if (error instanceof ApiError) {
    if (error.isNotEligible) {
      return { status: "not-eligible", message: error.message, reason: error.reason, requestId: error.requestId };
    }
    if (error.isSignInProblem) return { status: "sign-in-problem", message: error.message, requestId: error.requestId };
    return {
      status: "failed",
      message: `Guildhall could not complete the request (${error.id}): ${error.message}`,
      requestId: error.requestId,
    };
  }
  if (error instanceof SignInError) return { status: "sign-in-problem", message: error.message };
  if (error instanceof NetworkError) {
    return { status: "failed", message: "Guildhall's server could not be reached. Check your connection and try again." };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: "failed", message: `Something went wrong: ${message}` };
}
