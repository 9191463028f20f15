/**
 * An agency is onboarded only when its people can sign in: its email domains are checked against the sign-in
 * allow-list (ALLOWED_EMAIL_DOMAINS). None live: refused beside the field, nothing written. Some not live: refused
 * until the platform owner acknowledges it, then registered and audit-logged. The register shows each domain's liveness.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_AGENCIES } from "../../src/domain/demo.js";
import { createHarness, type Harness } from "../support/harness.js";

const NEW_TENANT = randomUUID();
const run = randomUUID().slice(0, 8);
const LIVE = `live${run}.gov.au`;
const DEAD = `dead${run}.gov.au`;
const PATTERN_LIVE = `.wide${run}.gov.au`;

let h: Harness;
let priya: string;
let tom: string;

beforeAll(async () => {
  h = await createHarness({
    ALLOWED_TENANT_IDS: [...new Set(DEMO_AGENCIES.map((a) => a.tenantId)), NEW_TENANT].join(","),
    ALLOWED_EMAIL_DOMAINS: ["finance.gov.au", "dta.gov.au", "abs.gov.au", LIVE, `.wide${run}.gov.au`, `one.part${run}.gov.au`].join(","),
  });
  priya = await h.tokenFor("priya");
  tom = await h.tokenFor("tom");
});
afterAll(async () => {
  await h.close();
});

async function api(token: string, method: "GET" | "POST" | "PUT", url: string, body?: unknown) {
  const res = await h.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body !== undefined ? { payload: body as object } : {}) });
  return { status: res.statusCode, body: res.json(), requestId: String(res.headers["x-request-id"] ?? "") };
}
const agencyCount = async () => Number((await h.store.db.selectFrom("agencies").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
const input = (name: string, emailDomains: string[], over: Record<string, unknown> = {}) => ({ name, shortName: "T", tenantId: NEW_TENANT, emailDomains, ...over });
type Issue = { path: string; message: string; messageKey: string; values?: Record<string, unknown> };

describe("agency sign-in domains", () => {
  it("refuses an agency none of whose domains is live, beside the field, and writes nothing (even when acknowledged)", async () => {
    const before = await agencyCount();
    const auditBefore = await h.store.db.selectFrom("audit_log").select("id").where("event", "like", "agency.%").execute();
    for (const body of [input(`Nobody Signs In ${run}`, [DEAD]), input(`Nobody Signs In ${run}`, [DEAD, `.other${run}.gov.au`], { acknowledgeInactiveDomains: true })]) {
      const res = await api(priya, "POST", "/api/v1/agencies", body);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ id: "agency.no_live_domain", messageKey: "agencies.errors.noLiveDomain" });
      expect(res.body.error.message).toContain("ALLOWED_EMAIL_DOMAINS");
      expect(res.body.error.issues).toEqual([expect.objectContaining({ path: "emailDomains", messageKey: "agencies.validation.noLiveDomain" })]);
      expect(res.body.error.domains.every((d: { status: string }) => d.status === "inactive")).toBe(true);
    }
    expect(await agencyCount()).toBe(before);
    expect(await h.store.db.selectFrom("audit_log").select("id").where("event", "like", "agency.%").execute()).toHaveLength(auditBefore.length);
  });

  it("names a tenant problem and a domain problem in one answer", async () => {
    const res = await api(priya, "POST", "/api/v1/agencies", input(`Two Problems ${run}`, [DEAD], { tenantId: randomUUID() }));
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: Issue) => i.path).sort()).toEqual(["emailDomains", "tenantId"]);
  });

  it("needs an acknowledgement when only some domains are live, then registers and audit-logs them", async () => {
    const before = await agencyCount();
    const body = input(`Partly Live ${run}`, [LIVE, DEAD, `.part${run}.gov.au`]);
    const refused = await api(priya, "POST", "/api/v1/agencies", body);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ id: "agency.inactive_domains", messageKey: "agencies.errors.inactiveDomains", values: { count: 2 } });
    const paths = refused.body.error.issues.map((i: Issue) => i.path).sort();
    expect(paths).toEqual(["acknowledgeInactiveDomains", "emailDomains"]);
    expect(refused.body.error.domains).toEqual([
      { domain: LIVE, status: "live" },
      { domain: DEAD, status: "inactive" },
      { domain: `.part${run}.gov.au`, status: "partial" },
    ]);
    expect(await agencyCount()).toBe(before);

    const created = await api(priya, "POST", "/api/v1/agencies", { ...body, acknowledgeInactiveDomains: true });
    expect(created.status).toBe(201);
    expect(created.body.domains.map((d: { status: string }) => d.status)).toEqual(["live", "inactive", "partial"]);
    const rows = await h.store.db.selectFrom("audit_log").select(["event", "detail"]).where("request_id", "=", created.requestId).orderBy("id").execute();
    expect(rows.map((r) => r.event)).toEqual(["agency.registered", "agency.inactive_domains_acknowledged"]);
    expect(rows[1]!.detail).toMatchObject({
      agencyId: created.body.id,
      notLive: [
        { domain: DEAD, status: "inactive" },
        { domain: `.part${run}.gov.au`, status: "partial" },
      ],
    });
  });

  it("registers an all-live agency without asking, and audit-logs nothing extra", async () => {
    const created = await api(priya, "POST", "/api/v1/agencies", input(`All Live ${run}`, [`x.wide${run}.gov.au`, PATTERN_LIVE.replace(".wide", ".sub.wide")]));
    expect(created.status).toBe(201);
    const events = await h.store.db.selectFrom("audit_log").select("event").where("request_id", "=", created.requestId).execute();
    expect(events.map((e) => e.event)).toEqual(["agency.registered"]);
  });

  it("holds a change to the same rules for the domains it adds; a rename keeps domains that are no longer live", async () => {
    const created = await api(priya, "POST", "/api/v1/agencies", input(`Changing ${run}`, [`y.wide${run}.gov.au`]));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const dead = await api(priya, "PUT", `/api/v1/agencies/${id}`, input(`Changing ${run}`, [`gone${run}.gov.au`]));
    expect(dead.status).toBe(400);
    expect(dead.body.error.id).toBe("agency.no_live_domain");
    const adding = await api(priya, "PUT", `/api/v1/agencies/${id}`, input(`Changing ${run}`, [`y.wide${run}.gov.au`, `new${run}.gov.au`]));
    expect(adding.status).toBe(400);
    expect(adding.body.error.id).toBe("agency.inactive_domains");
    const acknowledged = await api(priya, "PUT", `/api/v1/agencies/${id}`, input(`Changing ${run}`, [`y.wide${run}.gov.au`, `new${run}.gov.au`], { acknowledgeInactiveDomains: true }));
    expect(acknowledged.status).toBe(200);
    // The domain was acknowledged before: renaming does not ask again.
    const renamed = await api(priya, "PUT", `/api/v1/agencies/${id}`, input(`Changed ${run}`, [`y.wide${run}.gov.au`, `new${run}.gov.au`]));
    expect(renamed.status).toBe(200);
    // An agency whose only domain left the allow-list (registered by an older release) can still be renamed.
    const old = await h.store.db
      .insertInto("agencies")
      .values({ id: randomUUID(), name: `Older ${run}`, short_name: "O", tenant_id: NEW_TENANT, email_domains: [`older${run}.gov.au`] })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect((await api(priya, "PUT", `/api/v1/agencies/${old.id}`, input(`Older, renamed ${run}`, [`older${run}.gov.au`]))).status).toBe(200);
  });

  it("shows platform owners each domain's liveness and the allow-list; others see neither", async () => {
    const mine = await api(priya, "GET", "/api/v1/agencies");
    expect(mine.status).toBe(200);
    expect(mine.body.signInDomains).toEqual(expect.arrayContaining(["finance.gov.au", LIVE, `.wide${run}.gov.au`]));
    const partly = mine.body.items.find((a: { name: string }) => a.name === `Partly Live ${run}`);
    expect(partly.domains).toEqual([
      { domain: LIVE, status: "live" },
      { domain: DEAD, status: "inactive" },
      { domain: `.part${run}.gov.au`, status: "partial" },
    ]);
    const finance = mine.body.items.find((a: { shortName: string }) => a.shortName === "Finance");
    expect(finance.domains).toEqual([{ domain: "finance.gov.au", status: "live" }]);
    const theirs = await api(tom, "GET", "/api/v1/agencies");
    expect(theirs.body.signInDomains).toBeUndefined();
    expect(theirs.body.items.every((a: Record<string, unknown>) => a["domains"] === undefined && a["emailDomains"] === undefined)).toBe(true);
  });
});
