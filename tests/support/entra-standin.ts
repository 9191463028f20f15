/**
 * A local stand-in for Entra's token signing: serves a JWKS at `/common/discovery/v2.0/keys` like
 * login.microsoftonline.com and signs tokens shaped like Teams SSO v2 access tokens. Production code
 * reaches it through LOGIN_BASE_URL, exactly as it would reach the cloud.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from "jose";

export interface EntraStandIn {
  loginHost: string;
  /** Sign claims with the published key (override header/claims to build bad tokens). */
  sign(claims: JWTPayload, options?: { key?: CryptoKey; kid?: string; expiresIn?: string | number; issuedAt?: number }): Promise<string>;
  /** A key that is not published (for forged-signature tests). */
  foreignKey: CryptoKey;
  kid: string;
  requests: () => number;
  close(): Promise<void>;
}

export async function startEntraStandIn(): Promise<EntraStandIn> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const foreign = await generateKeyPair("RS256");
  const kid = "standin-key-1";
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig", kty: "RSA" }] };
  let count = 0;
  const server: Server = createServer((req, res) => {
    count += 1;
    if (req.method === "GET" && req.url === "/common/discovery/v2.0/keys") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(jwks));
      return;
    }
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: "not_found" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const loginHost = `http://127.0.0.1:${port}`;
  return {
    loginHost,
    kid,
    foreignKey: foreign.privateKey,
    requests: () => count,
    async sign(claims, options = {}) {
      const jwt = new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: options.kid ?? kid, typ: "JWT" });
      jwt.setIssuedAt(options.issuedAt);
      jwt.setExpirationTime(options.expiresIn ?? "1h");
      return jwt.sign(options.key ?? privateKey);
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
