import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey, type JWTPayload } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { CLOCK_SKEW_SECONDS, homeAddressOfGuestUpn, MAX_TOKEN_LIFETIME_SECONDS, principalFromClaims, TokenError, TokenVerifier } from "./tokens.js";

const LOGIN = "https://login.microsoftonline.com";
const APP = "6a1d0c53-3c6e-4f0e-9a8c-2f1b7e5d4c01";
const TID = "7f1c2a4e-0b8d-4c1e-9a51-3d2f6b8e1a01";
const OID = "a0000000-0000-4000-8000-000000000001";

let signingKey: CryptoKey;
let otherKey: CryptoKey;
let verifier: TokenVerifier;

const good = (): JWTPayload => ({
  aud: APP,
  iss: `${LOGIN}/${TID}/v2.0`,
  tid: TID,
  oid: OID,
  scp: "User.Read access_as_user",
  name: "Priya Raman",
  preferred_username: "priya.raman@finance.gov.au",
  ver: "2.0",
});

async function sign(claims: JWTPayload, opts: { key?: CryptoKey; kid?: string; exp?: string | number; iat?: number } = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: opts.kid ?? "k1" })
    .setIssuedAt(opts.iat)
    .setExpirationTime(opts.exp ?? "1h")
    .sign(opts.key ?? signingKey);
}

async function problem(token: string | undefined): Promise<string> {
  try {
    await verifier.verify(token);
    return "accepted";
  } catch (err) {
    if (err instanceof TokenError) return err.problem;
    throw err;
  }
}

beforeAll(async () => {
  const kp = await generateKeyPair("RS256");
  signingKey = kp.privateKey;
  otherKey = (await generateKeyPair("RS256")).privateKey;
  const jwk = { ...(await exportJWK(kp.publicKey)), kid: "k1", alg: "RS256" };
  verifier = new TokenVerifier({ keys: createLocalJWKSet({ keys: [jwk] }), audiences: [APP, `api://guildhall.example/${APP}`], loginHost: LOGIN });
});

describe("TokenVerifier", () => {
  it("accepts a well-formed Teams SSO token and returns the principal", async () => {
    const p = await verifier.verify(await sign(good()));
    expect(p).toMatchObject({ tenantId: TID, objectId: OID, email: "priya.raman@finance.gov.au", isGuest: false, displayName: "Priya Raman" });
  });

  it("accepts the application id URI as audience", async () => {
    expect(await problem(await sign({ ...good(), aud: `api://guildhall.example/${APP}` }))).toBe("accepted");
  });

  it("rejects a missing token and a malformed one", async () => {
    expect(await problem(undefined)).toBe("missing");
    expect(await problem("not-a-jwt")).toBe("malformed");
    expect(await problem("a.b.c")).toBe("malformed");
  });

  it("rejects a forged signature (right kid, wrong key)", async () => {
    expect(await problem(await sign(good(), { key: otherKey }))).toBe("bad_signature");
  });

  it("rejects a token whose signature was altered after signing", async () => {
    const t = await sign(good());
    const [h, p] = t.split(".");
    const tampered = Buffer.from(JSON.stringify({ ...good(), oid: "b0000000-0000-4000-8000-000000000009", exp: 9999999999, iat: 1 })).toString("base64url");
    expect(await problem(`${h}.${tampered}.${t.split(".")[2]}`)).toBe("bad_signature");
    expect(p).toBeDefined();
  });

  it("rejects alg: none", async () => {
    const unsigned = new UnsecuredJWT(good()).setIssuedAt().setExpirationTime("1h").encode();
    expect(["bad_signature", "malformed"]).toContain(await problem(unsigned));
    expect(await problem(unsigned)).not.toBe("accepted");
  });

  it("rejects an HMAC token signed with the public key material (algorithm confusion)", async () => {
    const secret = new TextEncoder().encode("k1-public-key-as-secret-0123456789abcdef");
    const hs = await new SignJWT(good()).setProtectedHeader({ alg: "HS256", kid: "k1" }).setIssuedAt().setExpirationTime("1h").sign(secret);
    expect(await problem(hs)).toBe("bad_signature");
  });

  it("rejects an expired token", async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await problem(await sign(good(), { iat: now - 7200, exp: now - 3600 }))).toBe("expired");
  });

  describe("time claims: five minutes of clock skew, at most a day of life", () => {
    const now = () => Math.floor(Date.now() / 1000);
    const at = (claims: JWTPayload) =>
      new SignJWT({ ...good(), ...claims }).setProtectedHeader({ alg: "RS256", kid: "k1" }).sign(signingKey).then(problem);

    it("accepts Entra's usual 60–90 minutes, a day-long policy token, and a clock a few minutes off either way", async () => {
      expect(await at({ iat: now(), exp: now() + 90 * 60 })).toBe("accepted");
      expect(await at({ iat: now() - 60, nbf: now() - 60, exp: now() + MAX_TOKEN_LIFETIME_SECONDS - 60 })).toBe("accepted");
      expect(await at({ iat: now() + 4 * 60, nbf: now() + 4 * 60, exp: now() + 3600 })).toBe("accepted");
      expect(await at({ iat: now() - 3600, exp: now() - 4 * 60 })).toBe("accepted");
    });

    it.each<[string, () => JWTPayload, string]>([
      ["iat an hour in the future", () => ({ iat: now() + 3600, exp: now() + 7200 }), "not_yet_valid"],
      ["iat ten years in the future", () => ({ iat: now() + 10 * 365 * 86400, exp: now() + 10 * 365 * 86400 + 3600 }), "not_yet_valid"],
      ["iat just beyond the skew", () => ({ iat: now() + CLOCK_SKEW_SECONDS + 30, exp: now() + 3600 }), "not_yet_valid"],
      ["nbf an hour in the future", () => ({ iat: now(), nbf: now() + 3600, exp: now() + 7200 }), "not_yet_valid"],
      ["exp in 2999", () => ({ iat: now(), exp: Date.UTC(2999, 0, 1) / 1000 }), "lifetime_too_long"],
      ["a lifetime of a day and a minute", () => ({ iat: now(), exp: now() + MAX_TOKEN_LIFETIME_SECONDS + 60 }), "lifetime_too_long"],
      ["an old iat stretching exp past a day from now", () => ({ iat: now() - 3600, exp: now() + MAX_TOKEN_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS + 60 }), "lifetime_too_long"],
      ["an iat more than a day ago", () => ({ iat: now() - MAX_TOKEN_LIFETIME_SECONDS - CLOCK_SKEW_SECONDS - 60, exp: now() + 60 }), "expired"],
      ["exp beyond the skew in the past", () => ({ iat: now() - 3600, exp: now() - CLOCK_SKEW_SECONDS - 30 }), "expired"],
    ])("refuses %s", async (_label, claims, expected) => {
      expect(await at(claims())).toBe(expected);
    });

    it("refuses a token without iat", async () => {
      const { iat: _iat, ...claims } = { ...good(), exp: now() + 3600 };
      expect(await problem(await new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "k1" }).sign(signingKey))).not.toBe("accepted");
    });
  });

  it("rejects the wrong audience", async () => {
    expect(await problem(await sign({ ...good(), aud: "00000003-0000-0000-c000-000000000000" }))).toBe("wrong_audience");
  });

  it("rejects the wrong issuer, another tenant's issuer, and another cloud's issuer", async () => {
    expect(await problem(await sign({ ...good(), iss: "https://evil.example/v2.0" }))).toBe("wrong_issuer");
    expect(await problem(await sign({ ...good(), iss: `${LOGIN}/2b9e6d10-5c3a-4f7e-8d21-6a4c9e0f3b02/v2.0` }))).toBe("wrong_issuer");
    expect(await problem(await sign({ ...good(), iss: `https://login.microsoftonline.us/${TID}/v2.0` }))).toBe("wrong_issuer");
    expect(await problem(await sign({ ...good(), iss: `https://sts.windows.net/${TID}/` }))).toBe("wrong_issuer");
  });

  it("rejects a token without the access_as_user scope (e.g. an app-only token)", async () => {
    expect(await problem(await sign({ ...good(), scp: "User.Read" }))).toBe("missing_scope");
    const { scp: _scp, ...noScope } = good();
    expect(await problem(await sign({ ...noScope, roles: ["access_as_user"] }))).toBe("missing_scope");
  });

  it("rejects a token without tid or oid", async () => {
    const { tid: _t, ...noTid } = good();
    expect(await problem(await sign(noTid))).not.toBe("accepted");
    const { oid: _o, ...noOid } = good();
    expect(await problem(await sign(noOid))).not.toBe("accepted");
  });
});

describe("principalFromClaims", () => {
  it("detects a B2B guest from idp and reads the home tenant and home address", () => {
    const p = principalFromClaims({
      ...good(),
      preferred_username: "jordan.lee_consultancy.example.com#EXT#@finance.onmicrosoft.com",
      idp: "https://sts.windows.net/9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a/",
    });
    expect(p.isGuest).toBe(true);
    expect(p.homeTenantId).toBe("9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a");
    expect(p.email).toBe("jordan.lee@consultancy.example.com");
  });

  it("detects a guest from the acct optional claim even without idp", () => {
    expect(principalFromClaims({ ...good(), acct: 1 }).isGuest).toBe(true);
    expect(principalFromClaims({ ...good(), acct: 0 }).isGuest).toBe(false);
  });

  it("a Microsoft account guest has no home tenant", () => {
    const p = principalFromClaims({ ...good(), idp: "live.com" });
    expect(p.isGuest).toBe(true);
    expect(p.homeTenantId).toBeUndefined();
  });

  it("rewrites #EXT# user names to the home address", () => {
    expect(homeAddressOfGuestUpn("a.b_x.gov.au#EXT#@t.onmicrosoft.com")).toBe("a.b@x.gov.au");
    expect(homeAddressOfGuestUpn("plain@x.gov.au")).toBe("plain@x.gov.au");
  });
});
