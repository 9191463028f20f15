/** Graph failures in words a person understands, with whether trying again can help. */
export class GraphFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly retryable: boolean,
    readonly userMessage: string,
    readonly requestId: string | undefined,
    /** Why Graph refused (403), where it can be told: see {@link forbiddenReason}. */
    readonly refusal?: "permission" | "appNotInstalled",
  ) {
    super(`Graph ${status} ${code}`);
    this.name = "GraphFailure";
  }
}

/**
 * Why Graph answered 403. Graph gives both refusals the same status and, for Teams calls, the same top-level code
 * (`Forbidden`), so its documented codes and messages are read together:
 * - an authorization failure: Entra's `Authorization_RequestDenied` / the documented `accessDenied` code, or the
 *   Teams message "Missing role permissions on the request. API requires one of '…'" (a scope, for delegated);
 * - the Teams app is not installed for the recipient of an activity-feed notice: "… is not authorized to generate
 *   custom text notifications … Ensure that the expected Teams app is installed in the target scope".
 * Anything else is left unclassified (for example a conditional-access refusal).
 */
export function forbiddenReason(code: string, message: string): { refusal: "permission"; needs: string | null } | { refusal: "appNotInstalled" } | undefined {
  if (/expected Teams app is installed|not authorized to generate (custom text )?notifications/i.test(message)) return { refusal: "appNotInstalled" };
  const needs = /API requires one of '([^']*)'/.exec(message)?.[1] ?? null;
  if (code === "Authorization_RequestDenied" || code === "accessDenied" || /^Missing (role|scope) permissions/i.test(message)) return { refusal: "permission", needs };
  return undefined;
}

/** Map a Graph response (status + error body) to a GraphFailure. */
export function failureFrom(status: number, body: unknown, requestId: string | undefined): GraphFailure {
  const err = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = typeof err?.code === "string" ? err.code : `http_${status}`;
  const graphMessage = typeof err?.message === "string" ? err.message : "";
  const retryable = status === 429 || status === 412 || status >= 500 || status === 0;
  if (status === 403) {
    const why = forbiddenReason(code, graphMessage);
    if (why?.refusal === "appNotInstalled") {
      return new GraphFailure(status, code, false, "Guildhall's Teams app is not installed for this person, so Teams does not accept notices for them; the notice is on their Notices page in Guildhall.", requestId, "appNotInstalled");
    }
    if (why?.refusal === "permission") {
      const needs = why.needs ? ` (Graph needs one of: ${why.needs})` : "";
      return new GraphFailure(status, code, false, `Guildhall's app registration lacks a Microsoft Graph permission this step needs${needs}, or admin consent was not granted.`, requestId, "permission");
    }
    return new GraphFailure(status, code, false, `Microsoft Teams refused this (403 ${code}); Guildhall's app registration may lack a Microsoft Graph permission or admin consent.`, requestId);
  }
  let message: string;
  if (status === 0) message = "Microsoft Teams did not answer in time; Guildhall will try again.";
  else if (status === 429 || status === 503) message = "Microsoft Teams is busy; Guildhall will retry.";
  else if (status >= 500) message = "Microsoft Teams had a problem; Guildhall will retry.";
  else if (status === 401) message = "Guildhall could not sign in to Microsoft 365: check the app registration's secret or certificate.";
  else if (status === 404) message = "The team or channel no longer exists in Microsoft Teams.";
  else if (status === 409) message = "Microsoft Teams already has a channel or team with this name.";
  else if (status === 400) message = `Microsoft Teams refused the request${graphMessage ? `: ${graphMessage}` : "."}`;
  else message = `Microsoft Teams answered ${status}.`;
  return new GraphFailure(status, code, retryable, message, requestId);
}

/**
 * Teams asked (Retry-After) to wait longer than Guildhall waits inside one request. The job is re-queued to
 * start no sooner than `retryAfterSeconds` (see TeamsFailure.retryAfterSeconds) instead of retrying early.
 */
export class RetryLater extends GraphFailure {
  constructor(status: number, code: string, readonly retryAfterSeconds: number, requestId: string | undefined) {
    super(status, code, true, `Microsoft Teams is busy and asked Guildhall to wait ${retryAfterSeconds} s; it will try again then.`, requestId);
    this.name = "RetryLater";
  }
}
