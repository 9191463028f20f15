/**
 * A local stand-in for the Microsoft Graph calls Guildhall makes, following ../shared/graph-contract
 * (shapes, status codes, 202 + Location for team creation and archive) and the throttling limits in
 * teams-platform.md (429 + Retry-After, Graph error body). Faults can be injected per route. Test code only.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JSONWebKeySet } from "jose";
import { manifestApplicationPermissions, permissionRule } from "./permissions.js";

export interface StandInUser {
  id: string;
  userPrincipalName: string;
  mail: string | null;
  accountEnabled: boolean;
  userType: "Member" | "Guest";
  companyName: string | null;
  department: string | null;
  displayName: string;
  jobTitle: string | null;
}
interface MemberRow {
  id: string;
  userId: string;
  roles: string[];
}
interface Channel {
  id: string;
  displayName: string;
  description: string;
  membershipType: "standard" | "private";
  members: MemberRow[];
  archived: boolean;
}
interface Team {
  id: string;
  displayName: string;
  description: string;
  createdAt: number;
  members: MemberRow[];
  channels: Channel[];
  archived: boolean;
}
/** teamsAsyncOperationType for each kind of operation (teams-async-operation.json). */
const OPERATION_TYPES = { create: "createTeam", archive: "archiveTeam", archiveChannel: "archiveChannel", unarchive: "unarchiveTeam", unarchiveChannel: "unarchiveChannel" } as const;
interface Operation {
  id: string;
  teamId: string;
  kind: "create" | "archive" | "archiveChannel" | "unarchive" | "unarchiveChannel";
  startedAt: number;
  fail: boolean;
  /** The channel an archiveChannel (or unarchiveChannel) operation archives (or restores). */
  channelId?: string;
}
/**
 * `afterSuccess`: Graph carries the request out, then answers this status anyway (a 504 from the gateway in
 * front of a create that went through), so the caller cannot tell whether it happened.
 */
export type Fault = { status: number; retryAfter?: number; afterSuccess?: boolean } | { hangMs: number };
export interface CallRecord {
  method: string;
  path: string;
  status: number;
  at: number;
  /** An item inside a `$batch` (the batch itself is recorded too, as POST /$batch). */
  batched?: boolean;
}

export interface StandInOptions {
  /** Multiplies every time window (1 = real time; 0.01 turns "4 per minute" into "4 per 0.6 s"). */
  timeScale?: number;
  /** How long a new team answers 404 (documented replication delay), in ms (not scaled). */
  replicationDelayMs?: number;
  /** How long team creation takes before the operation succeeds. */
  teamCreationMs?: number;
  /** The Retry-After (seconds) on a 202 for an async operation and on its unfinished status (default 30, as documented). */
  asyncRetryAfterSeconds?: number;
  /**
   * Verify bearer tokens as Graph does: signed by this issuer's keys, `aud` naming this stand-in, an app-only
   * token from the host tenant. Without it the stand-in is its own issuer: `appToken()` mints the tokens it
   * accepts. Either way each call needs a documented application permission in the token's `roles`.
   */
  trust?: { jwks: JSONWebKeySet; issuer: string; tenantId: string };
}

/** The tenant a self-issuing stand-in's tokens come from (the demo host tenant, Finance). */
export const HOST_TENANT = "7f1c2a4e-0b8d-4c1e-9a51-3d2f6b8e1a01";

const LIMITS: Record<string, { count: number; perMs: number }> = {
  createTeam: { count: 10, perMs: 1000 },
  createChannel: { count: 30, perMs: 1000 },
  addMember: { count: 30, perMs: 1000 },
  memberAddsPerResource: { count: 4, perMs: 60_000 },
  perTeam: { count: 4, perMs: 1000 },
  get: { count: 30, perMs: 1000 },
  other: { count: 30, perMs: 1000 },
  activityNotification: { count: 5, perMs: 1000 },
};

/** What `GET /users` returns without `$select` (user-list.md); `userType` and `accountEnabled` are not in it. */
const DEFAULT_USER_PROPS = ["businessPhones", "displayName", "givenName", "id", "jobTitle", "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName"];
const SEARCHABLE = new Set(["displayName", "mail", "userPrincipalName", "givenName", "surname", "jobTitle"]);

/** The words of a property value, as directory search tokenises it. */
const words = (v: unknown) => (typeof v === "string" ? v.toLowerCase().split(/[\s.@_\-,]+/).filter(Boolean) : []);

/** `"displayName:wa" OR "mail:wa"`: each clause matches when every word typed starts a word of the property. */
function searchMatcher(search: string): ((u: StandInUser) => boolean) | undefined {
  const parts = search.trim().split(/\s+(OR|AND)\s+(?=")/);
  const clauses: ((u: StandInUser) => boolean)[] = [];
  const ops: string[] = [];
  for (const [i, part] of parts.entries()) {
    if (i % 2 === 1) {
      ops.push(part);
      continue;
    }
    const m = /^"([A-Za-z]+):([^"]*)"$/.exec(part);
    if (!m || !SEARCHABLE.has(m[1]!)) return undefined;
    const prop = m[1]!;
    const typed = words(m[2]);
    if (typed.length === 0) return undefined;
    clauses.push((u) => {
      const have = words((u as unknown as Record<string, unknown>)[prop]);
      return typed.every((t) => have.some((w) => w.startsWith(t)));
    });
  }
  if (clauses.length === 0) return undefined;
  return (u) => ops.reduce((acc, op, i) => (op === "OR" ? acc || clauses[i + 1]!(u) : acc && clauses[i + 1]!(u)), clauses[0]!(u));
}

/** `userType eq 'Member'`, `accountEnabled eq true`, `startswith(displayName,'a')`, joined by `and` or `or`. */
function filterMatcher(filter: string): ((u: StandInUser) => boolean) | undefined {
  const parts = filter.trim().split(/\s+(and|or)\s+/i);
  const clauses: ((u: StandInUser) => boolean)[] = [];
  const ops: string[] = [];
  for (const [i, part] of parts.entries()) {
    if (i % 2 === 1) {
      ops.push(part.toLowerCase());
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = /^userType eq '(Member|Guest)'$/.exec(part))) {
      const t = m[1];
      clauses.push((u) => u.userType === t);
    } else if ((m = /^accountEnabled eq (true|false)$/.exec(part))) {
      const e = m[1] === "true";
      clauses.push((u) => u.accountEnabled === e);
    } else if ((m = /^startswith\((displayName|mail|userPrincipalName|givenName|surname),\s*'((?:[^']|'')*)'\)$/i.exec(part))) {
      const prop = m[1]!;
      const prefix = m[2]!.replace(/''/g, "'").toLowerCase();
      clauses.push((u) => String((u as unknown as Record<string, unknown>)[prop] ?? "").toLowerCase().startsWith(prefix));
    } else return undefined;
  }
  return (u) => ops.reduce((acc, op, i) => (op === "or" ? acc || clauses[i + 1]!(u) : acc && clauses[i + 1]!(u)), clauses[0]!(u));
}

function graphError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}) {
  const rid = randomUUID();
  res.writeHead(status, { "content-type": "application/json", "request-id": rid, ...headers });
  res.end(JSON.stringify({ error: { code, message, innerError: { date: new Date().toISOString(), "request-id": rid, "client-request-id": rid } } }));
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(body === null ? "" : JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  let data = "";
  for await (const chunk of req) data += chunk;
  if (!data) return {};
  return JSON.parse(data) as Record<string, unknown>;
}


/** Collects what a route writes, for one item of a JSON batch. */
class CapturedResponse {
  statusCode = 200;
  headers: Record<string, string> = {};
  body = "";
  writeHead(status: number, headers: Record<string, string> = {}): this {
    this.statusCode = status;
    Object.assign(this.headers, headers);
    return this;
  }
  end(chunk?: unknown): this {
    if (typeof chunk === "string") this.body = chunk;
    return this;
  }
  asServerResponse(): ServerResponse {
    return this as unknown as ServerResponse;
  }
}

export class GraphStandIn {
  readonly users = new Map<string, StandInUser>();
  readonly teams = new Map<string, Team>();
  readonly operations = new Map<string, Operation>();
  readonly calls: CallRecord[] = [];
  /** Activity-feed notifications received, by recipient object id. */
  readonly activity: { userId: string; body: Record<string, unknown> }[] = [];
  /** People for whom Guildhall's Teams app is not installed (Teams refuses to notify them). */
  readonly appNotInstalled = new Set<string>();
  /** The Entra app id the stand-in names in its refusals. */
  readonly appId = "0e6f3d4a-1b2c-4d5e-8f90-a1b2c3d4e5f6";
  private readonly faults: { pattern: RegExp; queue: Fault[] }[] = [];
  private readonly reservedNames = new Map<string, string[]>();
  private readonly windows = new Map<string, number[]>();
  private readonly scale: number;
  private readonly replicationDelayMs: number;
  private readonly teamCreationMs: number;
  private readonly asyncRetryAfter: string;
  private trust: StandInOptions["trust"];
  private signingKey: CryptoKey | undefined;
  private readonly tokenCache = new Map<string, string>();
  private server = createServer((req, res) => void this.handle(req, res).catch((err: unknown) => graphError(res, 500, "InternalServerError", String(err))));
  url = "";

  constructor(o: StandInOptions = {}) {
    this.scale = o.timeScale ?? 1;
    this.replicationDelayMs = o.replicationDelayMs ?? 0;
    this.teamCreationMs = o.teamCreationMs ?? 0;
    this.asyncRetryAfter = String(o.asyncRetryAfterSeconds ?? 30);
    this.trust = o.trust;
  }

  /** The token's application permissions, or Graph's reason (401 InvalidAuthenticationToken) for refusing it. */
  private async verifyToken(authorization: string | undefined): Promise<{ roles: string[] } | { problem: string }> {
    const token = /^Bearer (\S+)$/.exec(authorization ?? "")?.[1];
    if (!token) return { problem: "Access token is empty." };
    const trust = this.trust;
    if (!trust) return { problem: "The stand-in was not started." };
    try {
      const { payload } = await jwtVerify(token, createLocalJWKSet(trust.jwks), { audience: this.url, issuer: trust.issuer, algorithms: ["RS256"] });
      if (payload["tid"] !== trust.tenantId) return { problem: "Access token is from another tenant." };
      const roles = payload["roles"];
      return { roles: Array.isArray(roles) ? roles.filter((r): r is string => typeof r === "string") : [] };
    } catch (err) {
      return { problem: `Access token validation failure: ${(err as Error).message}` };
    }
  }

  /**
   * Graph's 403 for a call whose documented application permissions are all missing from the token, or
   * undefined when one is there. Directory calls answer as Entra does; Teams calls name what they need.
   */
  private permissionProblem(method: string, path: string, roles: readonly string[], res: ServerResponse): boolean {
    const rule = permissionRule(method, path);
    if (!rule || rule.application.some((p) => roles.includes(p))) return false;
    if ((path === "/users" || path.startsWith("/users/")) && method === "GET") graphError(res, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
    else graphError(res, 403, "Forbidden", `Missing role permissions on the request. API requires one of '${rule.application.join(", ")}'. Roles on the request '${roles.join(", ")}'.`);
    return true;
  }

  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    if (!this.trust) {
      const { privateKey, publicKey } = await generateKeyPair("RS256");
      this.signingKey = privateKey;
      this.trust = { jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: "graph-standin", alg: "RS256", use: "sig" }] }, issuer: "https://login.standin/graph-standin/v2.0", tenantId: HOST_TENANT };
    }
    return this.url;
  }

  /**
   * An app-only access token for this stand-in (when it is its own issuer), carrying `roles`: by default
   * exactly the application permissions infra/entra/aad.manifest.json declares, as admin consent grants them.
   */
  async appToken(roles: readonly string[] = manifestApplicationPermissions()): Promise<string> {
    if (!this.signingKey || !this.trust) throw new Error("appToken() needs a started stand-in without `trust`");
    const key = roles.join(" ");
    let token = this.tokenCache.get(key);
    if (!token) {
      token = await new SignJWT({ aud: this.url, iss: this.trust.issuer, tid: this.trust.tenantId, idtyp: "app", roles: [...roles] })
        .setProtectedHeader({ alg: "RS256", kid: "graph-standin", typ: "JWT" })
        .setIssuedAt()
        .setExpirationTime("2h")
        .sign(this.signingKey);
      this.tokenCache.set(key, token);
    }
    return token;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  /** The user a `users('id-or-upn')` bind names: by object id, or by user principal name as Graph allows. */
  private userIdOf(bind: unknown): string | undefined {
    const key = /users\('([^']+)'\)/.exec(String(bind))?.[1]?.toLowerCase();
    if (!key) return undefined;
    if (!key.includes("@")) return key;
    return [...this.users.values()].find((u) => u.userPrincipalName.toLowerCase() === key)?.id;
  }

  addUser(u: Partial<StandInUser> & { id: string; userPrincipalName: string }): void {
    this.users.set(u.id.toLowerCase(), { mail: u.userPrincipalName, accountEnabled: true, userType: "Member", companyName: null, department: null, displayName: u.userPrincipalName.split("@")[0] ?? u.userPrincipalName, jobTitle: null, ...u, id: u.id.toLowerCase() });
  }

  addTeam(displayName: string, memberIds: string[] = [], ownerIds: string[] = []): string {
    const id = randomUUID();
    const members = [...new Set([...memberIds, ...ownerIds])].map((u) => ({ id: randomUUID(), userId: u.toLowerCase(), roles: ownerIds.includes(u) ? ["owner"] : [] }));
    this.teams.set(id, { id, displayName, description: "", createdAt: 0, members, channels: [], archived: false });
    return id;
  }

  /** The next calls whose "METHOD path" matches get these faults, in order. */
  inject(pattern: RegExp, ...faults: Fault[]): void {
    this.faults.push({ pattern, queue: faults });
  }

  /**
   * A channel deleted in Teams keeps its name: creating another with it is refused, although no list shows it
   * (reported by Graph users: NameAlreadyExists after a delete). Marks `name` so in `teamId`.
   */
  reserveChannelName(teamId: string, name: string): void {
    this.reservedNames.set(teamId, [...(this.reservedNames.get(teamId) ?? []), name.toLowerCase()]);
  }

  channelCount(teamId: string): number {
    return this.teams.get(teamId)?.channels.length ?? 0;
  }

  /** Sliding-window throttle: returns seconds to wait when over the limit. */
  private throttle(key: string, limit: { count: number; perMs: number }): number | undefined {
    const now = Date.now();
    const window = limit.perMs * this.scale;
    const times = (this.windows.get(key) ?? []).filter((t) => t > now - window);
    if (times.length >= limit.count) {
      this.windows.set(key, times);
      return Math.max(1, Math.ceil((times[0]! + window - now) / 1000));
    }
    times.push(now);
    this.windows.set(key, times);
    return undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://standin");
    const path = decodeURIComponent(url.pathname).replace(/^\/v1\.0/, "");
    const method = req.method ?? "GET";
    const record: CallRecord = { method, path, status: 0, at: Date.now() };
    this.calls.push(record);
    const origEnd = res.end.bind(res);
    res.end = ((...args: Parameters<ServerResponse["end"]>) => {
      record.status = res.statusCode;
      return origEnd(...args);
    }) as ServerResponse["end"];

    const token = await this.verifyToken(req.headers.authorization);
    if ("problem" in token) return graphError(res, 401, "InvalidAuthenticationToken", token.problem);
    if (this.permissionProblem(method, path, token.roles, res)) return;
    const fault = this.takeFault(method, path);
    const body = method === "POST" || method === "PATCH" ? await readBody(req) : {};
    if (fault) {
      if ("hangMs" in fault) {
        await new Promise((r) => setTimeout(r, fault.hangMs));
        if (res.destroyed) return;
      } else {
        if (fault.afterSuccess) this.route(method, path, url, body, new CapturedResponse().asServerResponse());
        return this.faultAnswer(fault, res);
      }
    }
    if (method === "POST" && path === "/$batch") return this.batch(body, token.roles, res);
    if (method === "GET" && path === "/users") return this.listUsers(url, req.headers["consistencylevel"], res);
    return this.route(method, path, url, body, res);
  }

  private takeFault(method: string, path: string): Fault | undefined {
    return this.faults.find((f) => f.pattern.test(`${method} ${path}`) && f.queue.length > 0)?.queue.shift();
  }

  private faultAnswer(fault: { status: number; retryAfter?: number }, res: ServerResponse): void {
    const code = fault.status === 429 ? "TooManyRequests" : fault.status === 503 ? "ServiceUnavailable" : fault.status === 504 ? "GatewayTimeout" : fault.status >= 500 ? "InternalServerError" : "Forbidden";
    graphError(res, fault.status, code, "Injected fault", fault.retryAfter !== undefined ? { "retry-after": String(fault.retryAfter) } : {});
  }

  /**
   * JSON batching as documented: at most 20 requests; each item is routed (and throttled, and faulted) on its
   * own, so a 200 batch can hold item 429s with their own Retry-After header; Graph does not retry them.
   */
  private batch(body: Record<string, unknown>, roles: readonly string[], res: ServerResponse): void {
    const requests = Array.isArray(body["requests"]) ? (body["requests"] as Record<string, unknown>[]) : null;
    if (!requests || requests.length === 0) return graphError(res, 400, "BadRequest", "Invalid batch payload format.");
    if (requests.length > 20) return graphError(res, 400, "BadRequest", "The number of batch requests exceeds the limit of 20.");
    const responses = requests.map((r) => {
      const id = String(r["id"] ?? "");
      const method = String(r["method"] ?? "GET").toUpperCase();
      const itemUrl = new URL(String(r["url"] ?? "").replace(/^\/?/, "/"), "http://standin");
      const path = decodeURIComponent(itemUrl.pathname);
      const record: CallRecord = { method, path, status: 0, at: Date.now(), batched: true };
      this.calls.push(record);
      const captured = new CapturedResponse();
      if (this.permissionProblem(method, path, roles, captured.asServerResponse())) {
        record.status = captured.statusCode;
        return { id, status: captured.statusCode, headers: captured.headers, body: JSON.parse(captured.body) as unknown };
      }
      const fault = this.takeFault(method, path);
      if (fault && !("hangMs" in fault)) this.faultAnswer(fault, captured.asServerResponse());
      else this.route(method, path, itemUrl, (r["body"] as Record<string, unknown> | undefined) ?? {}, captured.asServerResponse());
      record.status = captured.statusCode;
      return { id, status: captured.statusCode, headers: captured.headers, ...(captured.body ? { body: JSON.parse(captured.body) as unknown } : {}) };
    });
    json(res, 200, { responses });
  }

  private limited(res: ServerResponse, ...keys: [string, string][]): boolean {
    for (const [key, cls] of keys) {
      const wait = this.throttle(key, LIMITS[cls]!);
      if (wait !== undefined) {
        graphError(res, 429, "TooManyRequests", "Rate limit exceeded", { "retry-after": String(wait) });
        return true;
      }
    }
    return false;
  }

  private route(method: string, path: string, url: URL, body: Record<string, unknown>, res: ServerResponse): void {
    let m: RegExpExecArray | null;
    if (method === "POST" && path === "/teams") return this.createTeam(body, res);
    if (method === "GET" && path === "/teams") {
      if (this.limited(res, ["get", "get"])) return;
      // Documented: only id, displayName, description and visibility are filled in by the list.
      const filter = /displayName eq '((?:[^']|'')*)'/.exec(url.searchParams.get("$filter") ?? "")?.[1]?.replace(/''/g, "'");
      const value = [...this.teams.values()].filter((t) => filter === undefined || t.displayName.toLowerCase() === filter.toLowerCase()).map((t) => ({ id: t.id, displayName: t.displayName, description: t.description, visibility: "private" }));
      return json(res, 200, { "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#teams", value });
    }
    if ((m = /^\/teams\('([^']+)'\)\/operations\('([^']+)'\)$/.exec(path))) return this.getOperation(m[2]!, res);
    if ((m = /^\/teams\/([^/]+)(\/.*)?$/.exec(path))) {
      const team = this.teams.get(m[1]!);
      const rest = m[2] ?? "";
      if (!team || Date.now() - team.createdAt < this.replicationDelayMs) return graphError(res, 404, "NotFound", "No team found with Group Id");
      return this.teamRoute(method, team, rest, url, body, res);
    }
    if ((m = /^\/users\/([^/]+)\/teamwork\/sendActivityNotification$/.exec(path)) && method === "POST") {
      if (this.limited(res, ["activityNotification", "activityNotification"])) return;
      const uid = m[1]!.toLowerCase();
      if (!this.users.has(uid)) return graphError(res, 404, "Request_ResourceNotFound", `Resource '${m[1]}' does not exist.`);
      // Teams' answer when the app is not installed for the recipient: the same 403 Forbidden as a missing
      // permission, told apart by its message (a missing permission says "Missing role permissions …").
      if (this.appNotInstalled.has(uid)) return graphError(res, 403, "Forbidden", `Application with AAD App Id '${this.appId}' is not authorized to generate custom text notifications about '/users/${uid}/teamwork/sendActivityNotification' to the recipient. Ensure that the expected Teams app is installed in the target scope (user, team, or chat).`);
      const topic = body["topic"] as Record<string, unknown> | undefined;
      if (typeof body["activityType"] !== "string" || !topic) return graphError(res, 400, "BadRequest", "activityType and topic are required.");
      if (topic["source"] === "text" && typeof topic["webUrl"] !== "string") return graphError(res, 400, "BadRequest", "webUrl is required for a text topic.");
      this.activity.push({ userId: uid, body });
      return json(res, 204, null);
    }
    if ((m = /^\/users\/([^/]+)$/.exec(path)) && method === "GET") {
      if (this.limited(res, ["get", "get"])) return;
      const u = this.users.get(m[1]!.toLowerCase());
      if (!u) return graphError(res, 404, "Request_ResourceNotFound", `Resource '${m[1]}' does not exist.`);
      return json(res, 200, { "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users/$entity", ...u });
    }
    graphError(res, 404, "UnknownError", `No route ${method} ${path}`);
  }

  /**
   * `GET /users` as user-list.md documents it, for the parts Guildhall uses: `$search` ("property:words" clauses
   * joined by OR/AND; tokenised, each word a prefix of a word of the property) only with `ConsistencyLevel:
   * eventual` (otherwise 400 Request_UnsupportedQuery, as Graph answers); `$filter` with `userType eq '…'`,
   * `accountEnabled eq true|false` and `startswith(property,'…')` joined by `and`/`or` (anything else 400);
   * `$select` (without it, Graph's default property set, which has neither `userType` nor `accountEnabled`);
   * `$top` (1–999); `$count=true` adds `@odata.count` and needs the header too. Throttled like other reads.
   */
  private listUsers(url: URL, consistency: string | string[] | undefined, res: ServerResponse): void {
    if (this.limited(res, ["get", "get"])) return;
    const eventual = (Array.isArray(consistency) ? consistency[0] : consistency)?.toLowerCase() === "eventual";
    const search = url.searchParams.get("$search");
    const filter = url.searchParams.get("$filter");
    const count = url.searchParams.get("$count");
    if (search !== null && !eventual) return graphError(res, 400, "Request_UnsupportedQuery", "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
    if (count === "true" && !eventual) return graphError(res, 400, "Request_BadRequest", "$count is not currently supported.");
    const top = url.searchParams.get("$top");
    const limit = top === null ? 100 : Number(top);
    if (!Number.isInteger(limit) || limit < 1 || limit > 999) return graphError(res, 400, "Request_BadRequest", `Invalid page size specified: '${top}'. Must be between 1 and 999 inclusive.`);
    let users = [...this.users.values()];
    if (search !== null) {
      const match = searchMatcher(search);
      if (!match) return graphError(res, 400, "Request_UnsupportedQuery", "Syntax error: the $search query is not valid.");
      users = users.filter(match);
    }
    if (filter !== null) {
      const match = filterMatcher(filter);
      if (!match) return graphError(res, 400, "Request_UnsupportedQuery", "Unsupported or invalid query filter clause specified.");
      users = users.filter(match);
    }
    users.sort((a, b) => a.displayName.localeCompare(b.displayName));
    const select = url.searchParams.get("$select")?.split(",").map((p) => p.trim()).filter(Boolean);
    const props = select && select.length > 0 ? [...new Set(["id", ...select])] : DEFAULT_USER_PROPS;
    const value = users.slice(0, limit).map((u) => Object.fromEntries(props.map((p) => [p, (u as unknown as Record<string, unknown>)[p] ?? null])));
    return json(res, 200, { "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users", ...(count === "true" ? { "@odata.count": users.length } : {}), value });
  }

  private createTeam(body: Record<string, unknown>, res: ServerResponse): void {
    if (this.limited(res, ["createTeam", "createTeam"])) return;
    const members = Array.isArray(body["members"]) ? (body["members"] as Record<string, unknown>[]) : [];
    const owner = members.find((m) => Array.isArray(m["roles"]) && (m["roles"] as string[]).includes("owner"));
    if (!owner) return graphError(res, 400, "BadRequest", "Team owner is required when creating a team with application permissions.");
    if (typeof body["displayName"] !== "string" || !body["displayName"]) return graphError(res, 400, "BadRequest", "displayName is required");
    if (body["displayName"].length > 256) return graphError(res, 400, "BadRequest", "displayName must be at most 256 characters.");
    const id = randomUUID();
    const ownerId = this.userIdOf(owner["user@odata.bind"]) ?? "";
    this.teams.set(id, { id, displayName: body["displayName"], description: String(body["description"] ?? ""), createdAt: Date.now(), members: [{ id: randomUUID(), userId: ownerId, roles: ["owner"] }], channels: [], archived: false });
    const op: Operation = { id: randomUUID(), teamId: id, kind: "create", startedAt: Date.now(), fail: false };
    this.operations.set(op.id, op);
    json(res, 202, null, { location: `/teams('${id}')/operations('${op.id}')`, "content-location": `/teams('${id}')`, "content-length": "0", "retry-after": this.asyncRetryAfter });
  }

  private getOperation(opId: string, res: ServerResponse): void {
    if (this.limited(res, ["get", "get"])) return;
    const op = this.operations.get(opId);
    if (!op) return graphError(res, 404, "NotFound", "Operation not found");
    const elapsed = Date.now() - op.startedAt;
    const done = elapsed >= this.teamCreationMs;
    const status = op.fail ? "failed" : done ? "succeeded" : elapsed > 0 ? "inProgress" : "notStarted";
    // An archive takes effect only when its operation completes (team-archive.md, channel-archive.md).
    if (status === "succeeded") this.completeArchive(op);
    const unfinished = status === "inProgress" || status === "notStarted";
    json(res, 200, {
      id: op.id,
      operationType: OPERATION_TYPES[op.kind],
      createdDateTime: new Date(op.startedAt).toISOString(),
      status,
      lastActionDateTime: new Date().toISOString(),
      attemptsCount: 1,
      targetResourceId: op.teamId,
      targetResourceLocation: `/teams('${op.teamId}')`,
      error: op.fail ? { code: "Conflict", message: "Team creation failed" } : null,
    }, unfinished ? { "retry-after": this.asyncRetryAfter } : {});
  }

  private completeArchive(op: Operation): void {
    const team = this.teams.get(op.teamId);
    if ((op.kind === "archive" || op.kind === "unarchive") && team) team.archived = op.kind === "archive";
    const channel = op.kind === "archiveChannel" || op.kind === "unarchiveChannel" ? team?.channels.find((c) => c.id === op.channelId) : undefined;
    if (channel) channel.archived = op.kind === "archiveChannel";
  }

  private teamRoute(method: string, team: Team, rest: string, url: URL, body: Record<string, unknown>, res: ServerResponse): void {
    const teamKey: [string, string] = [`team:${team.id}`, "perTeam"];
    let m: RegExpExecArray | null;
    // A channel archive's Location has this form: /teams/{team-id}/operations/{operation-id} (channel-archive.md).
    if ((m = /^\/operations\/([^/]+)$/.exec(rest)) && method === "GET") return this.getOperation(m[1]!, res);
    if (rest === "" && method === "GET") {
      if (this.limited(res, ["get", "get"], teamKey)) return;
      return json(res, 200, { id: team.id, displayName: team.displayName, isArchived: team.archived, webUrl: `https://teams.microsoft.com/l/team/${team.id}` });
    }
    if (rest === "/archive" && method === "POST") {
      if (this.limited(res, ["other", "other"], teamKey)) return;
      const op: Operation = { id: randomUUID(), teamId: team.id, kind: "archive", startedAt: Date.now() - 1, fail: false };
      this.operations.set(op.id, op);
      return json(res, 202, null, { location: `/teams('${team.id}')/operations('${op.id}')`, "retry-after": this.asyncRetryAfter });
    }
    // team-unarchive.md: asynchronous like archive (202 + Location of a teamsAsyncOperation); restored once it completes.
    if (rest === "/unarchive" && method === "POST") {
      if (this.limited(res, ["other", "other"], teamKey)) return;
      const op: Operation = { id: randomUUID(), teamId: team.id, kind: "unarchive", startedAt: Date.now() - 1, fail: false };
      this.operations.set(op.id, op);
      return json(res, 202, null, { location: `/teams('${team.id}')/operations('${op.id}')`, "retry-after": this.asyncRetryAfter });
    }
    if (rest === "/channels" && method === "GET") {
      if (this.limited(res, ["get", "get"], teamKey)) return;
      const filter = /displayName eq '((?:[^']|'')*)'/.exec(url.searchParams.get("$filter") ?? "")?.[1]?.replace(/''/g, "'");
      const value = team.channels.filter((c) => filter === undefined || c.displayName === filter).map((c) => this.channelView(team, c));
      return json(res, 200, { "@odata.context": `https://graph.microsoft.com/v1.0/$metadata#teams('${team.id}')/channels`, "@odata.count": value.length, value });
    }
    if (rest === "/channels" && method === "POST") {
      if (this.limited(res, ["createChannel", "createChannel"], teamKey)) return;
      const name = String(body["displayName"] ?? "");
      if (!name || [...name].length > 50) return graphError(res, 400, "BadRequest", "Channel name must be 1 to 50 characters.");
      // Documented: no ~ # % & * { } + / \ : < > ? | ' " , or "..", no control characters, not starting with "_" or ".",
      // not ending with ".", not a reserved name (Teams limits and specifications).
      // eslint-disable-next-line no-control-regex
      if (/[~#%&*{}+/\\:<>?|'",\u0000-\u001F\u0080-\u009F]|\.\./u.test(name) || /^[_.]/u.test(name) || name.endsWith(".") || /^(forms|con|conin\$|conout\$|prn|aux|nul|com[1-9]|lpt[1-9]|desktop\.ini)$/iu.test(name) || /_vti_/iu.test(name)) {
        return graphError(res, 400, "BadRequest", "Channel name contains invalid characters or is reserved.");
      }
      // Graph's answer to a name in use in the team, case-insensitively (or kept by a deleted channel).
      const taken = team.channels.some((c) => c.displayName.toLowerCase() === name.toLowerCase()) || (this.reservedNames.get(team.id) ?? []).includes(name.toLowerCase());
      if (taken) return graphError(res, 400, "NameAlreadyExists", "Channel name already existed, please use other name");
      const type = body["membershipType"] === "private" ? "private" : "standard";
      const members = Array.isArray(body["members"]) ? (body["members"] as Record<string, unknown>[]) : [];
      if (members.length > 200) return graphError(res, 400, "BadRequest", "A private channel can be created with at most 200 members.");
      const rows: MemberRow[] = [];
      for (const mem of members) {
        const uid = this.userIdOf(mem["user@odata.bind"]);
        if (!uid || !team.members.some((t) => t.userId === uid)) return graphError(res, 400, "BadRequest", "Member is not part of the parent team.");
        rows.push({ id: randomUUID(), userId: uid, roles: (mem["roles"] as string[] | undefined) ?? [] });
      }
      if (type === "private" && !rows.some((r) => r.roles.includes("owner"))) return graphError(res, 400, "BadRequest", "A private channel created with application permissions must name an owner.");
      const channel: Channel = { id: `19:${randomUUID().replace(/-/g, "")}@thread.tacv2`, displayName: name, description: String(body["description"] ?? ""), membershipType: type, members: rows, archived: false };
      team.channels.push(channel);
      return json(res, 201, this.channelView(team, channel));
    }
    if ((m = /^\/channels\/([^/]+)(\/.*)?$/.exec(rest))) {
      const channel = team.channels.find((c) => c.id === m![1]);
      if (!channel) return graphError(res, 404, "NotFound", "Channel not found");
      return this.membersRoute(method, team, channel, m[2] ?? "", body, res);
    }
    if (rest.startsWith("/members")) return this.membersRoute(method, team, undefined, rest, body, res);
    graphError(res, 404, "UnknownError", `No route ${method} /teams/{id}${rest}`);
  }

  private channelView(team: Team, c: Channel) {
    return { id: c.id, displayName: c.displayName, description: c.description, membershipType: c.membershipType, isArchived: c.archived, webUrl: `https://teams.microsoft.com/l/channel/${encodeURIComponent(c.id)}/${encodeURIComponent(c.displayName)}?groupId=${team.id}` };
  }

  private membersRoute(method: string, team: Team, channel: Channel | undefined, rest: string, body: Record<string, unknown>, res: ServerResponse): void {
    const teamKey: [string, string] = [`team:${team.id}`, "perTeam"];
    const list = channel ? channel.members : team.members;
    const resource = channel ? `channel:${channel.id}` : `team:${team.id}`;
    if (rest === "/archive" && method === "POST" && channel) {
      if (this.limited(res, ["other", "other"], teamKey)) return;
      if (team.archived) return graphError(res, 400, "BadRequest", `Team has to be active, for channel to be archived or unarchived: ${channel.id}`);
      // Asynchronous, like a team's: 202 + Location of a teamsAsyncOperation; archived once it completes.
      const op: Operation = { id: randomUUID(), teamId: team.id, kind: "archiveChannel", channelId: channel.id, startedAt: Date.now() - 1, fail: false };
      this.operations.set(op.id, op);
      return json(res, 202, null, { location: `/teams/${team.id}/operations/${op.id}`, "content-type": "text/plain", "content-length": "0" });
    }
    if (rest === "/unarchive" && method === "POST" && channel) {
      if (this.limited(res, ["other", "other"], teamKey)) return;
      // channel-unarchive.md: a channel of an archived team cannot be unarchived; unarchive the team first.
      if (team.archived) return graphError(res, 400, "BadRequest", `Team has to be active, for channel to be archived or unarchived: ${channel.id}`);
      const op: Operation = { id: randomUUID(), teamId: team.id, kind: "unarchiveChannel", channelId: channel.id, startedAt: Date.now() - 1, fail: false };
      this.operations.set(op.id, op);
      return json(res, 202, null, { location: `/teams/${team.id}/operations/${op.id}`, "content-type": "text/plain", "content-length": "0" });
    }
    if (rest === "/members" && method === "GET") {
      if (this.limited(res, ["get", "get"], teamKey)) return;
      return json(res, 200, { value: list.map((r) => ({ "@odata.type": "#microsoft.graph.aadUserConversationMember", id: r.id, roles: r.roles, userId: r.userId, displayName: this.users.get(r.userId)?.userPrincipalName ?? null, email: this.users.get(r.userId)?.mail ?? null })) });
    }
    if (rest === "/members/add" && method === "POST" && !channel) {
      if (this.limited(res, ["addMember", "addMember"], [`adds:${resource}`, "memberAddsPerResource"], teamKey)) return;
      const values = Array.isArray(body["values"]) ? (body["values"] as Record<string, unknown>[]) : [];
      if (values.length === 0 || values.length > 200) return graphError(res, 400, "BadRequest", "Between 1 and 200 members can be added in one request.");
      const results = values.map((v) => {
        const uid = this.userIdOf(v["user@odata.bind"]);
        const userId = /users\('([^']+)'\)/.exec(String(v["user@odata.bind"]))?.[1] ?? "";
        if (!uid || !this.users.has(uid)) return { "@odata.type": "#microsoft.graph.aadUserConversationMemberResult", userId, error: { code: "NotFound", message: "" } };
        if (!list.some((r) => r.userId === uid)) list.push({ id: randomUUID(), userId: uid, roles: (v["roles"] as string[] | undefined) ?? [] });
        return { "@odata.type": "#microsoft.graph.aadUserConversationMemberResult", userId: uid, error: null };
      });
      const status = results.some((r) => r.error !== null) ? 207 : 200;
      return json(res, status, { "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.aadUserConversationMemberResult)", value: results });
    }
    if (rest === "/members" && method === "POST") {
      if (this.limited(res, ["addMember", "addMember"], [`adds:${resource}`, "memberAddsPerResource"], teamKey)) return;
      const uid = this.userIdOf(body["user@odata.bind"]);
      if (!uid) return graphError(res, 400, "BadRequest", "user@odata.bind is required");
      if (channel && !team.members.some((t) => t.userId === uid)) return graphError(res, 400, "BadRequest", "Member is not part of the parent team.");
      let row = list.find((r) => r.userId === uid);
      if (!row) {
        row = { id: randomUUID(), userId: uid, roles: (body["roles"] as string[] | undefined) ?? [] };
        list.push(row);
      }
      return json(res, 201, { "@odata.type": "#microsoft.graph.aadUserConversationMember", id: row.id, roles: row.roles, userId: uid, displayName: null, email: null });
    }
    const m = /^\/members\/([^/]+)$/.exec(rest);
    if (m && method === "PATCH") {
      if (this.limited(res, ["other", "other"], teamKey)) return;
      const row = list.find((r) => r.id === m[1]);
      if (!row) return graphError(res, 404, "NotFound", "Member not found");
      if (!Array.isArray(body["roles"])) return graphError(res, 400, "BadRequest", "roles is required");
      row.roles = (body["roles"] as unknown[]).filter((r): r is string => typeof r === "string");
      return json(res, 200, { "@odata.type": "#microsoft.graph.aadUserConversationMember", id: row.id, roles: row.roles, userId: row.userId, displayName: null, email: null });
    }
    if (m && method === "DELETE") {
      if (this.limited(res, ["other", "other"], teamKey)) return;
      const i = list.findIndex((r) => r.id === m[1]);
      if (i < 0) return graphError(res, 404, "NotFound", "Member not found");
      list.splice(i, 1);
      return json(res, 204, null);
    }
    graphError(res, 404, "UnknownError", `No route ${method} members${rest}`);
  }
}
