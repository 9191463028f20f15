import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { connectionTarget } from "./connection.js";
import { ManagedIdentityError, managedIdentityPassword } from "./managedIdentity.js";

/** A stand-in for App Service's managed-identity endpoint (API version 2019-08-01). */
async function identityEndpoint(answer: (url: URL, header: string | undefined) => { status: number; body: unknown }) {
  const seen: URL[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    seen.push(url);
    const a = answer(url, req.headers["x-identity-header"] as string | undefined);
    res.writeHead(a.status, { "content-type": "application/json" });
    res.end(typeof a.body === "string" ? a.body : JSON.stringify(a.body));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  servers.push(server);
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/msi/token`, seen };
}
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise<void>((r) => s.close(() => r()));
});

const RESOURCE = "https://ossrdbms-aad.database.windows.net";
const base = { header: "secret-header", clientId: "5b1e2a3c-0000-4000-8000-00000000abcd", resource: RESOURCE };

describe("managed-identity password for PostgreSQL", () => {
  it("asks for a token for the database resource as the user-assigned identity, and reuses it until near expiry", async () => {
    let clock = 1_700_000_000_000;
    let issued = 0;
    const { endpoint, seen } = await identityEndpoint((url, header) => {
      if (header !== "secret-header") return { status: 401, body: { error: "missing header" } };
      issued += 1;
      return { status: 200, body: { access_token: `token-${issued}`, expires_on: String(Math.floor(clock / 1000) + 3600), resource: url.searchParams.get("resource"), token_type: "Bearer" } };
    });
    const password = managedIdentityPassword({ ...base, endpoint, now: () => clock });
    // Connections opened together share one request.
    expect(await Promise.all([password(), password(), password()])).toEqual(["token-1", "token-1", "token-1"]);
    expect(seen).toHaveLength(1);
    expect(Object.fromEntries(seen[0]!.searchParams)).toEqual({ "api-version": "2019-08-01", resource: RESOURCE, client_id: base.clientId });
    clock += 54 * 60_000;
    expect(await password()).toBe("token-1");
    clock += 2 * 60_000; // within five minutes of expiry: a new token
    expect(await password()).toBe("token-2");
    expect(seen).toHaveLength(2);
  });

  it("says clearly what is wrong when the endpoint refuses, answers nonsense, or is not there", async () => {
    const refused = await identityEndpoint(() => ({ status: 400, body: { error: "invalid_request", error_description: "Identity not found" } }));
    await expect(managedIdentityPassword({ ...base, endpoint: refused.endpoint })()).rejects.toThrow(/answered 400: check that the identity is assigned/);
    const nonsense = await identityEndpoint(() => ({ status: 200, body: "<html>" }));
    await expect(managedIdentityPassword({ ...base, endpoint: nonsense.endpoint })()).rejects.toThrow(/not JSON/);
    const empty = await identityEndpoint(() => ({ status: 200, body: { expires_on: "1" } }));
    await expect(managedIdentityPassword({ ...base, endpoint: empty.endpoint })()).rejects.toBeInstanceOf(ManagedIdentityError);
    await expect(managedIdentityPassword({ ...base, endpoint: "http://127.0.0.1:9/msi/token" })()).rejects.toThrow(/did not answer/);
  });

  it("takes the URL apart so the token, not the URL's empty password, is what pg sends", () => {
    const password = async () => "t";
    expect(connectionTarget("postgresql://guildhall-id@db.postgres.database.azure.com:6432/guildhall", password)).toEqual({
      host: "db.postgres.database.azure.com",
      port: 6432,
      user: "guildhall-id",
      database: "guildhall",
      password,
    });
    expect(connectionTarget("postgres://u@h/d", undefined)).toEqual({ connectionString: "postgres://u@h/d" });
    expect(() => connectionTarget("postgres://u:p@h/d", password)).toThrow(/must not carry a password/);
  });
});
