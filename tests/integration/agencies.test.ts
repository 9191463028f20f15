/**
 * Agencies: platform owners register them (tenant + email domains) and change them; people already known are
 * matched at once; everyone else is refused, and bad input changes nothing.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDENTITIES } from "../../src/domain/demo.js";
import { nameKey } from "../../src/domain/text.js";
import { databaseRefusal } from "../../src/server/errors.js";
import { createHarness, type Harness } from "../support/harness.js";

const FINANCE = "7f1c2a4e-0b8d-4c1e-9a51-3d2f6b8e1a01";
const DTA = "2b9e6d10-5c3a-4f7e-8d21-6a4c9e0f3b02";
const NEW_TENANT = randomUUID();
const run = randomUUID().slice(0, 8);
const NEW_DOMAIN = `pmc${run}.gov.au`;
const OTHER_DOMAIN = `niaa${run}.gov.au`;

let h: Harness;
const tokens = new Map<string, string>();

beforeAll(async () => {
  h = await createHarness({
    ALLOWED_TENANT_IDS: [FINANCE, DTA, NEW_TENANT].join(","),
    // `.gov.au`: the look-alike tests' agencies need a live domain (tests/integration/agency-sign-in-domains.test.ts tries the others).
    ALLOWED_EMAIL_DOMAINS: ["finance.gov.au", "dta.gov.au", "abs.gov.au", NEW_DOMAIN, OTHER_DOMAIN, ".gov.au"].join(","),
  });
  for (const key of ["priya", "tom", "guest"]) tokens.set(key, await h.tokenFor(key));
  const tom = DEMO_IDENTITIES.find((d) => d.key === "tom")!;
  for (const [key, domain] of [["sam", NEW_DOMAIN], ["kim", OTHER_DOMAIN]] as const) {
    tokens.set(key, await h.issuer!.issue({ ...tom, key, tenantId: NEW_TENANT, objectId: randomUUID(), displayName: `${key} ${run}`, email: `${key}@${domain}` }));
  }
});
afterAll(async () => {
  await h.close();
});

async function api(who: string | null, method: "GET" | "POST" | "PUT", url: string, body?: unknown) {
  const res = await h.app.inject({ method, url, headers: who ? { authorization: `Bearer ${tokens.get(who)}` } : {}, ...(body !== undefined ? { payload: body as object } : {}) });
  return { status: res.statusCode, body: res.json() };
}
const agencyRows = () => h.store.db.selectFrom("agencies").select("id").execute();
const input = (over: Record<string, unknown> = {}) => ({ name: `Prime Minister and Cabinet ${run}`, shortName: "PM&C", tenantId: NEW_TENANT, emailDomains: [NEW_DOMAIN], ...over });

describe("agencies", () => {
  it("are registered by platform owners only; nobody else changes anything", async () => {
    const before = (await agencyRows()).length;
    expect((await api(null, "POST", "/api/v1/agencies", input())).status).toBe(401);
    expect((await api("guest", "POST", "/api/v1/agencies", input())).status).toBe(403);
    const tom = await api("tom", "POST", "/api/v1/agencies", input());
    expect(tom.status).toBe(403);
    expect(tom.body.error.id).toBe("agency.not_platform_owner");
    expect((await api("tom", "PUT", `/api/v1/agencies/${randomUUID()}`, input())).status).toBe(403);
    expect((await agencyRows()).length).toBe(before);
  });

  it("refuses bad input with the field at fault, and writes nothing", async () => {
    const before = (await agencyRows()).length;
    const empty = await api("priya", "POST", "/api/v1/agencies", {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["emailDomains", "name", "shortName", "tenantId"]);
    const badDomain = await api("priya", "POST", "/api/v1/agencies", input({ emailDomains: ["not a domain"] }));
    expect(badDomain.body.error.issues[0].path).toBe("emailDomains.0");
    const outsider = await api("priya", "POST", "/api/v1/agencies", input({ tenantId: randomUUID() }));
    expect(outsider.status).toBe(400);
    expect(outsider.body.error.id).toBe("agency.tenant_not_allowed");
    const takenDomain = await api("priya", "POST", "/api/v1/agencies", input({ tenantId: FINANCE, emailDomains: ["finance.gov.au"] }));
    expect(takenDomain.status).toBe(409);
    expect(takenDomain.body.error.message).toContain("finance.gov.au (Department of Finance)");
    const takenName = await api("priya", "POST", "/api/v1/agencies", input({ name: "department of finance" }));
    expect(takenName.status).toBe(409);
    expect((await agencyRows()).length).toBe(before);
  });

  it("matches people already known at once, shows details to platform owners only, and can be changed", async () => {
    // Sam and Kim signed in before their agency existed: no agency, so invisible to people search.
    expect((await api("sam", "GET", "/api/v1/me")).body.agency).toBeNull();
    expect((await api("kim", "GET", "/api/v1/me")).body.agency).toBeNull();

    const created = await api("priya", "POST", "/api/v1/agencies", input());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: `Prime Minister and Cabinet ${run}`, shortName: "PM&C", tenantId: NEW_TENANT, emailDomains: [NEW_DOMAIN] });
    // The tenant has one agency now, so both are matched (Kim by the tenant's only agency, as at sign-in).
    expect(created.body.matchedPeople).toBe(2);
    expect((await api("sam", "GET", "/api/v1/me")).body.agency).toMatchObject({ name: `Prime Minister and Cabinet ${run}`, shortName: "PM&C" });

    const forTom = (await api("tom", "GET", "/api/v1/agencies")).body.items.find((a: { id: string }) => a.id === created.body.id);
    expect(forTom).toEqual({ id: created.body.id, name: `Prime Minister and Cabinet ${run}`, shortName: "PM&C" });
    const forPriya = (await api("priya", "GET", "/api/v1/agencies")).body.items.find((a: { id: string }) => a.id === created.body.id);
    expect(forPriya).toMatchObject({ tenantId: NEW_TENANT, emailDomains: [NEW_DOMAIN], people: 2 });

    // A second agency in the same tenant takes Kim's domain: Kim moves, Sam stays.
    const second = await api("priya", "POST", "/api/v1/agencies", input({ name: `Indigenous Australians ${run}`, shortName: "NIAA", emailDomains: [OTHER_DOMAIN] }));
    expect(second.status).toBe(201);
    expect((await api("kim", "GET", "/api/v1/me")).body.agency.shortName).toBe("NIAA");
    expect((await api("sam", "GET", "/api/v1/me")).body.agency.shortName).toBe("PM&C");

    const renamed = await api("priya", "PUT", `/api/v1/agencies/${created.body.id}`, input({ name: `Prime Minister and Cabinet (PM&C) ${run}` }));
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: `Prime Minister and Cabinet (PM&C) ${run}`, people: 1 });
    expect((await api("priya", "PUT", `/api/v1/agencies/${randomUUID()}`, input())).status).toBe(404);

    const audit = await h.store.db.selectFrom("audit_log").select("event").where("event", "in", ["agency.registered", "agency.changed"]).execute();
    expect(audit.filter((a) => a.event === "agency.registered").length).toBeGreaterThanOrEqual(2);
    expect(audit.some((a) => a.event === "agency.changed")).toBe(true);
  });

  it("refuses names that only look like an existing agency's (Cyrillic, fullwidth, case) with a 409 naming the name, and invisible characters with a 400 before any comparison, on register and on change", async () => {
    const name = `Digital Transformation Office ${run}`;
    const domain = `dto${run}.gov.au`;
    const first = await api("priya", "POST", "/api/v1/agencies", input({ name, shortName: "DTO", emailDomains: [domain] }));
    expect(first.status).toBe(201);
    const stored = await h.store.db.selectFrom("agencies").select("name_key").where("id", "=", first.body.id).executeTakeFirstOrThrow();
    expect(stored.name_key).toBe(nameKey(name));
    const lookalikes = [
      name.replace("o", "\u043E"), // Cyrillic о
      name.replace("Digital", "\uFF24igital"), // fullwidth Ｄ
      name.toUpperCase().replace("T", "\u0422"), // upper case, Cyrillic Т
    ];
    const before = (await agencyRows()).length;
    // Invisible characters serve no purpose in a name: refused beside the field before any look-alike comparison,
    // so the answer says nothing about which names exist.
    for (const [n, invisible] of [name.replace("Digital", "Dig\u200Bital"), name.replace("Office", "Off\u00ADice")].entries()) {
      const refused = await api("priya", "POST", "/api/v1/agencies", input({ name: invisible, shortName: "DTO2", emailDomains: [`invisible${n}${run}.gov.au`] }));
      expect(refused.status, invisible).toBe(400);
      expect(refused.body.error.issues[0].path).toBe("name");
      expect(JSON.stringify(refused.body.error)).not.toContain(name);
    }
    for (const [n, lookalike] of lookalikes.entries()) {
      expect(lookalike).not.toBe(name);
      const refused = await api("priya", "POST", "/api/v1/agencies", input({ name: lookalike, shortName: "DTO2", emailDomains: [`lookalike${n}${run}.gov.au`] }));
      expect(refused.status, lookalike).toBe(409);
      expect(refused.body.error.id).toBe("agency.name_taken");
      expect(refused.body.error.issues).toEqual([{ path: "name", message: "This name is taken.", messageKey: "validation.agency.nameTaken" }]);
      expect(refused.body.error).toMatchObject({ messageKey: expect.stringMatching(/^errors\.agency\.nameTaken/), values: { name } });
      expect(refused.body.error.message).toContain(`"${name}"`);
    }
    expect((await agencyRows()).length).toBe(before);

    // Renaming another agency to a look-alike is refused the same way; its own name may change its look.
    const other = await api("priya", "POST", "/api/v1/agencies", input({ name: `Other Office ${run}`, shortName: "OO", emailDomains: [`oo${run}.gov.au`] }));
    expect(other.status).toBe(201);
    const renamed = await api("priya", "PUT", `/api/v1/agencies/${other.body.id}`, input({ name: lookalikes[0], shortName: "OO", emailDomains: [`oo${run}.gov.au`] }));
    expect(renamed.status).toBe(409);
    expect(renamed.body.error.issues[0].path).toBe("name");
    const restyled = await api("priya", "PUT", `/api/v1/agencies/${first.body.id}`, input({ name: name.toUpperCase(), shortName: "DTO", emailDomains: [domain] }));
    expect(restyled.status).toBe(200);

    // Past the check (a race), the database refuses the key itself and the answer is the same 409.
    const raced = await h.store.db
      .insertInto("agencies")
      .values({ id: randomUUID(), name: lookalikes[1]!, name_key: nameKey(lookalikes[1]!), short_name: "R", tenant_id: NEW_TENANT, email_domains: [`raced${run}.gov.au`] })
      .execute()
      .catch((err: unknown) => err);
    expect(raced).toMatchObject({ code: "23505", constraint: "agencies_name_key_uq" });
    const answer = databaseRefusal(raced);
    expect(answer).toMatchObject({ id: "agency.name_taken", status: 409 });
  });

  it("compares rows without a key (written by an older release) by computing it", async () => {
    const name = `Keyless Agency ${run}`;
    await h.store.db.insertInto("agencies").values({ id: randomUUID(), name, short_name: "KA", tenant_id: NEW_TENANT, email_domains: [`keyless${run}.gov.au`] }).execute();
    const refused = await api("priya", "POST", "/api/v1/agencies", input({ name: name.replace("e", "\u0435"), shortName: "KA2", emailDomains: [`keyless2${run}.gov.au`] }));
    expect(refused.status).toBe(409);
    expect(refused.body.error.issues[0].path).toBe("name");
  });
});
