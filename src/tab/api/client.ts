/**
 * The tab's only door to the server: JSON over fetch, a bearer token on authenticated calls, and errors
 * turned into two typed classes so pages can decide what to show without parsing responses themselves.
 */
import type {
  CommunityActionBodies,
  CommunityActionPath,
  CommunityActionResult,
  CommunityDetail,
  CommunityList,
  CommunityQuery,
  DirectorySearch,
  Items,
  NoticePage,
  NoticesRead,
  PersonProfile,
  PersonSearchResult,
  ProposalList,
  ProfileInput,
  ProposalInput,
  SimilarPerson,
} from "./communityTypes.js";
import type { Agency, AgencyInput, AgencyRegister, ClientConfig, DevIdentitiesResponse, DevTokenResponse, ErrorBody, Me } from "./types.js";

/** One field's problem in a 400 answer; `path` is the field name, dotted for nested values (`tags.0`). */
/** Arguments of a server message, for the tab to format it in the person's language. */
export type MessageValues = Record<string, string | number>;

export interface FieldIssue {
  path: string;
  /** The server's sentence, in en-AU (the last fallback). */
  message: string;
  /** The catalog message the sentence is made from, and its arguments: the tab shows it in the person's language. */
  messageKey?: string;
  values?: MessageValues;
}

/** The server answered with an error envelope (or at least an error status). */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    /** Stable error id from the server, e.g. `eligibility.denied`; `http.<status>` when there was no envelope. */
    readonly id: string,
    message: string,
    readonly requestId?: string,
    /** Machine reason on refusals, e.g. `tenant_not_allowed` or `agency_only`. */
    readonly reason?: string,
    /** Field-level problems on a 400. */
    readonly issues: readonly FieldIssue[] = [],
    /** The catalog message of `message` and its arguments (describeError shows it in the person's language). */
    readonly messageKey?: string,
    readonly values?: MessageValues,
  ) {
    super(message);
  }

  /** 401: the token was missing, expired or not accepted. */
  get isSignInProblem(): boolean {
    return this.status === 401;
  }

  /** 403 `eligibility.denied`: signed in, but not a verified public servant. */
  get isNotEligible(): boolean {
    return this.status === 403 && this.id === "eligibility.denied";
  }

  /** 404: nothing there, or nothing this person may know about (the server answers the same for both). */
  get isNotFound(): boolean {
    return this.status === 404;
  }
}

/** The server could not be reached at all (offline, DNS, refused connection, timeout). */
export class NetworkError extends Error {
  override readonly name = "NetworkError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Returns a bearer token for the current person; rejects when none can be had. */
export type TokenProvider = () => Promise<string>;
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  /** Defaults to the browser's fetch. Tests pass a stub: this is the browser boundary. */
  fetch?: FetchLike;
  /** Defaults to "" (same origin as the tab). */
  baseUrl?: string;
  /** Needed for authenticated calls such as `me()`. */
  getToken?: TokenProvider;
  timeoutMs?: number;
}

export interface ApiClient {
  clientConfig(): Promise<ClientConfig>;
  devIdentities(): Promise<DevIdentitiesResponse>;
  devToken(key: string): Promise<DevTokenResponse>;
  me(): Promise<Me>;
  communities(query?: CommunityQuery): Promise<CommunityList>;
  community(id: string): Promise<CommunityDetail>;
  /** Platform owners: the approvals queue, oldest first. */
  proposals(query?: { limit?: number; offset?: number }): Promise<ProposalList>;
  proposeCommunity(input: ProposalInput): Promise<CommunityDetail>;
  communityAction<P extends CommunityActionPath>(id: string, action: P, body: CommunityActionBodies[P]): Promise<CommunityActionResult>;
  decideJoinRequest(id: string, requestId: string, body: { decision: "approve" | "decline"; reason: string }): Promise<CommunityDetail>;
  searchPeople(q: string): Promise<Items<PersonSearchResult>>;
  /** Host-tenant people not yet in Guildhall, for a community's invite box (Graph; not connected in local mode). */
  searchDirectory(communityId: string, q: string): Promise<DirectorySearch>;
  similarPeople(): Promise<Items<SimilarPerson>>;
  person(id: string): Promise<PersonProfile>;
  updateProfile(input: ProfileInput): Promise<PersonProfile>;
  agencies(): Promise<AgencyRegister>;
  registerAgency(input: AgencyInput): Promise<Agency & { matchedPeople: number }>;
  updateAgency(id: string, input: AgencyInput): Promise<Agency & { matchedPeople: number }>;
  notifications(page?: { before?: string; limit?: number }): Promise<NoticePage>;
  /** How many of my notices are unread (the navigation's badge). */
  unreadNotices(): Promise<{ unread: number }>;
  markNoticesRead(ids: readonly string[]): Promise<NoticesRead>;
  /** Mark all read up to `upTo`, the newest notice shown (one that arrived meanwhile stays unread). */
  markAllNoticesRead(upTo?: string): Promise<NoticesRead>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function messageValues(value: unknown): MessageValues | undefined {
  if (!isRecord(value)) return undefined;
  const entries = Object.entries(value).filter((e): e is [string, string | number] => typeof e[1] === "string" || typeof e[1] === "number");
  return Object.fromEntries(entries);
}

/** `messageKey` and `values` when the server sent them. */
function localisable(value: Record<string, unknown>): { messageKey?: string; values?: MessageValues } {
  const messageKey = optionalString(value["messageKey"]);
  const values = messageValues(value["values"]);
  return { ...(messageKey ? { messageKey } : {}), ...(values ? { values } : {}) };
}

function fieldIssues(value: unknown): FieldIssue[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((i: unknown) =>
    isRecord(i) && typeof i["path"] === "string" && typeof i["message"] === "string" ? [{ path: i["path"], message: i["message"], ...localisable(i) }] : [],
  );
}

/** `?q=…&mine=true`, leaving out empty filters. */
export function communityQueryString(query: CommunityQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === "" || value === false) continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

const seg = (id: string) => encodeURIComponent(id);

/** Read the server's `{ error: { id, message, requestId, reason } }` envelope, tolerating anything else. */
async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined; // not JSON (a proxy's HTML page, an empty body): fall back to the status
  }
  const envelope: (ErrorBody["error"] & { issues: FieldIssue[]; messageKey?: string; values?: MessageValues }) | undefined =
    isRecord(body) && isRecord(body["error"]) && typeof body["error"]["id"] === "string"
      ? {
          id: body["error"]["id"],
          message: optionalString(body["error"]["message"]) ?? `Request failed (${res.status})`,
          requestId: optionalString(body["error"]["requestId"]),
          reason: optionalString(body["error"]["reason"]),
          issues: fieldIssues(body["error"]["issues"]),
          ...localisable(body["error"]),
        }
      : undefined;
  const requestId = envelope?.requestId ?? res.headers.get("x-request-id") ?? undefined;
  return new ApiError(
    res.status,
    envelope?.id ?? `http.${res.status}`,
    envelope?.message ?? `Request failed (${res.status} ${res.statusText})`.trim(),
    requestId,
    envelope?.reason,
    envelope?.issues,
    envelope?.messageKey,
    envelope?.values,
  );
}

/** Create a client. Each call either resolves with the typed body or rejects with ApiError / NetworkError. */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const baseUrl = options.baseUrl ?? "";
  const timeoutMs = options.timeoutMs ?? 20_000;

  async function request<T>(method: "GET" | "POST" | "PUT", path: string, init: { body?: unknown; auth?: boolean } = {}): Promise<T> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (init.body !== undefined) headers["content-type"] = "application/json";
    if (init.auth) {
      if (!options.getToken) throw new Error(`${path} needs a token provider`);
      headers["authorization"] = `Bearer ${await options.getToken()}`;
    }
    let res: Response;
    try {
      res = await doFetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: AbortSignal.timeout(timeoutMs),
        credentials: "omit",
      });
    } catch (cause) {
      throw new NetworkError("Guildhall's server could not be reached.", { cause });
    }
    if (!res.ok) throw await toApiError(res);
    // The server is the contract's owner; its presenters produce exactly these shapes.
    return (await res.json()) as T;
  }

  return {
    clientConfig: () => request<ClientConfig>("GET", "/api/v1/client-config"),
    devIdentities: () => request<DevIdentitiesResponse>("GET", "/api/dev/identities"),
    devToken: (key) => request<DevTokenResponse>("POST", "/api/dev/token", { body: { key } }),
    me: () => request<Me>("GET", "/api/v1/me", { auth: true }),
    communities: (query = {}) => request<CommunityList>("GET", `/api/v1/communities${communityQueryString(query)}`, { auth: true }),
    community: (id) => request<CommunityDetail>("GET", `/api/v1/communities/${seg(id)}`, { auth: true }),
    proposals: ({ limit = 100, offset = 0 } = {}) =>
      request<ProposalList>("GET", `/api/v1/proposals?${new URLSearchParams({ limit: String(limit), offset: String(offset) }).toString()}`, { auth: true }),
    proposeCommunity: (input) => request<CommunityDetail>("POST", "/api/v1/communities", { body: input, auth: true }),
    communityAction: (id, action, body) =>
      request<CommunityActionResult>("POST", `/api/v1/communities/${seg(id)}/${action}`, { body, auth: true }),
    decideJoinRequest: (id, requestId, body) =>
      request<CommunityDetail>("POST", `/api/v1/communities/${seg(id)}/requests/${seg(requestId)}/decision`, { body, auth: true }),
    searchPeople: (q) => request<Items<PersonSearchResult>>("GET", `/api/v1/people?${new URLSearchParams({ q }).toString()}`, { auth: true }),
    searchDirectory: (communityId, q) =>
      request<DirectorySearch>("GET", `/api/v1/communities/${seg(communityId)}/invitees?${new URLSearchParams({ q }).toString()}`, { auth: true }),
    similarPeople: () => request<Items<SimilarPerson>>("GET", "/api/v1/people/similar", { auth: true }),
    person: (id) => request<PersonProfile>("GET", `/api/v1/people/${seg(id)}`, { auth: true }),
    updateProfile: (input) => request<PersonProfile>("POST", "/api/v1/me/profile", { body: input, auth: true }),
    agencies: () => request<AgencyRegister>("GET", "/api/v1/agencies", { auth: true }),
    registerAgency: (input) => request<Agency & { matchedPeople: number }>("POST", "/api/v1/agencies", { body: input, auth: true }),
    updateAgency: (id, input) => request<Agency & { matchedPeople: number }>("PUT", `/api/v1/agencies/${seg(id)}`, { body: input, auth: true }),
    notifications: (page = {}) => {
      const q = new URLSearchParams(Object.entries(page).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]]))).toString();
      return request<NoticePage>("GET", `/api/v1/notifications${q ? `?${q}` : ""}`, { auth: true });
    },
    unreadNotices: () => request<{ unread: number }>("GET", "/api/v1/notifications/unread", { auth: true }),
    markNoticesRead: (ids) => request<NoticesRead>("POST", "/api/v1/notifications/read", { body: { ids }, auth: true }),
    markAllNoticesRead: (upTo) => request<NoticesRead>("POST", "/api/v1/notifications/read-all", { body: upTo ? { upTo } : {}, auth: true }),
  };
}
