/**
 * Teams SSO token verification. One code path for Entra-issued tokens (remote JWKS of the configured
 * cloud) and local-mode dev tokens (a key generated at start-up): only the key source differs.
 */
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { GUID_PATTERN, type Principal } from "../../domain/identity.js";

export const REQUIRED_SCOPE = "access_as_user";

export type TokenProblem =
  | "missing"
  | "malformed"
  | "bad_signature"
  | "expired"
  | "not_yet_valid"
  | "lifetime_too_long"
  | "wrong_audience"
  | "wrong_issuer"
  | "missing_scope"
  | "missing_claims"
  | "unverifiable";

/**
 * Clock skew tolerated on `exp`, `nbf` and `iat`: five minutes, the default of Microsoft's own token
 * validation (Microsoft.IdentityModel `ClockSkew`), wide enough for an unsynchronised laptop clock in the
 * Teams client, narrow enough that a token "issued" in the future is refused.
 */
export const CLOCK_SKEW_SECONDS = 5 * 60;
/**
 * Longest life an access token may claim (`exp − iat`, and `exp` from now). Entra issues access tokens for
 * 60–90 minutes by default; a configurable token lifetime policy can raise that to at most one day, and
 * nothing Entra issues for a custom API lives longer. (Continuous-access-evaluation tokens of up to 28 h
 * are issued only for CAE-capable Microsoft resources, not for an app's own API.)
 */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;

export class TokenError extends Error {
  constructor(readonly problem: TokenProblem) {
    super(`token rejected: ${problem}`);
    this.name = "TokenError";
  }
}

export interface TokenVerifierOptions {
  /** Where signing keys come from (remote JWKS in Entra mode, the local dev key in local mode). */
  keys: JWTVerifyGetKey;
  /** Accepted `aud` values: the app's client id and its application id URI. */
  audiences: readonly string[];
  /** Entra sign-in host of the configured cloud; issuer must be `${loginHost}/${tid}/v2.0`. */
  loginHost: string;
}

/** Remote key set of a cloud's Entra (cached and rotated by jose). */
export function entraKeys(loginHost: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(`${loginHost}/common/discovery/v2.0/keys`), {
    cooldownDuration: 30_000,
    cacheMaxAge: 6 * 60 * 60 * 1000,
    timeoutDuration: 5_000,
  });
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v.length > 0 ? v : undefined;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** `alice_agency.gov.au#EXT#@host.onmicrosoft.com` → `alice@agency.gov.au`. */
export function homeAddressOfGuestUpn(upn: string): string {
  const ext = upn.indexOf("#EXT#");
  if (ext < 0) return upn;
  const local = upn.slice(0, ext);
  const us = local.lastIndexOf("_");
  return us < 0 ? local : `${local.slice(0, us)}@${local.slice(us + 1)}`;
}

function tenantOfIdp(idp: string | undefined): string | undefined {
  if (!idp) return undefined;
  const m = /^https:\/\/(?:sts\.windows\.net|login\.microsoftonline\.(?:com|us))\/([0-9a-f-]{36})\/?(?:v2\.0)?$/i.exec(idp);
  return m?.[1]?.toLowerCase();
}

/** Turn verified claims into a Principal; throws when a claim Guildhall needs is absent. */
export function principalFromClaims(c: JWTPayload): Principal {
  const tid = str(c["tid"]);
  const oid = str(c["oid"]);
  if (!tid || !GUID_PATTERN.test(tid) || !oid || !GUID_PATTERN.test(oid)) throw new TokenError("missing_claims");
  const iss = str(c.iss);
  const idp = str(c["idp"]);
  const acct = c["acct"];
  const isGuest = acct === 1 || (idp !== undefined && idp !== iss && !idp.includes(tid));
  const username = str(c["preferred_username"]) ?? str(c["upn"]);
  const email = username ? homeAddressOfGuestUpn(username) : str(c["email"]);
  return {
    tenantId: tid.toLowerCase(),
    objectId: oid.toLowerCase(),
    displayName: str(c["name"]) ?? username ?? "Unknown",
    email: email?.toLowerCase(),
    isGuest,
    homeTenantId: isGuest ? tenantOfIdp(idp) : tid.toLowerCase(),
    roles: strings(c["roles"]),
    groups: strings(c["groups"]).map((g) => g.toLowerCase()),
  };
}

export class TokenVerifier {
  constructor(private readonly options: TokenVerifierOptions) {}

  /** Verify a bearer token and return who it names. Throws TokenError on any problem. */
  async verify(token: string | undefined): Promise<Principal> {
    if (!token) throw new TokenError("missing");
    if (token.split(".").length !== 3) throw new TokenError("malformed");
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.options.keys, {
        algorithms: ["RS256"],
        audience: [...this.options.audiences],
        requiredClaims: ["exp", "iat", "tid", "oid", "iss"],
        clockTolerance: CLOCK_SKEW_SECONDS,
        // Also refuses an `iat` more than the skew in the future (jose checks it with maxTokenAge).
        maxTokenAge: MAX_TOKEN_LIFETIME_SECONDS,
      }));
    } catch (err) {
      throw new TokenError(classify(err));
    }
    checkLifetime(payload);
    const tid = str(payload["tid"]) ?? "";
    if (payload.iss !== `${this.options.loginHost}/${tid}/v2.0`) throw new TokenError("wrong_issuer");
    const scopes = (str(payload["scp"]) ?? "").split(" ");
    if (!scopes.includes(REQUIRED_SCOPE)) throw new TokenError("missing_scope");
    return principalFromClaims(payload);
  }
}

/** `exp` no further than the longest lifetime after `iat`, nor after now (an `iat` in the past cannot stretch it). */
function checkLifetime(payload: JWTPayload): void {
  const now = Math.floor(Date.now() / 1000);
  const { exp, iat } = payload;
  if (typeof exp !== "number" || typeof iat !== "number") throw new TokenError("missing_claims");
  if (exp - iat > MAX_TOKEN_LIFETIME_SECONDS || exp - now > MAX_TOKEN_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS) {
    throw new TokenError("lifetime_too_long");
  }
}

function classify(err: unknown): TokenProblem {
  if (err instanceof joseErrors.JWTExpired) return "expired";
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    if (err.claim === "aud") return "wrong_audience";
    if (err.claim === "nbf" || err.claim === "iat") return "not_yet_valid";
    return "missing_claims";
  }
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return "bad_signature";
  if (err instanceof joseErrors.JWKSNoMatchingKey) return "bad_signature";
  if (err instanceof joseErrors.JOSEAlgNotAllowed || err instanceof joseErrors.JOSENotSupported) return "bad_signature";
  if (err instanceof joseErrors.JWSInvalid || err instanceof joseErrors.JWTInvalid) return "malformed";
  if (err instanceof joseErrors.JWKSTimeout || err instanceof joseErrors.JWKSInvalid) return "unverifiable";
  return "malformed";
}
