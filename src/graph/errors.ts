/** Graph failures in words a person understands, with whether trying again can help. */
export class GraphFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly retryable: boolean,
    readonly userMessage: string,
    readonly requestId: string | undefined,
  ) {
    super(`Graph ${status} ${code}`);
    this.name = "GraphFailure";
  }
}

/** Map a Graph response (status + error body) to a GraphFailure. */
export function failureFrom(status: number, body: unknown, requestId: string | undefined): GraphFailure {
  const err = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = typeof err?.code === "string" ? err.code : `http_${status}`;
  const retryable = status === 429 || status === 412 || status >= 500 || status === 0;
  let message: string;
  if (status === 0) message = "Microsoft Teams did not answer in time; Guildhall will try again.";
  else if (status === 429 || status === 503) message = "Microsoft Teams is busy; Guildhall will retry.";
  else if (status >= 500) message = "Microsoft Teams had a problem; Guildhall will retry.";
  else if (status === 401) message = "Guildhall could not sign in to Microsoft 365: check the app registration's secret or certificate.";
  else if (status === 403) message = "Guildhall's app registration lacks a Microsoft Graph permission this step needs (or admin consent was not granted).";
  else if (status === 404) message = "The team or channel no longer exists in Microsoft Teams.";
  else if (status === 409) message = "Microsoft Teams already has a channel or team with this name.";
  else if (status === 400) message = `Microsoft Teams refused the request${typeof err?.message === "string" ? `: ${err.message}` : "."}`;
  else message = `Microsoft Teams answered ${status}.`;
  return new GraphFailure(status, code, retryable, message, requestId);
}
