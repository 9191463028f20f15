import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_AGENCIES, DEMO_IDENTITIES } from "../../src/domain/demo.js";
import { createHarness, type Harness } from "../support/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

async function me(token?: string) {
  return h.app.inject({ method: "GET", url: "/api/v1/me", headers: token ? { authorization: `Bearer ${token}` } : {} });
}

describe("GET /api/v1/me", () => {
  it.each([
    ["priya", "Department of Finance", true],
    ["tom", "Department of Finance", false],
    ["aisha", "Digital Transformation Agency", false],
    ["marcus", "Australian Bureau of Statistics", false],
  ])("%s sees who they are, their agency and what they may do", async (key, agencyName, owner) => {
    const res = await me(await h.tokenFor(key));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const demo = DEMO_IDENTITIES.find((d) => d.key === key)!;
    expect(body.person.displayName).toBe(demo.displayName);
    expect(body.person.email).toBe(demo.email);
    expect(body.person.jobTitle).toBe(demo.jobTitle);
    expect(body.agency.name).toBe(agencyName);
    expect(body.tenantId).toBe(demo.tenantId);
    expect(body.platformOwner).toBe(owner);
    expect(body.permissions["guildhall.use"]).toBe(true);
    expect(body.permissions["community.propose"]).toBe(true);
    expect(body.permissions["community.approve"]).toBe(owner);
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("the shared tenant's agencies are told apart by email domain", async () => {
    const aisha = (await me(await h.tokenFor("aisha"))).json();
    const marcus = (await me(await h.tokenFor("marcus"))).json();
    expect(aisha.tenantId).toBe(marcus.tenantId);
    expect(aisha.agency.shortName).toBe("DTA");
    expect(marcus.agency.shortName).toBe("ABS");
  });

  it.each([
    ["guest", "guest_not_allowed"],
    ["outsider", "tenant_not_allowed"],
  ])("%s is refused with 403 and a reason, sees no data, and the refusal is audit-logged", async (key, reason) => {
    const demo = DEMO_IDENTITIES.find((d) => d.key === key)!;
    const before = await h.store.db.selectFrom("audit_log").select((eb) => eb.fn.countAll<string>().as("n")).where("actor_object_id", "=", demo.objectId).executeTakeFirstOrThrow();
    const res = await me(await h.tokenFor(key));
    expect(res.statusCode).toBe(403);
    const body = res.json();
    expect(body.error.id).toBe("eligibility.denied");
    expect(body.error.reason).toBe(reason);
    expect(body.error.requestId).toBe(res.headers["x-request-id"]);
    expect(body).not.toHaveProperty("person");
    expect(JSON.stringify(body)).not.toContain(demo.email);
    const rows = await h.store.db.selectFrom("audit_log").selectAll().where("actor_object_id", "=", demo.objectId).orderBy("id", "desc").execute();
    expect(rows.length).toBe(Number(before.n) + 1);
    expect(rows[0]).toMatchObject({ event: "access.denied", outcome: "denied", actor_tenant_id: demo.tenantId, request_id: body.error.requestId });
    expect(rows[0]!.detail).toMatchObject({ action: "guildhall.use", reason, errorId: "eligibility.denied", status: 403 });
    const person = await h.store.db.selectFrom("people").selectAll().where("object_id", "=", demo.objectId).executeTakeFirst();
    expect(person).toBeUndefined();
  });

  it("answers 401 without a token and with a token that is not a JWT", async () => {
    const none = await me();
    expect(none.statusCode).toBe(401);
    expect(none.json().error.id).toBe("auth.missing_token");
    const junk = await me("definitely.not.valid");
    expect(junk.statusCode).toBe(401);
    expect(junk.json().error.id).toBe("auth.invalid_token");
    const basic = await h.app.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: "Basic dXNlcjpwYXNz" } });
    expect(basic.statusCode).toBe(401);
  });

  it("ignores identity headers a client might try to supply", async () => {
    const res = await h.app.inject({
      method: "GET",
      url: "/api/v1/me?tid=7f1c2a4e-0b8d-4c1e-9a51-3d2f6b8e1a01",
      headers: { "x-ms-client-principal-id": DEMO_IDENTITIES[0]!.objectId, "x-user-id": "priya" },
    });
    expect(res.statusCode).toBe(401);
  });

  it("creates a person on first visit and keeps one row on repeat visits", async () => {
    const newcomer = { ...DEMO_IDENTITIES.find((d) => d.key === "tom")!, objectId: "a0000000-0000-4000-8000-0000000000aa", displayName: "New Starter", email: "new.starter@finance.gov.au" };
    const token = await h.issuer!.issue(newcomer);
    const first = (await me(token)).json();
    const second = (await me(token)).json();
    expect(second.person.id).toBe(first.person.id);
    const rows = await h.store.db.selectFrom("people").selectAll().where("object_id", "=", newcomer.objectId).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.agency_id).toBe(DEMO_AGENCIES[0]!.id);
  });

  it("refreshes the cached name when the token carries a new one", async () => {
    const base = DEMO_IDENTITIES.find((d) => d.key === "marcus")!;
    await me(await h.tokenFor("marcus"));
    const renamed = await me(await h.issuer!.issue({ ...base, displayName: "Marcus Bell-Ng" }));
    expect(renamed.json().person.displayName).toBe("Marcus Bell-Ng");
    await me(await h.tokenFor("marcus"));
  });
});
