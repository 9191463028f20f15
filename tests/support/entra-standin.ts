/**
 * A local stand-in for Entra: serves a JWKS at `/common/discovery/v2.0/keys` like login.microsoftonline.com
 * and signs tokens shaped like Teams SSO v2 access tokens. Given a certificate it also serves HTTPS with what
 * msal-node needs for a confidential client: the tenant's OpenID configuration and the v2.0 token endpoint
 * (client credentials and on-behalf-of), checking the client id and secret and issuing tokens whose `aud`
 * is the resource of the requested `/.default` scope. Production code reaches it through LOGIN_BASE_URL,
 * exactly as it would reach the cloud.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from "jose";
import { manifestApplicationPermissions } from "./graph-standin/permissions.js";

export interface ConfidentialClient {
  clientId: string;
  clientSecret: string;
  /**
   * Application permissions (the `roles` claim) granted by admin consent. Default: exactly those
   * infra/entra/aad.manifest.json declares, so a permission missing there fails in tests as in a real tenant.
   */
  roles?: string[];
}

export interface EntraStandInOptions {
  /** Serve HTTPS with this key pair (required by msal-node, which refuses http:// authorities). */
  tls?: { key: string; cert: string };
  /** Apps allowed to get tokens at the token endpoint. */
  clients?: ConfidentialClient[];
}

/** A token the stand-in issued at its token endpoint. */
export interface IssuedToken {
  grantType: string;
  tenantId: string;
  clientId: string;
  audience: string;
}

export interface EntraStandIn {
  loginHost: string;
  /** Sign claims with the published key (override header/claims to build bad tokens). */
  sign(claims: JWTPayload, options?: { key?: CryptoKey; kid?: string; expiresIn?: string | number; issuedAt?: number }): Promise<string>;
  /** A key that is not published (for forged-signature tests). */
  foreignKey: CryptoKey;
  kid: string;
  requests: () => number;
  /** Tokens issued at the token endpoint, oldest first. */
  issued: IssuedToken[];
  /** The public signing keys, for a stand-in resource (the Graph stand-in) to verify what it is sent. */
  jwks: { keys: Record<string, unknown>[] };
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/** Entra's error shape for the token endpoint (RFC 6749 section 5.2 plus AADSTS codes). */
function oauthError(res: ServerResponse, status: number, error: string, description: string): void {
  send(res, status, { error, error_description: description, error_codes: [Number(/AADSTS(\d+)/.exec(description)?.[1] ?? 0)], timestamp: new Date().toISOString(), trace_id: randomUUID(), correlation_id: randomUUID() });
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let data = "";
  for await (const chunk of req) data += String(chunk);
  return new URLSearchParams(data);
}

export async function startEntraStandIn(options: EntraStandInOptions = {}): Promise<EntraStandIn> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const foreign = await generateKeyPair("RS256");
  const kid = "standin-key-1";
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig", kty: "RSA" }] };
  let count = 0;
  let loginHost = "";
  const issued: IssuedToken[] = [];
  const clients = options.clients ?? [];

  const sign: EntraStandIn["sign"] = async (claims, options = {}) => {
    const jwt = new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: options.kid ?? kid, typ: "JWT" });
    jwt.setIssuedAt(options.issuedAt);
    jwt.setExpirationTime(options.expiresIn ?? "1h");
    return jwt.sign(options.key ?? privateKey);
  };

  const tokenEndpoint = async (req: IncomingMessage, res: ServerResponse, tenantId: string) => {
    const form = await readForm(req);
    const grantType = form.get("grant_type") ?? "";
    const client = clients.find((c) => c.clientId === form.get("client_id"));
    if (!client) return oauthError(res, 400, "unauthorized_client", `AADSTS700016: Application with identifier '${form.get("client_id") ?? ""}' was not found in the directory '${tenantId}'.`);
    if (form.get("client_secret") !== client.clientSecret) return oauthError(res, 401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
    const scope = (form.get("scope") ?? "").split(" ").find((s) => s.endsWith("/.default"));
    if (!scope) return oauthError(res, 400, "invalid_scope", "AADSTS1002012: The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.");
    const audience = scope.slice(0, -"/.default".length);
    const base = { aud: audience, iss: `${loginHost}/${tenantId}/v2.0`, tid: tenantId, azp: client.clientId, appid: client.clientId };
    let claims: JWTPayload;
    if (grantType === "client_credentials") {
      claims = { ...base, idtyp: "app", roles: client.roles ?? manifestApplicationPermissions(), oid: client.clientId };
    } else if (grantType === "urn:ietf:params:oauth:grant-type:jwt-bearer" && form.get("requested_token_use") === "on_behalf_of") {
      const assertion = form.get("assertion") ?? "";
      let user: JWTPayload;
      try {
        user = JSON.parse(Buffer.from(assertion.split(".")[1] ?? "", "base64url").toString("utf8")) as JWTPayload;
      } catch {
        return oauthError(res, 400, "invalid_grant", "AADSTS50027: JWT token is invalid or malformed.");
      }
      claims = { ...base, idtyp: "user", oid: user["oid"], scp: "User.Read" };
    } else {
      return oauthError(res, 400, "unsupported_grant_type", `AADSTS70003: The app requested an unsupported grant type '${grantType}'.`);
    }
    const accessToken = await sign(claims);
    issued.push({ grantType, tenantId, clientId: client.clientId, audience });
    send(res, 200, { token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: accessToken });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    count += 1;
    const url = new URL(req.url ?? "/", loginHost);
    if (req.method === "GET" && url.pathname === "/common/discovery/v2.0/keys") return send(res, 200, jwks);
    const openid = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(url.pathname);
    if (req.method === "GET" && openid?.[1]) {
      const t = openid[1];
      return send(res, 200, {
        issuer: `${loginHost}/${t}/v2.0`,
        token_endpoint: `${loginHost}/${t}/oauth2/v2.0/token`,
        authorization_endpoint: `${loginHost}/${t}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${loginHost}/${t}/oauth2/v2.0/logout`,
        jwks_uri: `${loginHost}/common/discovery/v2.0/keys`,
        response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
        id_token_signing_alg_values_supported: ["RS256"],
      });
    }
    const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname);
    if (req.method === "POST" && token?.[1]) return tokenEndpoint(req, res, token[1]);
    send(res, 404, { error: "not_found" });
  };
  const listener = (req: IncomingMessage, res: ServerResponse) => void handle(req, res).catch((err: unknown) => send(res, 500, { error: "server_error", error_description: String(err) }));
  const server: Server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, listener) : createHttpServer(listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  loginHost = `${options.tls ? "https" : "http"}://127.0.0.1:${port}`;
  return {
    loginHost,
    kid,
    foreignKey: foreign.privateKey,
    requests: () => count,
    issued,
    jwks,
    sign,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
