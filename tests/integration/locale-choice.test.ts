/**
 * A person's own choice of language (issue 9): saved with the profile, returned by /me, limited to the locales
 * client-config offers (the pseudo-locale in local mode only); anything else is refused beside the field and
 * changes nothing.
 */
import type { JWTPayload } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDENTITIES } from "../../src/domain/demo.js";
import { startEntraStandIn, type EntraStandIn } from "../support/entra-standin.js";
import { createHarness, type Harness } from "../support/harness.js";

const APP = "11111111-2222-4333-8444-555555555555";
const T_FIN = "7f1c2a4e-0b8d-4c1e-9a51-3d2f6b8e1a01";

async function me(h: Harness, token: string) {
  return h.app.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: `Bearer ${token}` } });
}

async function saveProfile(h: Harness, token: string, payload: unknown) {
  return h.app.inject({ method: "POST", url: "/api/v1/me/profile", headers: { authorization: `Bearer ${token}` }, payload: payload as Record<string, unknown> });
}

describe("local mode", () => {
  let h: Harness;
  let token: string;
  beforeAll(async () => {
    h = await createHarness();
    // Someone no other test touches, so the saved choice starts empty.
    const base = DEMO_IDENTITIES.find((d) => d.key === "tom")!;
    token = await h.issuer!.issue({ ...base, objectId: "a0000000-0000-4000-8000-00000000c0de", displayName: "Lou Langue", email: "lou.langue@finance.gov.au" });
  });
  afterAll(async () => {
    await h.close();
  });

  it("offers every locale and the pseudo-locale", async () => {
    const res = await h.app.inject({ method: "GET", url: "/api/v1/client-config" });
    expect(res.json().locales).toEqual(["en-AU", "en-US", "fr-CA", "en-XA"]);
  });

  it("starts with no choice (follow Teams and the browser), saves one, and clears it", async () => {
    expect((await me(h, token)).json().locale).toBeNull();

    const saved = await saveProfile(h, token, { locale: "fr-CA" });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).not.toHaveProperty("locale"); // the profile others see does not carry it
    expect((await me(h, token)).json().locale).toBe("fr-CA");

    // Saving other fields leaves the language alone.
    expect((await saveProfile(h, token, { jobTitle: "Policy Officer" })).statusCode).toBe(200);
    const after = (await me(h, token)).json();
    expect(after.locale).toBe("fr-CA");
    expect(after.person.jobTitle).toBe("Policy Officer");

    expect((await saveProfile(h, token, { locale: "en-XA" })).statusCode).toBe(200);
    expect((await me(h, token)).json().locale).toBe("en-XA");

    expect((await saveProfile(h, token, { locale: null })).statusCode).toBe(200);
    expect((await me(h, token)).json().locale).toBeNull();
  });

  it.each<[string, unknown]>([
    ["a locale Guildhall does not have", "de-DE"],
    ["a bare language", "fr"],
    ["the wrong case", "FR-ca"],
    ["an empty string", ""],
    ["a number", 5],
    ["an object", { tag: "fr-CA" }],
  ])("refuses %s with 400 beside the field and changes nothing", async (_what, locale) => {
    expect((await saveProfile(h, token, { locale: "en-US", jobTitle: "Analyst" })).statusCode).toBe(200);
    const res = await saveProfile(h, token, { locale, jobTitle: "Should Not Be Saved" });
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.id).toBe("request.invalid");
    expect(error.issues).toEqual([expect.objectContaining({ path: "locale", message: expect.any(String) })]);
    const after = (await me(h, token)).json();
    expect(after.locale).toBe("en-US");
    expect(after.person.jobTitle).toBe("Analyst");
    const row = await h.store.db.selectFrom("people").select(["locale", "job_title"]).where("id", "=", after.person.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ locale: "en-US", job_title: "Analyst" });
  });
});

describe("entra mode", () => {
  let entra: EntraStandIn;
  let h: Harness;
  let token: string;
  beforeAll(async () => {
    entra = await startEntraStandIn();
    h = await createHarness({
      AUTH_MODE: "entra",
      LOGIN_BASE_URL: entra.loginHost,
      AAD_APP_CLIENT_ID: APP,
      AAD_APP_CLIENT_SECRET: "unused-in-this-test",
      BOT_ID: "99999999-2222-4333-8444-555555555555",
      BOT_PASSWORD: "unused",
      BOT_TENANT_ID: T_FIN,
      ALLOWED_TENANT_IDS: T_FIN,
      ALLOWED_EMAIL_DOMAINS: "finance.gov.au",
    });
    const claims: JWTPayload = {
      aud: APP,
      iss: `${entra.loginHost}/${T_FIN}/v2.0`,
      tid: T_FIN,
      oid: "a0000000-0000-4000-8000-00000000c0df",
      scp: "access_as_user",
      name: "Élodie Entra",
      preferred_username: "elodie.entra@finance.gov.au",
      ver: "2.0",
    };
    token = await entra.sign(claims);
  });
  afterAll(async () => {
    await h.close();
    await entra.close();
  });

  it("offers no pseudo-locale", async () => {
    const res = await h.app.inject({ method: "GET", url: "/api/v1/client-config" });
    expect(res.json().locales).toEqual(["en-AU", "en-US", "fr-CA"]);
  });

  it("saves a real locale but refuses the pseudo-locale", async () => {
    expect((await saveProfile(h, token, { locale: "fr-CA" })).statusCode).toBe(200);
    expect((await me(h, token)).json().locale).toBe("fr-CA");
    const res = await saveProfile(h, token, { locale: "en-XA" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues).toEqual([expect.objectContaining({ path: "locale", message: "Choose one of the languages offered.", messageKey: "validation.profile.locale" })]);
    expect((await me(h, token)).json().locale).toBe("fr-CA");
  });
});
