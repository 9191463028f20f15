/**
 * Entra mode end to end: the server fetches signing keys from the Entra stand-in over HTTP (as from
 * login.microsoftonline.com) and refuses every kind of bad token.
 */
import { UnsecuredJWT, type JWTPayload } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../support/harness.js";
import { startEntraStandIn, type EntraStandIn } from "../support/entra-standin.js";

const APP = "11111111-2222-4333-8444-555555555555";
const T_FIN = "7f1c2a4e-0b8d-4c1e-9a51-3d2f6b8e1a01";
const T_OUT = "c0ffee00-1111-4222-8333-444455556666";

let entra: EntraStandIn;
let h: Harness;

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
});
afterAll(async () => {
  await h.close();
  await entra.close();
});

const claims = (over: JWTPayload = {}): JWTPayload => ({
  aud: APP,
  iss: `${entra.loginHost}/${T_FIN}/v2.0`,
  tid: T_FIN,
  oid: "a0000000-0000-4000-8000-0000000000e1",
  scp: "access_as_user",
  name: "Erin Entra",
  preferred_username: "erin.entra@finance.gov.au",
  ver: "2.0",
  ...over,
});

async function me(token: string) {
  return h.app.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: `Bearer ${token}` } });
}

describe("entra mode", () => {
  it("accepts a token signed by the tenant's published key", async () => {
    const res = await me(await entra.sign(claims()));
    expect(res.statusCode).toBe(200);
    expect(res.json().person.displayName).toBe("Erin Entra");
    expect(entra.requests()).toBeGreaterThan(0);
  });

  it.each<[string, () => Promise<string>, string]>([
    ["forged signature", () => entra.sign(claims(), { key: entra.foreignKey }), "bad_signature"],
    ["unknown key id", () => entra.sign(claims(), { key: entra.foreignKey, kid: "rotated-away" }), "bad_signature"],
    ["alg none", async () => new UnsecuredJWT(claims()).setIssuedAt().setExpirationTime("1h").encode(), "bad_signature"],
    ["expired", () => entra.sign(claims(), { issuedAt: Math.floor(Date.now() / 1000) - 7200, expiresIn: Math.floor(Date.now() / 1000) - 3600 }), "expired"],
    ["wrong audience", () => entra.sign(claims({ aud: "00000003-0000-0000-c000-000000000000" })), "wrong_audience"],
    ["wrong issuer", () => entra.sign(claims({ iss: `https://login.microsoftonline.com/${T_FIN}/v2.0` })), "wrong_issuer"],
    ["missing scope", () => entra.sign(claims({ scp: "User.Read" })), "missing_scope"],
  ])("refuses a token with %s (401)", async (_name, make, problem) => {
    const res = await me(await make());
    expect(res.statusCode).toBe(401);
    expect(res.json().error.id).toBe("auth.invalid_token");
    if (problem !== "bad_signature") expect(res.json().error.problem).toBe(problem);
  });

  it("refuses a valid token from a tenant that is not allow-listed (403)", async () => {
    const res = await me(await entra.sign(claims({ tid: T_OUT, iss: `${entra.loginHost}/${T_OUT}/v2.0`, preferred_username: "x@finance.gov.au" })));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.reason).toBe("tenant_not_allowed");
  });

  it("refuses a valid member token whose domain is not allow-listed (403)", async () => {
    const res = await me(await entra.sign(claims({ preferred_username: "erin@gmail.com" })));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.reason).toBe("domain_not_allowed");
  });

  it("has no dev identity routes", async () => {
    expect((await h.app.inject({ method: "GET", url: "/api/dev/identities" })).statusCode).toBe(404);
    expect((await h.app.inject({ method: "POST", url: "/api/dev/token", payload: { key: "priya" } })).statusCode).toBe(404);
  });

  it("tells the browser it is in entra mode", async () => {
    const res = await h.app.inject({ method: "GET", url: "/api/v1/client-config" });
    expect(res.json()).toEqual({
      authMode: "entra",
      clientId: APP,
      cloud: "Public",
      // No MAX_CLASSIFICATION: the ceiling fails closed at OFFICIAL: Sensitive.
      classifications: { max: "OFFICIAL_SENSITIVE", allowed: ["OFFICIAL", "OFFICIAL_SENSITIVE"], ceilingReason: expect.stringContaining("OFFICIAL: Sensitive") },
      // No pseudo-locale outside local mode.
      locales: ["en-AU", "en-US", "fr-CA"],
      naming: { prefix: "", suffix: "" },
    });
  });
});
