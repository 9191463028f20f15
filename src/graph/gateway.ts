/**
 * The only code that talks to Microsoft Graph. Requests go through the Graph client's middleware chain
 * (authentication → retry with Retry-After and timeouts → HTTP), paced at the documented Teams limits.
 * Implements the workers' TeamsPort.
 */
import { Client, HTTPMessageHandler, ResponseType, type Context, type Middleware } from "@microsoft/microsoft-graph-client";
import { failureFrom, GraphFailure, RetryLater } from "./errors.js";
import { Pacer, TEAMS_LIMITS, type Rate } from "./pacer.js";
import { backoffMs, DEFAULT_RETRY, NotIdempotent, parseRetryAfter, RetryMiddleware, type RetryOptions } from "./retry.js";
import type { TokenSource } from "./tokens.js";

export interface GatewayOptions {
  /** Graph root without version, e.g. https://graph.microsoft.us */
  graphRoot: string;
  /** Tenant the app-only client works in (the host tenant). */
  tenantId: string;
  tokens: TokenSource;
  retry?: Partial<RetryOptions>;
  pacer?: Pacer;
  /** How long to wait before polling a long-running operation again, in the caller's job (docs: ≥30 s). */
}

interface ChannelRef {
  id: string;
  webUrl: string | null;
  description?: string | null;
}
interface Target {
  teamId: string;
  channelId?: string;
}
interface Member {
  membershipId: string;
  objectId: string;
  owner: boolean;
}
type OpStatus = "notStarted" | "inProgress" | "succeeded" | "failed";

/** One request inside a JSON batch, with the limits it counts against (each item is throttled on its own). */
export interface BatchRequest {
  id: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Relative to the version root, e.g. `/users/{id}`. */
  url: string;
  body?: unknown;
  limits: [string, Rate][];
}

export interface BatchResponse {
  id: string;
  status: number;
  body: unknown;
}

/** Documented maximum number of requests in one `$batch`. */
export const BATCH_LIMIT = 20;
/** Documented maximum number of members in one `POST /teams/{id}/members/add`. */
export const BULK_ADD_LIMIT = 200;
const RETRY_ITEM_STATUS = new Set([429, 503, 504]);

interface RawUser {
  id: string;
  accountEnabled?: boolean;
  userType?: string;
  mail?: string | null;
  userPrincipalName: string;
  companyName?: string | null;
  department?: string | null;
  displayName?: string | null;
  jobTitle?: string | null;
}

/** One person a directory search found: a member (never a guest) of the host tenant whose account is enabled. */
export interface DirectorySearchUser {
  objectId: string;
  displayName: string;
  mail: string | null;
  userPrincipalName: string;
  jobTitle: string | null;
}

/** The properties a directory search asks for (`userType` and `accountEnabled` are not in Graph's default set). */
const USER_SEARCH_SELECT = "id,displayName,mail,userPrincipalName,jobTitle,userType,accountEnabled";
/** Graph's own limit on `$search` terms is generous; people type names and addresses, so 100 characters is plenty. */
export const USER_SEARCH_MAX = 100;
const USER_SELECT = "$select=id,accountEnabled,userType,mail,userPrincipalName,companyName,department,displayName,jobTitle";

function directoryUser(u: RawUser) {
  return {
    objectId: u.id.toLowerCase(),
    displayName: u.displayName ?? null,
    jobTitle: u.jobTitle ?? null,
    accountEnabled: u.accountEnabled !== false,
    userType: u.userType === "Guest" ? ("Guest" as const) : ("Member" as const),
    mail: u.mail ?? null,
    userPrincipalName: u.userPrincipalName,
    companyName: u.companyName ?? null,
    department: u.department ?? null,
  };
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (typeof headers !== "object" || headers === null) return undefined;
  const hit = Object.entries(headers).find(([k]) => k.toLowerCase() === name);
  return typeof hit?.[1] === "string" ? hit[1] : undefined;
}

const enc = encodeURIComponent;

/** A Retry-After header in whole seconds (rounded up), if there is one. */
function retryAfterSeconds(headers: Headers): number | undefined {
  const ms = parseRetryAfter(headers.get("retry-after"));
  return ms === undefined ? undefined : Math.ceil(ms / 1000);
}

/**
 * Adds the bearer token to requests for the configured Graph origin only (never to another host, so a
 * Location header pointing elsewhere cannot leak it). Production config only accepts an https origin.
 */
class BearerMiddleware implements Middleware {
  private next: Middleware | undefined;
  private readonly origin: string;
  constructor(graphRoot: string, private readonly token: () => Promise<string>) {
    this.origin = new URL(graphRoot).origin;
  }
  setNext(next: Middleware): void {
    this.next = next;
  }
  async execute(context: Context): Promise<void> {
    const url = typeof context.request === "string" ? context.request : context.request.url;
    if (new URL(url).origin !== this.origin) throw new GraphFailure(0, "foreignHost", false, "Guildhall refused to send its Graph token to an unexpected address.", undefined);
    const headers = new Headers((context.options?.headers as HeadersInit | undefined) ?? {});
    headers.set("Authorization", `Bearer ${await this.token()}`);
    context.options = { ...context.options, headers: Object.fromEntries(headers.entries()) };
    await this.next?.execute(context);
  }
}

export class GraphGateway {
  private readonly client: Client;
  private readonly pacer: Pacer;

  private readonly retry: RetryOptions;

  constructor(private readonly o: GatewayOptions) {
    const authHandler = new BearerMiddleware(o.graphRoot, () => o.tokens.appOnly(o.tenantId));
    this.retry = { ...DEFAULT_RETRY, ...o.retry };
    const retry = new RetryMiddleware(this.retry);
    const http = new HTTPMessageHandler();
    authHandler.setNext(retry);
    retry.setNext(http);
    this.client = Client.initWithMiddleware({
      middleware: authHandler,
      baseUrl: `${o.graphRoot}/`,
      defaultVersion: "v1.0",
    });
    this.pacer = o.pacer ?? new Pacer();
  }

  /**
   * One request: paced, retried by the middleware, mapped to GraphFailure when it still fails (RetryLater when
   * Teams asked for a longer wait than is spent in-process). `once`: a create Graph must not get twice.
   */
  private async call<T>(
    method: "GET" | "POST" | "PATCH" | "DELETE",
    path: string,
    limits: [string, Rate][],
    body?: unknown,
    once = false,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: T; headers: Headers }> {
    const answered = await this.pacer.take(...limits);
    let res: Response;
    try {
      const req = this.client.api(path).responseType(ResponseType.RAW);
      if (once) req.middlewareOptions([new NotIdempotent()]);
      if (headers) req.headers(headers);
      res = (method === "GET" ? await req.get() : method === "POST" ? await req.post(body ?? {}) : method === "PATCH" ? await req.patch(body ?? {}) : await req.delete()) as Response;
    } catch (err) {
      if (err instanceof GraphFailure) throw err;
      throw failureFrom(0, null, undefined);
    } finally {
      answered();
    }
    const text = await res.text();
    let parsed: unknown = null;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = null;
      }
    }
    if (res.status >= 400) {
      const wait = res.status === 429 || res.status === 503 ? parseRetryAfter(res.headers.get("retry-after")) : undefined;
      const failure = failureFrom(res.status, parsed, res.headers.get("request-id") ?? undefined);
      if (wait !== undefined && wait > this.retry.maxWaitMs) throw new RetryLater(res.status, failure.code, Math.ceil(wait / 1000), failure.requestId);
      throw failure;
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  private team(teamId: string): [string, Rate] {
    return [`team:${teamId}`, TEAMS_LIMITS.perTeam];
  }

  async findChannelByName(teamId: string, displayName: string): Promise<ChannelRef | undefined> {
    const filter = `displayName eq '${displayName.replace(/'/g, "''")}'`;
    const r = await this.call<{ value: { id: string; displayName: string; webUrl?: string; description?: string | null }[] }>("GET", `/teams/${enc(teamId)}/channels?$filter=${enc(filter)}`, [["get", TEAMS_LIMITS.get], this.team(teamId)]);
    const hit = r.body.value.find((c) => c.displayName.toLowerCase() === displayName.toLowerCase());
    return hit ? { id: hit.id, webUrl: hit.webUrl ?? null, description: hit.description ?? null } : undefined;
  }

  /** Teams in the tenant with this display name (`GET /teams?$filter=`: id, displayName and description only). */
  async findTeamsByName(displayName: string): Promise<{ teamId: string; description: string | null }[]> {
    const filter = `displayName eq '${displayName.replace(/'/g, "''")}'`;
    const r = await this.call<{ value: { id: string; displayName: string; description?: string | null }[] }>("GET", `/teams?$filter=${enc(filter)}`, [["get", TEAMS_LIMITS.get]]);
    return r.body.value.filter((t) => t.displayName.toLowerCase() === displayName.toLowerCase()).map((t) => ({ teamId: t.id, description: t.description ?? null }));
  }

  async createChannel(teamId: string, input: { displayName: string; description: string; membershipType: "standard" | "private"; ownerObjectIds: string[] }): Promise<ChannelRef> {
    if ([...input.displayName].length > 50) throw new GraphFailure(400, "nameTooLong", false, "Teams channel names are at most 50 characters.", undefined);
    const body: Record<string, unknown> = { displayName: input.displayName, description: input.description, membershipType: input.membershipType };
    if (input.membershipType === "private") {
      body["members"] = input.ownerObjectIds.map((id) => ({
        "@odata.type": "#microsoft.graph.aadUserConversationMember",
        "user@odata.bind": `${this.o.graphRoot}/v1.0/users('${id}')`,
        roles: ["owner"],
      }));
    }
    const r = await this.call<{ id: string; webUrl?: string }>("POST", `/teams/${enc(teamId)}/channels`, [["createChannel", TEAMS_LIMITS.createChannel], this.team(teamId)], body, true);
    return { id: r.body.id, webUrl: r.body.webUrl ?? null };
  }

  async startTeamCreation(input: { displayName: string; description: string; ownerObjectId: string }): Promise<{ teamId: string; operationUrl: string; retryAfterSeconds?: number }> {
    const body = {
      "template@odata.bind": `${this.o.graphRoot}/v1.0/teamsTemplates('standard')`,
      displayName: input.displayName,
      description: input.description,
      visibility: "private",
      members: [{ "@odata.type": "#microsoft.graph.aadUserConversationMember", roles: ["owner"], "user@odata.bind": `${this.o.graphRoot}/v1.0/users('${input.ownerObjectId}')` }],
    };
    const r = await this.call<null>("POST", "/teams", [["createTeam", TEAMS_LIMITS.createTeam]], body, true);
    const location = r.headers.get("location");
    const teamId = /teams\('([^']+)'\)/.exec(r.headers.get("content-location") ?? location ?? "")?.[1];
    if (r.status !== 202 || !location || !teamId) throw new GraphFailure(r.status, "unexpectedResponse", true, "Microsoft Teams did not confirm the new team; Guildhall will retry.", undefined);
    const wait = retryAfterSeconds(r.headers);
    return { teamId, operationUrl: location, ...(wait !== undefined ? { retryAfterSeconds: wait } : {}) };
  }

  async pollOperation(operationUrl: string): Promise<{ status: OpStatus; error?: string; retryAfterSeconds?: number }> {
    const r = await this.call<{ status: string; error?: { message?: string } | null }>("GET", operationUrl, [["get", TEAMS_LIMITS.get]]);
    const s = r.body.status;
    const status: OpStatus = s === "succeeded" || s === "failed" || s === "inProgress" ? s : "notStarted";
    const wait = retryAfterSeconds(r.headers);
    return { status, ...(r.body.error?.message ? { error: r.body.error.message } : {}), ...(wait !== undefined ? { retryAfterSeconds: wait } : {}) };
  }

  async getTeamWebUrl(teamId: string): Promise<string | null> {
    const r = await this.call<{ webUrl?: string }>("GET", `/teams/${enc(teamId)}`, [["get", TEAMS_LIMITS.get], this.team(teamId)]);
    return r.body.webUrl ?? null;
  }

  private membersPath(t: Target): string {
    return t.channelId ? `/teams/${enc(t.teamId)}/channels/${enc(t.channelId)}/members` : `/teams/${enc(t.teamId)}/members`;
  }

  async listMembers(t: Target): Promise<Member[]> {
    const out: Member[] = [];
    let path: string | undefined = this.membersPath(t);
    while (path) {
      const r: { body: { value: { id: string; userId?: string; roles?: string[] }[]; "@odata.nextLink"?: string } } = await this.call("GET", path, [["get", TEAMS_LIMITS.get], this.team(t.teamId)]);
      for (const m of r.body.value) if (m.userId) out.push({ membershipId: m.id, objectId: m.userId.toLowerCase(), owner: (m.roles ?? []).includes("owner") });
      path = r.body["@odata.nextLink"];
    }
    return out;
  }

  async addMember(t: Target, objectId: string, owner: boolean): Promise<void> {
    const resource = t.channelId ? `channel:${t.channelId}` : `team:${t.teamId}`;
    await this.call("POST", this.membersPath(t), [["addMember", TEAMS_LIMITS.addMember], [`adds:${resource}`, TEAMS_LIMITS.memberAddsPerResource], this.team(t.teamId)], {
      "@odata.type": "#microsoft.graph.aadUserConversationMember",
      roles: owner ? ["owner"] : [],
      "user@odata.bind": `${this.o.graphRoot}/v1.0/users('${objectId}')`,
    });
  }

  /** Make a member an owner or a plain member (`PATCH .../members/{membership-id}` with `roles`). */
  async setMemberRole(t: Target, membershipId: string, owner: boolean): Promise<void> {
    await this.call("PATCH", `${this.membersPath(t)}/${enc(membershipId)}`, [["other", TEAMS_LIMITS.other], this.team(t.teamId)], {
      "@odata.type": "#microsoft.graph.aadUserConversationMember",
      roles: owner ? ["owner"] : [],
    });
  }

  async removeMember(t: Target, membershipId: string): Promise<void> {
    try {
      await this.call("DELETE", `${this.membersPath(t)}/${enc(membershipId)}`, [["other", TEAMS_LIMITS.other], this.team(t.teamId)]);
    } catch (err) {
      if (err instanceof GraphFailure && err.status === 404) return; // already gone: the goal is met
      throw err;
    }
  }

  async archive(t: Target): Promise<{ operationUrl: string | null; retryAfterSeconds?: number }> {
    const path = t.channelId ? `/teams/${enc(t.teamId)}/channels/${enc(t.channelId)}/archive` : `/teams/${enc(t.teamId)}/archive`;
    const r = await this.call<null>("POST", path, [["other", TEAMS_LIMITS.other], this.team(t.teamId)], {});
    const wait = retryAfterSeconds(r.headers);
    return { operationUrl: r.headers.get("location"), ...(wait !== undefined ? { retryAfterSeconds: wait } : {}) };
  }

  /** `POST …/unarchive` of a team or a channel (team-unarchive.md, channel-unarchive.md): 202 + Location, like archive. */
  async unarchive(t: Target): Promise<{ operationUrl: string | null; retryAfterSeconds?: number }> {
    const path = t.channelId ? `/teams/${enc(t.teamId)}/channels/${enc(t.channelId)}/unarchive` : `/teams/${enc(t.teamId)}/unarchive`;
    const r = await this.call<null>("POST", path, [["other", TEAMS_LIMITS.other], this.team(t.teamId)], {});
    const wait = retryAfterSeconds(r.headers);
    return { operationUrl: r.headers.get("location"), ...(wait !== undefined ? { retryAfterSeconds: wait } : {}) };
  }

  async getUser(_tenantId: string, objectId: string) {
    try {
      const r = await this.call<RawUser>("GET", `/users/${enc(objectId)}?${USER_SELECT}`, [["get", TEAMS_LIMITS.get]]);
      return directoryUser(r.body);
    } catch (err) {
      if (err instanceof GraphFailure && err.status === 404) return undefined;
      throw err;
    }
  }

  /**
   * People in the host tenant whose display name or mail contains the words typed (`GET /users?$search=
   * "displayName:…" OR "mail:…"`, Graph's tokenised search, which needs `ConsistencyLevel: eventual` and
   * `$count=true`; without the header Graph answers 400). Guests are filtered out by Graph (`userType eq
   * 'Member'`) and again here, with disabled accounts. Application permission `User.Read.All`: see
   * src/graph/permissions.ts for why not `User.ReadBasic.All`.
   */
  async searchUsers(text: string, top = 10): Promise<DirectorySearchUser[]> {
    // A double quote ends a $search term and a backslash escapes one: neither belongs in a name or an address.
    const term = text.replace(/["\\]/g, " ").replace(/\s+/g, " ").trim().slice(0, USER_SEARCH_MAX);
    if (!term) return [];
    const query = [
      `$search=${enc(`"displayName:${term}" OR "mail:${term}"`)}`,
      `$filter=${enc("userType eq 'Member'")}`,
      `$select=${USER_SEARCH_SELECT}`,
      `$top=${Math.min(Math.max(1, top), 25)}`,
      "$count=true",
    ].join("&");
    const r = await this.call<{ value: RawUser[] }>("GET", `/users?${query}`, [["get", TEAMS_LIMITS.get]], undefined, false, { ConsistencyLevel: "eventual" });
    return (r.body?.value ?? [])
      .filter((u) => u.userType === "Member" && u.accountEnabled !== false && typeof u.id === "string")
      .map((u) => ({ objectId: u.id.toLowerCase(), displayName: u.displayName || u.userPrincipalName, mail: u.mail ?? null, userPrincipalName: u.userPrincipalName, jobTitle: u.jobTitle ?? null }));
  }

  /**
   * Many users at once, twenty to a `$batch`. The map holds every id asked for: the user, or undefined when
   * the account no longer exists (404). Any other per-item failure fails the whole call (the job retries).
   */
  async getUsers(_tenantId: string, objectIds: readonly string[]) {
    const ids = [...new Set(objectIds.map((id) => id.toLowerCase()))];
    const answers = await this.batch(ids.map((id) => ({ id, method: "GET" as const, url: `/users/${enc(id)}?${USER_SELECT}`, limits: [["get", TEAMS_LIMITS.get]] })));
    const out = new Map<string, ReturnType<typeof directoryUser> | undefined>();
    for (const id of ids) {
      const a = answers.get(id);
      if (!a) throw new GraphFailure(0, "batchItemMissing", true, "Microsoft Teams did not answer for every person; Guildhall will try again.", undefined);
      if (a.status === 404) out.set(id, undefined);
      else if (a.status >= 400) throw failureFrom(a.status, a.body, undefined);
      else out.set(id, directoryUser(a.body as RawUser));
    }
    return out;
  }

  /**
   * JSON batching: at most 20 requests per `POST /$batch`. Each item is throttled on its own and Graph does
   * not retry item 429s, so items answered 429/503/504 are sent again (alone), after the longest
   * Retry-After among them or a backoff, up to the retry budget; the rest keep their first answer.
   */
  async batch(requests: readonly BatchRequest[]): Promise<Map<string, BatchResponse>> {
    const out = new Map<string, BatchResponse>();
    const sleep = this.retry.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    for (let start = 0; start < requests.length; start += BATCH_LIMIT) {
      let pending = requests.slice(start, start + BATCH_LIMIT);
      for (let attempt = 1; pending.length > 0; attempt++) {
        const answered: (() => void)[] = [];
        for (const r of pending) answered.push(await this.pacer.take(...r.limits));
        let responses: { id: string; status: number; headers?: Record<string, string>; body?: unknown }[];
        try {
          const r = await this.call<{ responses: typeof responses }>("POST", "/$batch", [], {
            requests: pending.map((q) => ({ id: q.id, method: q.method, url: q.url, ...(q.body !== undefined ? { body: q.body, headers: { "Content-Type": "application/json" } } : {}) })),
          });
          responses = r.body.responses;
        } finally {
          for (const done of answered) done();
        }
        const again: BatchRequest[] = [];
        let waitMs = 0;
        for (const q of pending) {
          const a = responses.find((x) => x.id === q.id);
          if (a && RETRY_ITEM_STATUS.has(a.status) && attempt < this.retry.maxAttempts) {
            again.push(q);
            waitMs = Math.max(waitMs, parseRetryAfter(headerValue(a.headers, "retry-after")) ?? backoffMs(attempt, this.retry, this.retry.random));
          } else if (a) {
            out.set(q.id, { id: q.id, status: a.status, body: a.body ?? null });
          }
        }
        pending = again;
        if (pending.length > 0 && waitMs > this.retry.maxWaitMs) throw new RetryLater(429, "TooManyRequests", Math.ceil(waitMs / 1000), undefined);
        if (pending.length > 0) await sleep(waitMs);
      }
    }
    return out;
  }

  /**
   * Add people to a team in bulk (`POST /teams/{id}/members/add`, up to 200 a request): one request against
   * the per-team member-add limit instead of one per person. Returns the object ids Teams could not add,
   * with its reason (207 Multi-Status).
   */
  async addTeamMembers(teamId: string, objectIds: readonly string[]): Promise<{ objectId: string; error: string; code?: string }[]> {
    const failed: { objectId: string; error: string; code?: string }[] = [];
    for (let start = 0; start < objectIds.length; start += BULK_ADD_LIMIT) {
      const chunk = objectIds.slice(start, start + BULK_ADD_LIMIT);
      const r = await this.call<{ value?: { userId?: string; error?: { code?: string; message?: string } | string | null }[] }>(
        "POST",
        `/teams/${enc(teamId)}/members/add`,
        [["addMember", TEAMS_LIMITS.addMember], [`adds:team:${teamId}`, TEAMS_LIMITS.memberAddsPerResource], this.team(teamId)],
        {
          values: chunk.map((id) => ({ "@odata.type": "microsoft.graph.aadUserConversationMember", roles: [], "user@odata.bind": `${this.o.graphRoot}/v1.0/users('${id}')` })),
        },
      );
      for (const item of r.body?.value ?? []) {
        if (!item.error || !item.userId) continue;
        const code = typeof item.error === "string" ? undefined : item.error.code;
        failed.push({ objectId: item.userId.toLowerCase(), error: typeof item.error === "string" ? item.error : (item.error.message || item.error.code || "not added"), ...(code ? { code } : {}) });
      }
    }
    return failed;
  }

  /**
   * A notice in the person's Teams activity feed. `systemDefault` carries Guildhall's own sentence (Teams
   * shows the first 150 characters); the topic is a link back into Guildhall. The app must be installed for
   * the person, which Teams answers with 403/404 when it is not.
   */
  async sendActivityNotification(userObjectId: string, notice: { text: string; webUrl: string; topic: string }): Promise<void> {
    await this.call("POST", `/users/${enc(userObjectId)}/teamwork/sendActivityNotification`, [["activityNotification", TEAMS_LIMITS.activityNotification]], {
      topic: { source: "text", value: notice.topic.slice(0, 150), webUrl: notice.webUrl },
      activityType: "systemDefault",
      previewText: { content: notice.text.slice(0, 150) },
      templateParameters: [{ name: "systemDefaultText", value: notice.text }],
    });
  }
}
