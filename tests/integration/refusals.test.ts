/**
 * Every refusal is audit-logged with its request id (401, 403 on community and agency actions, refused
 * proposal decisions, the bot's 403 for an untrusted serviceUrl), rate-limited per client so a flood of bad tokens writes a bounded number of rows
 * plus one summary; agency changes carry request ids.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_AGENCIES, DEMO_IDENTITIES } from "../../src/domain/demo.js";
import pino from "pino";
import { createBot } from "../../bot/index.js";
import { buildApp } from "../../src/server/app.js";
import { TokenVerifier } from "../../src/server/auth/tokens.js";
import { DEFAULT_REFUSAL_LIMITS } from "../../src/server/refusals.js";
import { appendAudit } from "../../src/store/audit.js";
import { createHarness, type Harness } from "../support/harness.js";

let h: Harness;
const tokens = new Map<string, string>();
const run = randomUUID().slice(0, 8);

beforeAll(async () => {
  // The demo allow-lists, plus the domain the agency test registers (an agency needs a domain its people can sign in with).
  h = await createHarness({
    ALLOWED_TENANT_IDS: [...new Set(DEMO_AGENCIES.map((a) => a.tenantId))].join(","),
    ALLOWED_EMAIL_DOMAINS: [...DEMO_AGENCIES.flatMap((a) => a.emailDomains), `refusal${run}.gov.au`].join(","),
  });
  for (const d of DEMO_IDENTITIES) tokens.set(d.key, await h.tokenFor(d.key));
});
afterAll(async () => {
  await h.close();
});

/** Each test speaks from its own address, so the per-client limit of one test does not touch another. */
async function api(client: string, who: string | null, method: "GET" | "POST" | "PUT", url: string, body?: unknown, token?: string) {
  const auth = token ?? (who ? tokens.get(who) : undefined);
  const res = await h.app.inject({ method, url, remoteAddress: client, headers: auth ? { authorization: `Bearer ${auth}` } : {}, ...(body !== undefined ? { payload: body as object } : {}) });
  return { status: res.statusCode, body: res.json(), requestId: String(res.headers["x-request-id"]) };
}

const rowFor = (requestId: string) => h.store.db.selectFrom("audit_log").selectAll().where("request_id", "=", requestId).execute();
const identity = (key: string) => DEMO_IDENTITIES.find((d) => d.key === key)!;

describe("refusals are audit-logged", () => {
  it("a missing and an unverifiable token: 401, one row each with the request id, the reason and the client", async () => {
    const none = await api("198.51.100.1", null, "GET", "/api/v1/me");
    const junk = await api("198.51.100.1", null, "GET", "/api/v1/communities", undefined, "not.a.jwt");
    expect([none.status, junk.status]).toEqual([401, 401]);
    const [a] = await rowFor(none.requestId);
    expect(a).toMatchObject({ event: "access.denied", outcome: "denied", actor_object_id: null, request_id: none.requestId });
    expect(a!.detail).toMatchObject({ errorId: "auth.missing_token", status: 401, method: "GET", route: "/api/v1/me", client: "198.51.100.1" });
    const [b] = await rowFor(junk.requestId);
    expect(b!.detail).toMatchObject({ errorId: "auth.invalid_token", status: 401, route: "/api/v1/communities", reason: expect.any(String) });
  });

  it("a 403 on an agency action names who asked", async () => {
    const res = await api("198.51.100.2", "tom", "POST", "/api/v1/agencies", { name: `Refused ${run}`, shortName: "R", tenantId: identity("tom").tenantId, emailDomains: ["refused.gov.au"] });
    expect(res.status).toBe(403);
    const rows = await rowFor(res.requestId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ event: "access.denied", actor_tenant_id: identity("tom").tenantId, actor_object_id: identity("tom").objectId });
    expect(rows[0]!.detail).toMatchObject({ errorId: "agency.not_platform_owner", status: 403, method: "POST", route: "/api/v1/agencies" });
  });

  it("refused proposal decisions: by the proposer (403), by someone who cannot see it (404), and once decided (403)", async () => {
    const client = "198.51.100.3";
    const proposal = { name: `Refusal Practice ${run}`, purpose: "Testing refusals.", termsOfReference: "None.", codeOfPractice: "Be kind.", visibility: "closed", scope: "cross_agency", classification: "OFFICIAL", tags: [] };
    const created = await api(client, "aisha", "POST", "/api/v1/communities", proposal);
    expect(created.status).toBe(201);
    const url = `/api/v1/communities/${created.body.id}/decision`;
    const own = await api(client, "aisha", "POST", url, { decision: "approve" });
    const hidden = await api(client, "tom", "POST", url, { decision: "approve" });
    expect((await api(client, "priya", "POST", url, { decision: "approve" })).status).toBe(200);
    const late = await api(client, "priya", "POST", url, { decision: "reject", reason: "late" });
    expect([own.status, hidden.status, late.status]).toEqual([403, 404, 403]);
    for (const [res, who] of [[own, "aisha"], [hidden, "tom"], [late, "priya"]] as const) {
      const rows = await rowFor(res.requestId);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ event: "access.denied", actor_object_id: identity(who).objectId });
      expect(rows[0]!.detail).toMatchObject({ status: res.status, route: "/api/v1/communities/:id/decision", errorId: res.body.error.id });
    }
  });

  it("bad input is not a refusal and writes nothing", async () => {
    const res = await api("198.51.100.4", "priya", "POST", "/api/v1/agencies", {});
    expect(res.status).toBe(400);
    expect(await rowFor(res.requestId)).toHaveLength(0);
  });

  it("agency changes carry the request id", async () => {
    const tenantId = identity("priya").tenantId;
    const domain = `refusal${run}.gov.au`;
    const created = await api("198.51.100.5", "priya", "POST", "/api/v1/agencies", { name: `Audited Agency ${run}`, shortName: "AA", tenantId, emailDomains: [domain] });
    expect(created.status).toBe(201);
    expect((await rowFor(created.requestId)).map((r) => r.event)).toEqual(["agency.registered"]);
    const changed = await api("198.51.100.5", "priya", "PUT", `/api/v1/agencies/${created.body.id}`, { name: `Audited Agency ${run} (renamed)`, shortName: "AA", tenantId, emailDomains: [domain] });
    expect(changed.status).toBe(200);
    expect((await rowFor(changed.requestId)).map((r) => r.event)).toEqual(["agency.changed"]);
  });
});

/** The app with a bot of these credentials (empty: local mode), auditing into the test database. */
async function appWithBot(credentials: { appId: string; password: string; tenantId: string }) {
  const logger = pino({ level: "silent" });
  const bot = createBot({
    ...credentials,
    type: "SingleTenant",
    botFramework: h.config.endpoints.botFramework,
    cardImagesAsUrls: true,
    isTenantAllowed: () => true,
    publicUrl: undefined,
    logger,
    audit: (e) => appendAudit(h.store.db, e),
  });
  const verifier = new TokenVerifier({ keys: h.issuer!.keys, audiences: h.config.aad.audiences, loginHost: h.config.endpoints.login });
  return buildApp({ config: h.config, store: h.store, jobs: h.jobs, verifier, bot, devIssuer: h.issuer, logger });
}

describe("refusals answered without an error object", () => {
  it("the bot endpoint's 401 for a Bot Connector request without a valid token is audit-logged", async () => {
    const app = await appWithBot({ appId: randomUUID(), password: "not-used", tenantId: identity("tom").tenantId });
    try {
      const activity = { type: "message", id: "1", channelId: "msteams", serviceUrl: "https://smba.trafficmanager.net/amer/", from: { id: "29:x" }, conversation: { id: "a:1" }, recipient: { id: "28:bot" }, text: "hello" };
      const res = await app.inject({ method: "POST", url: "/api/messages", remoteAddress: "198.51.100.6", payload: activity });
      expect(res.statusCode).toBe(401);
      // onResponse runs once the answer is sent: give its write a moment.
      let rows = await rowFor(String(res.headers["x-request-id"]));
      for (let i = 0; i < 40 && rows.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 50));
        rows = await rowFor(String(res.headers["x-request-id"]));
      }
      expect(rows).toHaveLength(1);
      expect(rows[0]!.detail).toMatchObject({ errorId: "http.unauthorized", status: 401, route: "/api/messages", client: "198.51.100.6" });
    } finally {
      await app.close();
    }
  });
});

describe("a bot activity naming an untrusted serviceUrl", () => {
  it("is one access.denied row per refused activity, rate-limited like every refusal, with the host and no claimed identity", async () => {
    // Local mode (no app id): botbuilder lets the activity through, and only a loopback serviceUrl is trusted.
    const app = await appWithBot({ appId: "", password: "", tenantId: "" });
    const client = "198.51.100.7";
    const claimedTenant = randomUUID();
    const claimedPerson = randomUUID();
    const since = new Date();
    const sent = DEFAULT_REFUSAL_LIMITS.burst + 7;
    const rows = () => h.store.db.selectFrom("audit_log").selectAll().where("at", ">=", since).execute();
    const mine = async () => (await rows()).filter((r) => (r.detail as { client?: string }).client === client || JSON.stringify(r.detail).includes(client));
    let first = "";
    try {
      for (let i = 0; i < sent; i++) {
        const activity = {
          type: "message",
          id: String(i),
          channelId: "msteams",
          serviceUrl: `https://attacker.example/path/${i}?token=secret`,
          from: { id: "29:x", aadObjectId: claimedPerson },
          conversation: { id: "a:1", tenantId: claimedTenant },
          channelData: { tenant: { id: claimedTenant } },
          recipient: { id: "28:bot" },
          text: "hello",
        };
        const res = await app.inject({ method: "POST", url: "/api/messages", remoteAddress: client, payload: activity });
        expect(res.statusCode).toBe(403);
        if (i === 0) first = String(res.headers["x-request-id"]);
      }
      // onResponse runs once each answer is sent: give the writes a moment.
      for (let i = 0; i < 40 && (await mine()).length < DEFAULT_REFUSAL_LIMITS.burst; i++) await new Promise((r) => setTimeout(r, 50));
      const [row] = await rowFor(first);
      expect(row).toMatchObject({ event: "access.denied", outcome: "denied", actor_tenant_id: null, actor_object_id: null, request_id: first });
      expect(row!.detail).toEqual({ serviceUrlHost: "attacker.example", errorId: "bot.service_url_refused", status: 403, method: "POST", route: "/api/messages", client });
    } finally {
      await app.close();
    }
    const written = await mine();
    // The burst, then one summary row for the rest (written as the app closes): no second row per activity.
    expect(written.filter((r) => r.event === "access.denied")).toHaveLength(DEFAULT_REFUSAL_LIMITS.burst);
    const summaries = written.filter((r) => r.event === "access.refusals_suppressed");
    expect(summaries).toHaveLength(1);
    expect(summaries[0]!.detail).toMatchObject({ suppressed: sent - DEFAULT_REFUSAL_LIMITS.burst, byReason: { "bot.service_url_refused": sent - DEFAULT_REFUSAL_LIMITS.burst } });
    const all = await rows();
    // No second row of any other kind for the same activities (the bot used to write its own, unlimited).
    expect(all.filter((r) => JSON.stringify(r.detail).includes("attacker.example")).map((r) => r.event)).toEqual(Array(DEFAULT_REFUSAL_LIMITS.burst).fill("access.denied"));
    const text = JSON.stringify(all);
    for (const claimed of [claimedTenant, claimedPerson, "token=secret"]) expect(text).not.toContain(claimed);
  });
});

describe("a flood of bad tokens", () => {
  it("writes a burst per client and one summary row, not a row per request", async () => {
    const flood = await createHarness({});
    const client = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
    const since = new Date();
    let refused = 0;
    for (let i = 0; i < 200; i++) {
      const res = await flood.app.inject({ method: "GET", url: "/api/v1/me", remoteAddress: client, headers: { authorization: `Bearer forged.${i}.token` } });
      if (res.statusCode === 401) refused += 1;
    }
    expect(refused).toBe(200);
    const rows = () =>
      h.store.db.selectFrom("audit_log").selectAll().where("at", ">=", since).where("event", "in", ["access.denied", "access.refusals_suppressed"]).execute();
    const written = (await rows()).filter((r) => (r.detail as { client?: string }).client === client);
    expect(written).toHaveLength(DEFAULT_REFUSAL_LIMITS.burst);
    await flood.close();
    const summaries = (await rows()).filter((r) => r.event === "access.refusals_suppressed" && JSON.stringify(r.detail).includes(client));
    expect(summaries).toHaveLength(1);
    expect(summaries[0]!.detail).toMatchObject({ suppressed: 200 - DEFAULT_REFUSAL_LIMITS.burst, byReason: { "auth.invalid_token": 200 - DEFAULT_REFUSAL_LIMITS.burst }, topClients: [{ client, n: 200 - DEFAULT_REFUSAL_LIMITS.burst }] });
  });
});
