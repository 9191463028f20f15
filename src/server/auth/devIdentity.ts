/**
 * Local mode only: a signing key generated at start-up issues tokens shaped like Entra v2 Teams SSO
 * tokens for the demo identities. The same TokenVerifier checks them. Refused in production by config.
 */
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTVerifyGetKey } from "jose";
import { randomUUID } from "node:crypto";
import { DEMO_IDENTITIES, type DemoIdentity } from "../../domain/demo.js";
import { REQUIRED_SCOPE } from "./tokens.js";

export interface DevIssuer {
  keys: JWTVerifyGetKey;
  issue(identity: DemoIdentity, options?: { lifetimeSeconds?: number }): Promise<string>;
}

export async function createDevIssuer(clientId: string, loginHost: string): Promise<DevIssuer> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const kid = `guildhall-dev-${randomUUID()}`;
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  const keys = createLocalJWKSet({ keys: [jwk] });
  return {
    keys,
    async issue(identity, options = {}) {
      const username = identity.isGuest
        ? `${identity.email.replace("@", "_")}#EXT#@${identity.tenantId.slice(0, 8)}.onmicrosoft.com`
        : identity.email;
      const claims: Record<string, unknown> = {
        tid: identity.tenantId,
        oid: identity.objectId,
        name: identity.displayName,
        preferred_username: username,
        scp: REQUIRED_SCOPE,
        ver: "2.0",
        roles: identity.roles,
      };
      if (identity.isGuest) {
        claims["idp"] = identity.homeTenantId ? `https://sts.windows.net/${identity.homeTenantId}/` : "live.com";
        claims["acct"] = 1;
      }
      return new SignJWT(claims)
        .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
        .setIssuer(`${loginHost}/${identity.tenantId}/v2.0`)
        .setAudience(clientId)
        .setSubject(identity.objectId)
        .setIssuedAt()
        .setExpirationTime(`${options.lifetimeSeconds ?? 3600}s`)
        .sign(privateKey);
    },
  };
}

export function findDemoIdentity(key: string): DemoIdentity | undefined {
  return DEMO_IDENTITIES.find((d) => d.key === key);
}
