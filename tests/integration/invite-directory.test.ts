/**
 * Finding people to invite in the host tenant's directory (issue 8): the gateway's `searchUsers` against the Graph
 * stand-in, which is as strict as Graph — `$search` only with `ConsistencyLevel: eventual`, User.Read.All (or a
 * broader directory permission) in the token's roles, throttling with Retry-After — and never offers a guest.
 */
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GraphFailure } from "../../src/graph/errors.js";
import { gatewayFor } from "../support/graph-standin/gateway.js";
import { GraphStandIn } from "../support/graph-standin/server.js";

let g: GraphStandIn;
const ids = { jane: randomUUID(), janet: randomUUID(), guest: randomUUID(), off: randomUUID(), bob: randomUUID() };

beforeEach(async () => {
  g = new GraphStandIn({ timeScale: 0.01 });
  await g.start();
  g.addUser({ id: ids.jane, userPrincipalName: "jane.doe@finance.gov.au", displayName: "Jane Doe", jobTitle: "Policy Officer" });
  g.addUser({ id: ids.janet, userPrincipalName: "janet.wu@finance.gov.au", displayName: "Janet Wu", jobTitle: null });
  g.addUser({ id: ids.guest, userPrincipalName: "jane.guest_contoso.com#EXT#@finance.onmicrosoft.com", mail: "jane.guest@contoso.com", displayName: "Jane Guest", userType: "Guest" });
  g.addUser({ id: ids.off, userPrincipalName: "jane.gone@finance.gov.au", displayName: "Jane Gone", accountEnabled: false });
  g.addUser({ id: ids.bob, userPrincipalName: "bob.smith@finance.gov.au", displayName: "Bob Smith" });
});
afterEach(async () => {
  await g.stop();
});

async function raw(path: string, headers: Record<string, string> = {}, roles?: string[]) {
  const res = await fetch(`${g.url}/v1.0${path}`, { headers: { authorization: `Bearer ${await g.appToken(roles)}`, ...headers } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("directory search (GET /users)", () => {
  it("the stand-in answers $search only with ConsistencyLevel: eventual, as Graph does (400 Request_UnsupportedQuery without it)", async () => {
    const q = `/users?$search=${encodeURIComponent('"displayName:jane"')}&$select=id,displayName`;
    const without = await raw(q);
    expect(without.status).toBe(400);
    expect((without.body["error"] as { code: string; message: string }).code).toBe("Request_UnsupportedQuery");
    expect((without.body["error"] as { message: string }).message).toContain("ConsistencyLevel: eventual");
    const withHeader = await raw(`${q}&$count=true`, { ConsistencyLevel: "eventual" });
    expect(withHeader.status).toBe(200);
    expect(withHeader.body["@odata.count"]).toBe(4);
    // Without $select, Graph's default set: no userType, no accountEnabled.
    const plain = await raw(`/users?$filter=${encodeURIComponent("startswith(displayName,'Bob')")}`);
    expect(plain.status).toBe(200);
    const first = (plain.body["value"] as Record<string, unknown>[])[0]!;
    expect(first["displayName"]).toBe("Bob Smith");
    expect(first).not.toHaveProperty("userType");
    expect((await raw(`/users?$filter=${encodeURIComponent("department eq 'x'")}`)).status).toBe(400);
  });

  it("finds members by name or address, never guests or disabled accounts", async () => {
    const gw = gatewayFor(g, { timeScale: 0.01 });
    const byName = await gw.searchUsers("jane");
    expect(byName.map((u) => u.displayName)).toEqual(["Jane Doe", "Janet Wu"]);
    expect(byName[0]).toEqual({ objectId: ids.jane, displayName: "Jane Doe", mail: "jane.doe@finance.gov.au", userPrincipalName: "jane.doe@finance.gov.au", jobTitle: "Policy Officer" });
    expect((await gw.searchUsers("janet.wu@finance")).map((u) => u.objectId)).toEqual([ids.janet]);
    expect(await gw.searchUsers("jane.guest@contoso.com")).toEqual([]);
    expect(await gw.searchUsers('  "\\  ')).toEqual([]);
    const call = g.calls.find((c) => c.path === "/users");
    expect(call?.status).toBe(200);
  });

  it("waits out a 429's Retry-After, then answers", async () => {
    const gw = gatewayFor(g, { timeScale: 0.01 });
    g.inject(/^GET \/users$/, { status: 429, retryAfter: 1 });
    const started = Date.now();
    expect((await gw.searchUsers("bob")).map((u) => u.objectId)).toEqual([ids.bob]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(g.calls.filter((c) => c.path === "/users").map((c) => c.status)).toEqual([429, 200]);
  });

  it("without User.Read.All (or broader) Graph refuses 403 Authorization_RequestDenied: a permission refusal", async () => {
    const gw = gatewayFor(g, { timeScale: 0.01, roles: ["TeamsActivity.Send"] });
    const err = await gw.searchUsers("jane").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphFailure);
    expect((err as GraphFailure).status).toBe(403);
    expect((err as GraphFailure).refusal).toBe("permission");
    // Directory.Read.All is broader and also accepted.
    expect((await gatewayFor(g, { timeScale: 0.01, roles: ["Directory.Read.All"] }).searchUsers("bob")).length).toBe(1);
  });
});
