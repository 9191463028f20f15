/**
 * The Graph stand-in checked against Microsoft's documented examples (../shared/graph-contract): for each
 * documented request it implements, the same request gets the documented status, headers and the
 * documented properties (with the same JSON types) that Guildhall reads.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PERMISSIONS } from "../support/graph-standin/permissions.js";
import { GraphStandIn } from "../support/graph-standin/server.js";

const CONTRACT = path.resolve(import.meta.dirname, "../../../shared/graph-contract");
interface Example {
  example: string;
  api_version?: string;
  request: { method: string; path: string; url: string; body?: Record<string, unknown> };
  response: { status: number; headers?: Record<string, string>; body: Record<string, unknown> | null };
}
const load = (f: string) => JSON.parse(readFileSync(path.join(CONTRACT, f), "utf8")) as Example[];
const typeOf = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

let g: GraphStandIn;
let teamId: string;
let AUTH: Record<string, string>;

beforeAll(async () => {
  g = new GraphStandIn();
  await g.start();
  teamId = g.addTeam("Contract team");
  // What admin consent grants the app in a real tenant: the application permissions the Entra manifest declares.
  AUTH = { authorization: `Bearer ${await g.appToken()}`, "content-type": "application/json" };
});
afterAll(async () => {
  await g.stop();
});

/** Make every user a documented example binds (by id or user principal name) exist and belong to the team. */
function admitUsers(body: unknown) {
  for (const m of JSON.stringify(body ?? {}).matchAll(/users\('([^']+)'\)/g)) {
    const ref = m[1]!.toLowerCase();
    const existing = [...g.users.values()].find((u) => u.id === ref || u.userPrincipalName.toLowerCase() === ref);
    const id = existing?.id ?? (ref.includes("@") ? crypto.randomUUID() : ref);
    if (!existing) g.addUser({ id, userPrincipalName: ref.includes("@") ? ref : `${id.slice(0, 8)}@example.gov.au` });
    const team = g.teams.get(teamId)!;
    if (!team.members.some((x) => x.userId === id)) team.members.push({ id: `m-${id}`, userId: id, roles: [] });
  }
}

async function send(method: string, p: string, body?: unknown) {
  const res = await fetch(`${g.url}/v1.0${p}`, { method, headers: AUTH, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

function expectDocumentedProps(actual: Record<string, unknown> | null, documented: Record<string, unknown>, props: string[]) {
  for (const p of props) {
    expect(actual, `property ${p}`).toHaveProperty([p]);
    if (documented[p] !== undefined && documented[p] !== null) expect(typeOf(actual![p]), `type of ${p}`).toBe(typeOf(documented[p]));
  }
}

describe("Graph stand-in fidelity", () => {
  const channelExamples = load("channel-create.json").filter((e) => e.response.status === 201 && !e.request.url.includes("/beta/") && !e.request.body?.["@microsoft.graph.channelCreationMode"]);
  it.each(channelExamples.map((e) => [e.example, e] as const))("POST channel: %s", async (_name, e) => {
    teamId = g.addTeam(`Contract team ${e.example}`); // examples reuse channel names; each gets its own team
    admitUsers(e.request.body);
    const res = await send("POST", `/teams/${teamId}/channels`, e.request.body);
    expect(res.status).toBe(e.response.status);
    expectDocumentedProps(res.body, e.response.body!, ["id", "displayName", "description", ...(e.response.body!["membershipType"] ? ["membershipType", "webUrl"] : [])]);
    expect(res.body!["displayName"]).toBe(e.request.body!["displayName"]);
  });

  it("GET channels returns a value array of documented channel objects", async () => {
    const doc = load("channel-list.json")[0]!;
    const res = await send("GET", `/teams/${teamId}/channels`);
    expect(res.status).toBe(doc.response.status);
    expect(Array.isArray(res.body!["value"])).toBe(true);
    const first = (doc.response.body!["value"] as Record<string, unknown>[])[0]!;
    expectDocumentedProps((res.body!["value"] as Record<string, unknown>[])[0]!, first, ["id", "displayName", "description", "membershipType"]);
  });

  it.each(load("channel-members-add.json").filter((e) => e.request.body).map((e) => [e.example, e] as const))("POST channel member: %s", async (_name, e) => {
    admitUsers(e.request.body);
    await new Promise((r) => setTimeout(r, 1100)); // stay under the documented 4 requests per second per team
    const ch = await send("POST", `/teams/${teamId}/channels`, { displayName: `Members ${crypto.randomUUID().slice(0, 8)}`, membershipType: "standard" });
    expect(ch.status).toBe(201);
    const res = await send("POST", `/teams/${teamId}/channels/${encodeURIComponent(String(ch.body!["id"]))}/members`, e.request.body);
    expect(res.status).toBe(e.response.status);
    expectDocumentedProps(res.body, e.response.body!, ["@odata.type", "id", "roles", "userId"]);
    expect(res.body!["roles"]).toEqual(e.request.body!["roles"]);
  });

  it.each(load("team-create.json").filter((e) => e.example.includes("Application permissions") && /users\('[0-9a-f-]{36}'\)/.test(JSON.stringify(e.request.body))).map((e) => [e.example, e] as const))(
    "POST /teams: %s → 202 with Location and Content-Location, no body",
    async (_name, e) => {
      admitUsers(e.request.body);
      const res = await send("POST", "/teams", e.request.body);
      expect(res.status).toBe(202);
      expect(res.body).toBeNull();
      const documented = e.response.headers!["Location"]!;
      const shape = (s: string) => s.replace(/'[^']+'/g, "'{id}'");
      expect(shape(res.headers.get("location")!)).toBe(shape(documented));
      expect(shape(res.headers.get("content-location")!)).toBe(shape(e.response.headers!["Content-Location"]!));
      const op = await send("GET", res.headers.get("location")!);
      const statuses = (JSON.parse(readFileSync(path.join(CONTRACT, "teams-async-operation.json"), "utf8")) as { status_values: { member: string }[] }).status_values.map((s) => s.member);
      expect(statuses).toContain(op.body!["status"]);
      for (const p of ["id", "operationType", "createdDateTime", "status", "lastActionDateTime", "attemptsCount", "targetResourceId", "targetResourceLocation", "error"]) expect(op.body).toHaveProperty([p]);
    },
  );

  it("POST /teams/{id}/archive → 202 with a Location", async () => {
    const doc = load("team-archive.json")[0]!;
    const res = await send("POST", `/teams/${g.addTeam("Archive me")}/archive`, doc.request.body ?? {});
    expect(res.status).toBe(doc.response.status);
    expect(res.headers.get("location")).toMatch(/^\/teams\('[^']+'\)\/operations\('[^']+'\)$/);
  });

  it("GET /users/{id} returns the documented user properties Guildhall reads", async () => {
    const doc = load("user-get.json")[0]!;
    g.addUser({ id: "48d31887-5fad-4d73-a9f5-3c356e68a038", userPrincipalName: "megan@example.gov.au" });
    const res = await send("GET", "/users/48d31887-5fad-4d73-a9f5-3c356e68a038");
    expect(res.status).toBe(doc.response.status);
    expectDocumentedProps(res.body, doc.response.body!, ["id", "userPrincipalName", "mail"]);
    expect((await send("GET", "/users/00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });

  it("errors and throttling use the documented error body and Retry-After", async () => {
    g.inject(/^GET \/users\//, { status: 429, retryAfter: 7 });
    const res = await send("GET", "/users/48d31887-5fad-4d73-a9f5-3c356e68a038");
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
    expect(Object.keys(res.body!)).toEqual(["error"]);
    expect(typeof (res.body!["error"] as Record<string, unknown>)["code"]).toBe("string");
    expect(typeof (res.body!["error"] as Record<string, unknown>)["message"]).toBe("string");
    const noToken = await fetch(`${g.url}/v1.0/users/x`);
    expect(noToken.status).toBe(401);
  });

  it("throttles at the documented per-team limit (4 requests per second) with 429 + Retry-After", async () => {
    const fresh = g.addTeam("Throttle me");
    const res = [];
    for (let i = 0; i < 6; i++) res.push(await send("GET", `/teams/${fresh}/channels`));
    expect(res.slice(0, 4).map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(res[4]!.status).toBe(429);
    expect(Number(res[4]!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });

  it("POST /teams/{id}/members/add answers 200, or 207 with a per-member error, in the documented shape", async () => {
    for (const e of load("team-members-add-bulk.json").filter((x) => x.request.path === "/teams/{team-id}/members/add")) {
      const bulkTeam = g.addTeam(`Bulk ${e.example}`);
      const binds = JSON.stringify(e.request.body).match(/users\('([^']+)'\)/g) ?? [];
      const ids = binds.map((b) => /users\('([^']+)'\)/.exec(b)![1]!.toLowerCase());
      // The documented partial failure names its first user as not found; the others exist.
      const missing = e.response.status === 207 ? (e.response.body!["value"] as { userId: string; error: unknown }[]).filter((v) => v.error !== null).map((v) => v.userId.toLowerCase()) : [];
      for (const id of ids) {
        if (missing.includes(id)) continue;
        if (id.includes("@")) g.addUser({ id: crypto.randomUUID(), userPrincipalName: id });
        else g.addUser({ id, userPrincipalName: `${id.slice(0, 8)}@example.gov.au` });
      }
      for (const id of missing) g.users.delete(id);
      const res = await send("POST", `/teams/${bulkTeam}/members/add`, e.request.body);
      expect(res.status, e.example).toBe(e.response.status);
      const documented = (e.response.body!["value"] as Record<string, unknown>[])[0]!;
      for (const item of res.body!["value"] as Record<string, unknown>[]) {
        expectDocumentedProps(item, documented, ["@odata.type", "userId"]);
        expect(item["error"] === null || typeOf(item["error"]) === "object").toBe(true);
      }
      const failed = (res.body!["value"] as { userId: string; error: { code: string } | null }[]).filter((v) => v.error !== null);
      expect(failed.map((v) => v.userId)).toEqual(missing);
      expect(failed.every((v) => v.error?.code === "NotFound")).toBe(true);
    }
  });

  it("POST /$batch answers each request by id with status, headers and body, and refuses more than 20", async () => {
    const documented = load("json-batching.json")[0]!;
    const docItem = (documented.response.body!["responses"] as Record<string, unknown>[])[0]!;
    const known = [...g.users.keys()][0]!;
    const res = await send("POST", "/$batch", {
      requests: [
        { id: "1", method: "GET", url: `/users/${known}` },
        { id: "2", method: "GET", url: "/users/00000000-0000-4000-8000-00000000dead" },
      ],
    });
    expect(res.status).toBe(documented.response.status);
    const items = res.body!["responses"] as Record<string, unknown>[];
    for (const item of items) expectDocumentedProps(item, docItem, ["id", "status", "headers", "body"]);
    expect(items.map((x) => [x["id"], x["status"]])).toEqual([
      ["1", 200],
      ["2", 404],
    ]);
    const tooMany = await send("POST", "/$batch", { requests: Array.from({ length: 21 }, (_, n) => ({ id: String(n), method: "GET", url: `/users/${known}` })) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ error: { code: "BadRequest" } });
  });
});

describe("Graph stand-in permissions (the token's roles, per documented call)", () => {
  /** A documented application permission as the token's `roles` would carry it, or null for an RSC one. */
  const tenantWide = (p: string) => (p.includes("(RSC)") || p.includes("(migration") ? null : p.replace(/\s*\(backward compatibility only\)$/, ""));

  it.each(PERMISSIONS.filter((r) => r.contract).map((r) => [`${r.method} ${r.path.source}`, r] as const))("%s accepts exactly the documented application permissions", (_name, rule) => {
    const documented = load(rule.contract!).filter((e) => e.api_version !== "beta").map((e) => (e as unknown as { permissions: { application: string[] } }).permissions.application);
    for (const list of documented) expect(rule.application).toEqual(list.map(tenantWide).filter((p): p is string => p !== null));
  });

  async function as(roles: string[], method: string, p: string, body?: unknown) {
    const res = await fetch(`${g.url}/v1.0${p}`, { method, headers: { authorization: `Bearer ${await g.appToken(roles)}`, "content-type": "application/json" }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as { error?: { code: string; message: string; innerError?: unknown } }) : null };
  }

  it("refuses a call whose permission the token lacks with 403 in Graph's error shape, naming what it needs", async () => {
    const t = g.addTeam("Permissions team");
    const refused = await as(["Channel.Create", "User.Read.All"], "GET", `/teams/${t}/channels`);
    expect(refused.status).toBe(403);
    expect(Object.keys(refused.body!)).toEqual(["error"]);
    expect(refused.body!.error).toMatchObject({ code: "Forbidden", message: expect.stringContaining("Channel.ReadBasic.All") });
    expect(refused.body!.error!.innerError).toHaveProperty(["request-id"]);
    // The least privileged documented permission is enough; a higher one listed in the table is too.
    expect((await as(["Channel.ReadBasic.All"], "GET", `/teams/${t}/channels`)).status).toBe(200);
    expect((await as(["Group.Read.All"], "GET", `/teams/${t}/channels`)).status).toBe(200);
    // Writing needs its own permission: reading channels does not create one.
    expect((await as(["Channel.ReadBasic.All"], "POST", `/teams/${t}/channels`, { displayName: "Nope", membershipType: "standard" })).status).toBe(403);
    expect(g.channelCount(t)).toBe(0);
    // Directory reads answer as Entra does.
    const user = await as(["Channel.Create"], "GET", "/users/48d31887-5fad-4d73-a9f5-3c356e68a038");
    expect(user).toMatchObject({ status: 403, body: { error: { code: "Authorization_RequestDenied" } } });
  });

  it("checks each $batch item's permission on its own", async () => {
    const known = [...g.users.keys()][0]!;
    const res = await fetch(`${g.url}/v1.0/$batch`, {
      method: "POST",
      headers: { authorization: `Bearer ${await g.appToken(["Channel.Create"])}`, "content-type": "application/json" },
      body: JSON.stringify({ requests: [{ id: "1", method: "GET", url: `/users/${known}` }] }),
    });
    expect(res.status).toBe(200);
    const items = ((await res.json()) as { responses: { id: string; status: number; body: { error: { code: string } } }[] }).responses;
    expect(items).toMatchObject([{ id: "1", status: 403, body: { error: { code: "Authorization_RequestDenied" } } }]);
  });

  it("accepts only tokens it issued, for itself, from the host tenant", async () => {
    const forged = (await g.appToken(["User.Read.All"])).replace(/\.[^.]+$/, ".AAAA");
    expect((await fetch(`${g.url}/v1.0/users/x`, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
  });
});

describe("Graph stand-in: Teams rules it enforces", () => {
  it("refuses a channel name already used in the team (any case), and one a deleted channel keeps, as Graph does: 400 NameAlreadyExists", async () => {
    const t = g.addTeam("Names team");
    expect((await send("POST", `/teams/${t}/channels`, { displayName: "Grants", membershipType: "standard" })).status).toBe(201);
    const again = await send("POST", `/teams/${t}/channels`, { displayName: "GRANTS", membershipType: "standard" });
    expect(again).toMatchObject({ status: 400, body: { error: { code: "NameAlreadyExists", message: expect.stringMatching(/already existed/) } } });
    await new Promise((r) => setTimeout(r, 1100)); // stay under the documented 4 requests per second per team
    g.reserveChannelName(t, "Deleted one");
    expect((await send("GET", `/teams/${t}/channels`)).body!["value"]).toHaveLength(1);
    expect((await send("POST", `/teams/${t}/channels`, { displayName: "Deleted one", membershipType: "standard" })).status).toBe(400);
    expect((await send("POST", `/teams/${t}/channels`, { displayName: "x".repeat(51), membershipType: "standard" })).status).toBe(400);
  });

  it("refuses a private-channel member who is not a member of the team", async () => {
    const t = g.addTeam("Members-first team");
    g.addUser({ id: "5b1f0c7e-0000-4000-8000-000000000001", userPrincipalName: "outsider@example.gov.au" });
    const body = { displayName: "Private", membershipType: "private", members: [{ "@odata.type": "#microsoft.graph.aadUserConversationMember", "user@odata.bind": "https://graph.microsoft.com/v1.0/users('5b1f0c7e-0000-4000-8000-000000000001')", roles: ["owner"] }] };
    expect((await send("POST", `/teams/${t}/channels`, body)).status).toBe(400);
    g.teams.get(t)!.members.push({ id: "m-outsider", userId: "5b1f0c7e-0000-4000-8000-000000000001", roles: [] });
    expect((await send("POST", `/teams/${t}/channels`, body)).status).toBe(201);
  });

  it("answers async operations with 202 + Location + Retry-After, and an unfinished operation with Retry-After", async () => {
    const slow = new GraphStandIn({ teamCreationMs: 60_000, asyncRetryAfterSeconds: 7 });
    await slow.start();
    try {
      const owner = "5b1f0c7e-0000-4000-8000-000000000002";
      slow.addUser({ id: owner, userPrincipalName: "owner@example.gov.au" });
      const headers = { authorization: `Bearer ${await slow.appToken()}`, "content-type": "application/json" };
      const created = await fetch(`${slow.url}/v1.0/teams`, { method: "POST", headers, body: JSON.stringify({ displayName: "Async", description: "d", members: [{ "@odata.type": "#microsoft.graph.aadUserConversationMember", roles: ["owner"], "user@odata.bind": `https://graph.microsoft.com/v1.0/users('${owner}')` }] }) });
      expect(created.status).toBe(202);
      expect(created.headers.get("retry-after")).toBe("7");
      const op = await fetch(`${slow.url}/v1.0${created.headers.get("location")!}`, { headers });
      expect(((await op.json()) as { status: string }).status).toMatch(/notStarted|inProgress/);
      expect(op.headers.get("retry-after")).toBe("7");
      // GET /teams lists id, displayName and description (what finding a team again needs).
      const list = await fetch(`${slow.url}/v1.0/teams?$filter=${encodeURIComponent("displayName eq 'Async'")}`, { headers });
      expect(((await list.json()) as { value: Record<string, unknown>[] }).value).toEqual([expect.objectContaining({ displayName: "Async", description: "d" })]);
    } finally {
      await slow.stop();
    }
  });

  it("a '504 after success' fault carries the request out, then answers 504 in Graph's error shape", async () => {
    const t = g.addTeam("Fault team");
    g.inject(/^POST \/teams\/[^/]+\/channels$/, { status: 504, afterSuccess: true });
    const res = await send("POST", `/teams/${t}/channels`, { displayName: "Made anyway", membershipType: "standard" });
    expect(res).toMatchObject({ status: 504, body: { error: { code: "GatewayTimeout" } } });
    expect(g.teams.get(t)!.channels.map((c) => c.displayName)).toEqual(["Made anyway"]);
  });
});
