/**
 * Invitations reach people who have not opened Guildhall (issue 8): a host-tenant member found in the directory
 * (through the Graph stand-in) or an address in an allow-listed agency; they find the invitation, with a notice,
 * when they first sign in. Refusals answer beside the field and write nothing.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INVITES_PER_HOUR } from "../../src/commands/communities/invitations.js";
import { DEMO_COMMUNITIES, DEMO_IDENTITIES, type DemoIdentity } from "../../src/domain/demo.js";
import { gatewayFor } from "../support/graph-standin/gateway.js";
import { GraphStandIn, HOST_TENANT } from "../support/graph-standin/server.js";
import { createHarness, type Harness } from "../support/harness.js";

let h: Harness;
let g: GraphStandIn;
let local: Harness;
const tokens = new Map<string, string>();
const SHARED_TENANT = "2b9e6d10-5c3a-4f7e-8d21-6a4c9e0f3b02";

const CLOSED_CROSS = DEMO_COMMUNITIES.find((c) => c.visibility === "closed" && c.scope === "cross_agency")!; // owner marcus, moderator aisha
const FINANCE_ONLY = DEMO_COMMUNITIES.find((c) => c.visibility === "hidden")!; // owner tom; Finance only
const OPEN = DEMO_COMMUNITIES.find((c) => c.visibility === "open")!; // owner aisha, moderator marcus

const dir = { jane: randomUUID(), guest: randomUUID(), off: randomUUID(), outside: randomUUID(), pat: randomUUID() };

beforeAll(async () => {
  g = new GraphStandIn({ timeScale: 0.01 });
  await g.start();
  g.addUser({ id: dir.jane, userPrincipalName: "jane.doe@finance.gov.au", displayName: "Jane Doe", jobTitle: "Policy Officer" });
  g.addUser({ id: dir.pat, userPrincipalName: "pat.lee@finance.gov.au", displayName: "Pat Lee" });
  g.addUser({ id: dir.guest, userPrincipalName: "jane.g_contoso.com#EXT#@finance.onmicrosoft.com", mail: "jane.g@contoso.example.com", displayName: "Jane Guest", userType: "Guest" });
  g.addUser({ id: dir.off, userPrincipalName: "jane.off@finance.gov.au", displayName: "Jane Off", accountEnabled: false });
  g.addUser({ id: dir.outside, userPrincipalName: "jane.out@finance.example.com", displayName: "Jane Out" });
  // Tom is in Guildhall already: the directory search leaves him to the Guildhall search.
  const tom = DEMO_IDENTITIES.find((d) => d.key === "tom")!;
  g.addUser({ id: tom.objectId, userPrincipalName: tom.email, displayName: tom.displayName });
  h = await createHarness({}, { commands: { graphConnected: true, invitations: { allowedEmailDomains: ["finance.gov.au", "dta.gov.au", "abs.gov.au"], directory: gatewayFor(g, { timeScale: 0.01 }), hostTenantId: HOST_TENANT } } });
  local = await createHarness({});
  for (const d of DEMO_IDENTITIES) tokens.set(d.key, await h.tokenFor(d.key));
});
afterAll(async () => {
  await local?.close();
  await h?.close();
  await g?.stop();
});

async function api(who: string, method: "GET" | "POST", url: string, body?: unknown, harness = h) {
  const token = harness === h ? (tokens.get(who) ?? who) : await harness.tokenFor(who);
  const res = await harness.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body !== undefined ? { payload: body as object } : {}) });
  return { status: res.statusCode, body: res.json() };
}

/** A local dev token for someone who has never opened Guildhall. */
function newcomer(o: { tenantId: string; objectId: string; email: string; displayName: string; isGuest?: boolean }): Promise<string> {
  const identity: DemoIdentity = { key: `n-${o.objectId}`, jobTitle: "", interests: [], roles: [], description: "", isGuest: false, ...o };
  return h.issuer!.issue(identity);
}

async function rows() {
  const r = await h.store.db.selectFrom("invitations").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  return Number(r.n);
}
async function people() {
  const r = await h.store.db.selectFrom("people").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  return Number(r.n);
}

describe("finding people to invite", () => {
  it("searches the host tenant's directory: members not yet in Guildhall, never guests, disabled accounts or addresses that could not sign in", async () => {
    const found = await api("aisha", "GET", `/api/v1/communities/${CLOSED_CROSS.id}/invitees?q=jane`);
    expect(found.status).toBe(200);
    expect(found.body).toEqual({ connected: true, items: [{ objectId: dir.jane, displayName: "Jane Doe", mail: "jane.doe@finance.gov.au", jobTitle: "Policy Officer", invited: false }] });
    expect((await api("aisha", "GET", `/api/v1/communities/${CLOSED_CROSS.id}/invitees?q=tom`)).body.items).toEqual([]);
    const call = g.calls.filter((c) => c.path === "/users").at(-1);
    expect(call?.status).toBe(200);
  });

  it("only people who may invite can search (the policy decides): others get 403", async () => {
    expect((await api("ravi", "GET", `/api/v1/communities/${CLOSED_CROSS.id}/invitees?q=jane`)).status).toBe(403);
    expect((await api("aisha", "GET", `/api/v1/communities/${CLOSED_CROSS.id}/invitees?q=`)).status).toBe(400);
  });

  it("a throttled directory (429 then success) still answers", async () => {
    g.inject(/^GET \/users$/, { status: 429, retryAfter: 1 });
    const found = await api("aisha", "GET", `/api/v1/communities/${CLOSED_CROSS.id}/invitees?q=pat`);
    expect(found.status).toBe(200);
    expect(found.body.items.map((u: { objectId: string }) => u.objectId)).toEqual([dir.pat]);
  });

  it("when Graph refuses for want of a permission: 503 naming User.Read.All for the operator", async () => {
    const narrow = await createHarness({}, { commands: { graphConnected: true, invitations: { allowedEmailDomains: ["finance.gov.au"], directory: gatewayFor(g, { timeScale: 0.01, roles: ["TeamsActivity.Send"] }), hostTenantId: HOST_TENANT } } });
    try {
      const res = await api("aisha", "GET", `/api/v1/communities/${CLOSED_CROSS.id}/invitees?q=jane`, undefined, narrow);
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({ id: "graph.permission_missing", messageKey: "community.invite.error.directoryPermission", values: { permission: "User.Read.All" } });
      expect(res.body.error.message).toContain("User.Read.All");
    } finally {
      await narrow.close();
    }
  });

  it("local mode has no directory: the search says so and finds no one there", async () => {
    const res = await api("aisha", "GET", `/api/v1/communities/${CLOSED_CROSS.id}/invitees?q=jane`, undefined, local);
    expect(res.body).toEqual({ connected: false, items: [] });
    const view = await api("aisha", "GET", `/api/v1/communities/${CLOSED_CROSS.id}`, undefined, local);
    expect(view.body.invitations).toMatchObject({ directory: false, emailDomains: expect.arrayContaining(["dta.gov.au", "finance.gov.au"]) });
  });
});

describe("inviting someone not yet in Guildhall", () => {
  it("a host-tenant member from the directory: stored by object id (no person row); at first sign-in they see the invitation and a notice", async () => {
    const before = await people();
    const res = await api("aisha", "POST", `/api/v1/communities/${CLOSED_CROSS.id}/invitations`, { objectId: dir.jane });
    expect(res.status).toBe(200);
    expect(res.body.invitations.pending[0]).toMatchObject({ kind: "directory", objectId: dir.jane, displayName: "Jane Doe", personId: null });
    expect(await people()).toBe(before);
    expect((await api("aisha", "GET", `/api/v1/communities/${CLOSED_CROSS.id}/invitees?q=jane`)).body.items[0].invited).toBe(true);

    const jane = await newcomer({ tenantId: HOST_TENANT, objectId: dir.jane, email: "jane.doe@finance.gov.au", displayName: "Jane Doe" });
    const me = await api(jane, "GET", "/api/v1/me");
    expect(me.status).toBe(200);
    const view = await api(jane, "GET", `/api/v1/communities/${CLOSED_CROSS.id}`);
    expect(view.body).toMatchObject({ invited: true, myRole: null, abilities: { "community.join": true } });
    const notices = await api(jane, "GET", "/api/v1/notifications");
    expect(notices.body.items).toEqual([expect.objectContaining({ messageKey: "notice.invitation.received", values: expect.objectContaining({ community: CLOSED_CROSS.name }) })]);
    // The moderators now see a Guildhall person invited.
    const mod = await api("aisha", "GET", `/api/v1/communities/${CLOSED_CROSS.id}`);
    expect(mod.body.invitations.pending.find((p: { personId: string | null }) => p.personId === me.body.person.id)).toMatchObject({ kind: "person", displayName: "Jane Doe" });
    // Joining accepts it.
    expect((await api(jane, "POST", `/api/v1/communities/${CLOSED_CROSS.id}/join`, { acceptCodeOfPractice: true, codeVersion: view.body.codeVersion })).status).toBe(200);
  });

  it("an address in an allow-listed agency: a sign-in from that agency's tenant with that address finds it", async () => {
    const email = `new.${randomUUID().slice(0, 8)}@dta.gov.au`;
    const res = await api("marcus", "POST", `/api/v1/communities/${CLOSED_CROSS.id}/invitations`, { email: `  ${email.toUpperCase()} ` });
    expect(res.status).toBe(200);
    expect(res.body.invitations.pending[0]).toMatchObject({ kind: "email", email, personId: null });
    // The same address again is a duplicate, beside the field.
    const again = await api("marcus", "POST", `/api/v1/communities/${CLOSED_CROSS.id}/invitations`, { email });
    expect(again.status).toBe(409);
    expect(again.body.error.issues).toEqual([expect.objectContaining({ path: "email", messageKey: "community.invite.error.alreadyInvited" })]);

    // Someone in another tenant with that address does not get it.
    const elsewhere = await newcomer({ tenantId: HOST_TENANT, objectId: randomUUID(), email, displayName: "Not them" });
    await api(elsewhere, "GET", "/api/v1/me");
    expect((await api(elsewhere, "GET", "/api/v1/notifications")).body.items).toEqual([]);

    const them = await newcomer({ tenantId: SHARED_TENANT, objectId: randomUUID(), email, displayName: "New Person" });
    await api(them, "GET", "/api/v1/me");
    expect((await api(them, "GET", `/api/v1/communities/${CLOSED_CROSS.id}`)).body.invited).toBe(true);
    expect((await api(them, "GET", "/api/v1/notifications")).body.items).toHaveLength(1);
    const left = await h.store.db.selectFrom("invitations").select("id").where("invitee_email", "=", email).execute();
    expect(left).toEqual([]);
  });

  it.each([
    ["an address outside the allow-list", { email: "someone@contoso.example.com" }, 400, "email", "community.invite.error.domainNotAllowed"],
    ["a malformed address", { email: "not an address" }, 400, "email", "community.invite.error.emailInvalid"],
    ["a guest from the directory", { objectId: dir.guest }, 400, "objectId", "community.invite.error.guest"],
    ["a disabled account", { objectId: dir.off }, 400, "objectId", "community.invite.error.disabled"],
    ["a directory member whose address could not sign in", { objectId: dir.outside }, 400, "objectId", "community.invite.error.noAddress"],
    ["someone the directory does not have", { objectId: randomUUID() }, 400, "objectId", "community.invite.error.notInDirectory"],
    ["two ways at once", { email: "a@dta.gov.au", objectId: dir.pat }, 400, "email", "community.invite.error.chooseOne"],
  ])("refuses %s beside the field and writes nothing", async (_what, body, status, field, key) => {
    const before = await rows();
    const res = await api("aisha", "POST", `/api/v1/communities/${CLOSED_CROSS.id}/invitations`, body);
    expect(res.status).toBe(status);
    expect(res.body.error.issues).toEqual([expect.objectContaining({ path: field, messageKey: key })]);
    expect(await rows()).toBe(before);
  });

  it("refuses a member (by address or directory), another agency for an agency-only community, and people who may not invite", async () => {
    const before = await rows();
    const member = await api("aisha", "POST", `/api/v1/communities/${CLOSED_CROSS.id}/invitations`, { email: "marcus.bell@abs.gov.au" });
    expect(member.status).toBe(409);
    expect(member.body.error.issues[0]).toMatchObject({ path: "email", messageKey: "errors.community.alreadyMember" });
    const otherAgency = await api("tom", "POST", `/api/v1/communities/${FINANCE_ONLY.id}/invitations`, { email: "someone.new@dta.gov.au" });
    expect(otherAgency.status).toBe(403);
    expect(otherAgency.body.error.issues[0]).toMatchObject({ path: "email", messageKey: "errors.community.personAgencyOnly" });
    const notModerator = await api("ravi", "POST", `/api/v1/communities/${OPEN.id}/invitations`, { email: "someone.new@dta.gov.au" });
    expect(notModerator.status).toBe(403);
    expect(await rows()).toBe(before);
  });

  it(`limits each inviter to ${INVITES_PER_HOUR} invitations an hour`, async () => {
    const sent = await h.store.db.selectFrom("invitations").select((eb) => eb.fn.countAll<string>().as("n")).where("invited_by", "=", (await api("marcus", "GET", "/api/v1/me")).body.person.id).executeTakeFirstOrThrow();
    const room = INVITES_PER_HOUR - Number(sent.n);
    for (let i = 0; i < room; i++) {
      const sent = await api("marcus", "POST", `/api/v1/communities/${OPEN.id}/invitations`, { email: `bulk.${i}.${randomUUID().slice(0, 6)}@abs.gov.au` });
      expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    }
    const before = await rows();
    const over = await api("marcus", "POST", `/api/v1/communities/${OPEN.id}/invitations`, { email: `one.more@abs.gov.au` });
    expect(over.status).toBe(429);
    expect(over.body.error).toMatchObject({ messageKey: "community.invite.error.tooMany", values: { limit: INVITES_PER_HOUR } });
    expect(await rows()).toBe(before);
  });
});
