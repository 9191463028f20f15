/**
 * Races that used to break invariants (issue 7, section 2), fired many times through the real routes
 * (app.inject with dev tokens), with the invariant checked after every round and never a 5xx:
 *
 * - two owners leaving, demoting or removing each other at once: the community keeps an owner;
 * - ownership handed to a member who leaves at that moment; re-verification removing a leaving owner while
 *   the other owner leaves: still an owner;
 * - ten identical joins, requests to join, invitations, and approvals at once: stored once, told once, every
 *   answer as if the write happened once;
 * - six simultaneous registrations of the same agency (or the same domain): one agency, five clear 409s.
 *
 * Meaningful on PostgreSQL (GUILDHALL_TEST_DATABASE_URL). The embedded PGlite server cannot run
 * transactions concurrently, so the races there are serialised, but the answers and invariants must hold too.
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDENTITIES } from "../../src/domain/demo.js";
import type { GraphGateway } from "../../src/graph/gateway.js";
import { reverifyMembers } from "../../src/jobs/reverify.js";
import { gatewayFor } from "../support/graph-standin/gateway.js";
import { GraphStandIn } from "../support/graph-standin/server.js";
import { createHarness, type Harness } from "../support/harness.js";

const FINANCE = "7f1c2a4e-0b8d-4c1e-9a51-3d2f6b8e1a01";
const DTA = "2b9e6d10-5c3a-4f7e-8d21-6a4c9e0f3b02";
const AGENCY_TENANT = randomUUID();
const ROUNDS = 30;

let h: Harness;
let g: GraphStandIn;
let gw: GraphGateway;
const tokens = new Map<string, string>();
const personIds = new Map<string, string>();
const objectIds = new Map<string, string>();
const statuses: number[] = [];

beforeAll(async () => {
  h = await createHarness({ ALLOWED_TENANT_IDS: [FINANCE, DTA, AGENCY_TENANT].join(","), ALLOWED_EMAIL_DOMAINS: "finance.gov.au,dta.gov.au,abs.gov.au,.gov.au" });
  g = new GraphStandIn({ timeScale: 0.01 });
  await g.start();
  gw = gatewayFor(g, { timeScale: 0.01, baseDelayMs: 20 });
  tokens.set("priya", await h.tokenFor("priya"));
  const tom = DEMO_IDENTITIES.find((d) => d.key === "tom")!;
  // Finance public servants of our own, so rows from other test files never mix in.
  for (const key of ["ann", "ben", "cat", "dan", "eve"]) {
    const objectId = randomUUID();
    const email = `${key}.${objectId.slice(0, 6)}@finance.gov.au`;
    tokens.set(key, await h.issuer!.issue({ ...tom, key, objectId, displayName: `${key} ${objectId.slice(0, 4)}`, email }));
    g.addUser({ id: objectId, userPrincipalName: email });
    objectIds.set(key, objectId);
    const me = await api(key, "GET", "/api/v1/me");
    personIds.set(key, me.body.person.id as string);
  }
});
afterAll(async () => {
  await h.close();
  await g.stop();
});

async function api(who: string, method: "GET" | "POST", url: string, body?: unknown) {
  const res = await h.app.inject({ method, url, headers: { authorization: `Bearer ${tokens.get(who)}` }, ...(body !== undefined ? { payload: body as object } : {}) });
  statuses.push(res.statusCode);
  return { status: res.statusCode, body: res.json() };
}
const pid = (key: string) => personIds.get(key)!;

/** An approved community with these roles (set up directly; the races go through the routes). */
async function community(roles: Record<string, "owner" | "moderator" | "member">, visibility: "open" | "closed" = "open"): Promise<string> {
  const owner = Object.keys(roles).find((k) => roles[k] === "owner")!;
  const row = await h.store.db
    .insertInto("communities")
    .values({
      name: `Race ${randomUUID()}`,
      display_name: `Race ${randomUUID()}`,
      purpose: "Racing.",
      terms_of_reference: "None.",
      code_of_practice: "Be quick.",
      visibility,
      scope: "cross_agency",
      classification: "OFFICIAL",
      sensitivity_label_id: null,
      tags: [],
      teams_presence: "private_channel",
      status: "approved",
      proposed_by: pid(owner),
      decided_by: pid(owner),
      decision_reason: null,
      decided_at: sql<Date>`now()`,
      archived_at: null,
      inactivity_flagged_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await h.store.db
    .insertInto("memberships")
    .values(Object.entries(roles).map(([k, role]) => ({ community_id: row.id, person_id: pid(k), role, code_version_accepted: 1, code_accepted_at: sql<Date>`now()` })))
    .execute();
  return row.id;
}

async function owners(communityId: string): Promise<string[]> {
  const rows = await h.store.db.selectFrom("memberships").select("person_id").where("community_id", "=", communityId).where("role", "=", "owner").execute();
  return rows.map((r) => r.person_id);
}
async function countRows(table: "memberships" | "join_requests" | "invitations" | "notifications", communityId: string, where: Record<string, string> = {}): Promise<number> {
  let q = h.store.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as("n")).where("community_id", "=", communityId);
  for (const [column, value] of Object.entries(where)) q = q.where(sql.ref(column), "=", value);
  return Number((await q.executeTakeFirstOrThrow()).n);
}
async function audits(event: string, communityId: string): Promise<number> {
  const r = await h.store.db.selectFrom("audit_log").select((eb) => eb.fn.countAll<string>().as("n")).where("event", "=", event).where(sql<string>`detail->>'communityId'`, "=", communityId).executeTakeFirstOrThrow();
  return Number(r.n);
}
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const post = (who: string, id: string, path: string, body?: unknown) => api(who, "POST", `/api/v1/communities/${id}/${path}`, body ?? {});

describe("the last-owner rule under concurrency", () => {
  it(`two owners leaving at once: one goes, the other is refused as the last owner (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const id = await community({ ann: "owner", ben: "owner", cat: "member" });
      const [a, b] = await Promise.all([post("ann", id, "leave"), post("ben", id, "leave")]);
      expect(sorted([a.status, b.status])).toEqual([200, 403]);
      expect([a, b].find((r) => r.status === 403)!.body.error.id).toBe("community.last_owner");
      expect(await owners(id)).toHaveLength(1);
    }
    // Leaving again answers as if once.
    const id = await community({ ann: "owner", cat: "member" });
    expect((await Promise.all([post("cat", id, "leave"), post("cat", id, "leave")])).map((r) => r.status)).toEqual([200, 200]);
    expect((await post("cat", id, "leave")).status).toBe(200);
    expect(await audits("community.left", id)).toBe(1);
  });

  it(`two owners demoting each other at once: one demotion wins, the other owner is no longer one (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const id = await community({ ann: "owner", ben: "owner" });
      const [a, b] = await Promise.all([
        post("ann", id, "members/role", { personId: pid("ben"), role: "member" }),
        post("ben", id, "members/role", { personId: pid("ann"), role: "member" }),
      ]);
      expect(sorted([a.status, b.status])).toEqual([200, 403]);
      expect(["community.not_owner", "community.last_owner"]).toContain([a, b].find((r) => r.status === 403)!.body.error.id);
      expect(await owners(id)).toHaveLength(1);
    }
  });

  it(`two owners removing each other at once: one removal wins (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const id = await community({ ann: "owner", ben: "owner", cat: "member" });
      const [a, b] = await Promise.all([
        post("ann", id, "members/remove", { personId: pid("ben"), reason: "race" }),
        post("ben", id, "members/remove", { personId: pid("ann"), reason: "race" }),
      ]);
      expect(sorted([a.status, b.status])).toEqual([200, 403]);
      expect(await owners(id)).toHaveLength(1);
    }
  });

  it(`handing ownership to a member who leaves at that moment leaves an owner either way (${ROUNDS} rounds)`, async () => {
    const outcomes = new Set<string>();
    for (let round = 0; round < ROUNDS; round += 1) {
      const id = await community({ ann: "owner", ben: "member" });
      const [transfer, leave] = await Promise.all([post("ann", id, "ownership", { personId: pid("ben") }), post("ben", id, "leave")]);
      outcomes.add(`${transfer.status}/${leave.status}`);
      // Either Ben left first (the hand-over finds no member: 400), or he became the only owner (leaving: 403).
      expect([`200/403`, `400/200`]).toContain(`${transfer.status}/${leave.status}`);
      expect((await owners(id)).length).toBeGreaterThanOrEqual(1);
    }
    expect(outcomes.size).toBeGreaterThanOrEqual(1);
  });

  it(`re-verification removing a leaving owner while the other owner leaves keeps an owner (${Math.round(ROUNDS / 2)} rounds)`, async () => {
    g.users.get(objectIds.get("dan")!)!.accountEnabled = false;
    try {
      for (let round = 0; round < ROUNDS / 2; round += 1) {
        const id = await community({ dan: "owner", ann: "owner", cat: "member" });
        const [report, leave] = await Promise.all([
          reverifyMembers({ db: h.store.db, teams: gw, eligibility: h.config.eligibility, agencyAttribute: "companyName", hostTenantId: FINANCE }, { communityIds: [id] }),
          post("ann", id, "leave"),
        ]);
        expect([200, 403]).toContain(leave.status);
        expect(report.removals).toEqual([{ personId: pid("dan"), communityId: id, reason: "account_disabled" }]);
        const now = await owners(id);
        expect(now).toHaveLength(1);
        // Dan is gone either way; if Ann left first, Cat took over (and was told).
        expect(now[0]).toBe(leave.status === 200 ? pid("cat") : pid("ann"));
        expect(report.ownersPromoted).toEqual(leave.status === 200 ? [{ communityId: id, from: pid("dan"), to: pid("cat") }] : []);
      }
    } finally {
      g.users.get(objectIds.get("dan")!)!.accountEnabled = true;
    }
  });

  it("re-verification never leaves a community without an owner: the longest-standing moderator takes over, else the leaver stays and it is audit-logged", async () => {
    g.users.get(objectIds.get("dan")!)!.accountEnabled = false;
    try {
      const reverify = (id: string) => reverifyMembers({ db: h.store.db, teams: gw, eligibility: h.config.eligibility, agencyAttribute: "companyName", hostTenantId: FINANCE }, { communityIds: [id] });
      const withModerator = await community({ dan: "owner", cat: "member", eve: "moderator" });
      const r1 = await reverify(withModerator);
      expect(r1.ownersPromoted).toEqual([{ communityId: withModerator, from: pid("dan"), to: pid("eve") }]);
      expect(await owners(withModerator)).toEqual([pid("eve")]);
      expect(await countRows("notifications", withModerator, { person_id: pid("eve"), kind: "ownershipTransferred" })).toBe(1);

      const alone = await community({ dan: "owner" });
      const r2 = await reverify(alone);
      expect(r2.removals).toEqual([]);
      expect(r2.ownersKept).toEqual([{ communityId: alone, personId: pid("dan"), reason: "account_disabled" }]);
      expect(await owners(alone)).toEqual([pid("dan")]);
      expect(await audits("membership.reverification_owner_kept", alone)).toBe(1);
    } finally {
      g.users.get(objectIds.get("dan")!)!.accountEnabled = true;
    }
  });

  it("the database itself refuses to lose the last owner, whatever path writes (trigger memberships_keep_owner)", async () => {
    const id = await community({ ann: "owner", ben: "member" });
    await expect(h.store.db.deleteFrom("memberships").where("community_id", "=", id).where("person_id", "=", pid("ann")).execute()).rejects.toMatchObject({ code: "23514", constraint: "memberships_last_owner" });
    await expect(h.store.db.updateTable("memberships").set({ role: "member" }).where("community_id", "=", id).execute()).rejects.toMatchObject({ code: "23514" });
    // A community being deleted takes its memberships with it.
    await h.store.db.deleteFrom("communities").where("id", "=", id).execute();
    expect(await countRows("memberships", id)).toBe(0);
  });
});

describe("identical writes at once answer as if once", () => {
  it("ten identical requests to join a closed community: one request, moderators told once, ten 200s (5 rounds)", async () => {
    for (let round = 0; round < 5; round += 1) {
      const id = await community({ ann: "owner", eve: "moderator" }, "closed");
      const answers = await Promise.all(Array.from({ length: 10 }, () => post("cat", id, "requests", { acceptCodeOfPractice: true, codeVersion: 1, message: "Please" })));
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
      expect(answers.every((a) => a.body.requested === true)).toBe(true);
      expect(await countRows("join_requests", id, { status: "pending" })).toBe(1);
      expect(await countRows("notifications", id, { person_id: pid("ann"), kind: "joinRequested" })).toBe(1);
      expect(await audits("community.join_requested", id)).toBe(1);
    }
  });

  it("ten identical joins of an open community: one membership, one audit entry, ten 200s (5 rounds)", async () => {
    for (let round = 0; round < 5; round += 1) {
      const id = await community({ ann: "owner" });
      const answers = await Promise.all(Array.from({ length: 10 }, () => post("cat", id, "join", { acceptCodeOfPractice: true, codeVersion: 1 })));
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
      expect(answers.every((a) => a.body.myRole === "member")).toBe(true);
      expect(await countRows("memberships", id, { person_id: pid("cat") })).toBe(1);
      expect(await audits("community.joined", id)).toBe(1);
    }
  });

  it("ten identical invitations, then ten acceptances at once: one invitation, one notice, one membership", async () => {
    const id = await community({ ann: "owner" }, "closed");
    const invites = await Promise.all(Array.from({ length: 10 }, () => post("ann", id, "invitations", { personId: pid("dan") })));
    expect(invites.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(await countRows("invitations", id)).toBe(1);
    expect(await countRows("notifications", id, { person_id: pid("dan"), kind: "invited" })).toBe(1);
    const accepts = await Promise.all(Array.from({ length: 10 }, () => post("dan", id, "join", { acceptCodeOfPractice: true, codeVersion: 1 })));
    expect(accepts.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(await countRows("memberships", id, { person_id: pid("dan") })).toBe(1);
    expect(await countRows("invitations", id)).toBe(0);
  });

  it("a request approved by two moderators at once (and again later): one member, the requester told once", async () => {
    const id = await community({ ann: "owner", eve: "moderator" }, "closed");
    const asked = await post("cat", id, "requests", { acceptCodeOfPractice: true, codeVersion: 1 });
    expect(asked.status).toBe(200);
    const request = await h.store.db.selectFrom("join_requests").select("id").where("community_id", "=", id).executeTakeFirstOrThrow();
    const decide = (who: string) => post(who, id, `requests/${request.id}/decision`, { decision: "approve" });
    const answers = await Promise.all([decide("ann"), decide("eve"), decide("ann"), decide("eve")]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect((await decide("ann")).status).toBe(200);
    expect(await countRows("memberships", id, { person_id: pid("cat") })).toBe(1);
    expect(await countRows("notifications", id, { person_id: pid("cat"), kind: "joinRequestDecided" })).toBe(1);
  });
});

describe("proposal decisions at once", () => {
  it("six simultaneous approvals of one proposal: approved once, its owner told once, the rest a clear 409/403 (5 rounds)", async () => {
    for (let round = 0; round < 5; round += 1) {
      const proposed = await api("ann", "POST", "/api/v1/communities", {
        name: `Decision Race ${randomUUID().slice(0, 8)}`,
        purpose: "Racing decisions.",
        termsOfReference: "None.",
        codeOfPractice: "Be quick.",
        visibility: "open",
        scope: "cross_agency",
        classification: "OFFICIAL",
      });
      expect(proposed.status).toBe(201);
      const id = proposed.body.id as string;
      const answers = await Promise.all(Array.from({ length: 6 }, () => post("priya", id, "decision", { decision: "approve" })));
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
      for (const refused of answers.filter((a) => a.status !== 200)) expect(["community.already_decided", "community.not_active"]).toContain(refused.body.error.id);
      expect(await owners(id)).toEqual([pid("ann")]);
      expect(await countRows("notifications", id, { kind: "communityApproved" })).toBe(1);
    }
  });
});

describe("agency registrations at once", () => {
  const agency = (name: string, domains: string[]) => ({ name, shortName: "RACE", tenantId: AGENCY_TENANT, emailDomains: domains });

  it("six simultaneous registrations of the same agency: one is registered, five get a 409 naming the field (10 rounds)", async () => {
    for (let round = 0; round < 10; round += 1) {
      const tag = randomUUID().slice(0, 8);
      const answers = await Promise.all(Array.from({ length: 6 }, () => api("priya", "POST", "/api/v1/agencies", agency(`Race Agency ${tag}`, [`race${tag}.gov.au`]))));
      expect(sorted(answers.map((a) => a.status))).toEqual([201, 409, 409, 409, 409, 409]);
      for (const refused of answers.filter((a) => a.status === 409)) {
        expect(["agency.name_taken", "agency.domain_taken"]).toContain(refused.body.error.id);
        expect(["name", "emailDomains"]).toContain(refused.body.error.issues[0].path);
      }
      const rows = await h.store.db.selectFrom("agencies").select("id").where(sql<string>`lower(name)`, "=", `race agency ${tag}`).execute();
      expect(rows).toHaveLength(1);
    }
  });

  it("six agencies with different names claiming one domain at once: one gets it, five are told the domain is taken (10 rounds)", async () => {
    for (let round = 0; round < 10; round += 1) {
      const tag = randomUUID().slice(0, 8);
      const answers = await Promise.all(Array.from({ length: 6 }, (_, n) => api("priya", "POST", "/api/v1/agencies", agency(`Domain Race ${tag} ${n}`, [`shared${tag}.gov.au`, `own${tag}${n}.gov.au`]))));
      expect(sorted(answers.map((a) => a.status))).toEqual([201, 409, 409, 409, 409, 409]);
      for (const refused of answers.filter((a) => a.status === 409)) {
        expect(refused.body.error.id).toBe("agency.domain_taken");
        expect(refused.body.error.issues[0].path).toBe("emailDomains");
      }
      const holders = await h.store.db.selectFrom("agency_domains").select("agency_id").where("domain", "=", `shared${tag}.gov.au`).execute();
      expect(holders).toHaveLength(1);
      const claimed = await h.store.db.selectFrom("agencies").select("id").where(sql<boolean>`${`shared${tag}.gov.au`} = any(email_domains)`).execute();
      expect(claimed).toHaveLength(1);
    }
  });

  it("changing an agency to another's domain or name is refused by the database too", async () => {
    const tag = randomUUID().slice(0, 8);
    const first = await api("priya", "POST", "/api/v1/agencies", agency(`Keeper ${tag}`, [`keep${tag}.gov.au`]));
    expect(first.status).toBe(201);
    await expect(h.store.db.insertInto("agencies").values({ id: randomUUID(), name: `KEEPER ${tag}`, short_name: "K", tenant_id: AGENCY_TENANT, email_domains: [`x${tag}.gov.au`] }).execute()).rejects.toMatchObject({ code: "23505", constraint: "agencies_name_uq" });
    await expect(h.store.db.insertInto("agencies").values({ id: randomUUID(), name: `Other ${tag}`, short_name: "O", tenant_id: AGENCY_TENANT, email_domains: [`keep${tag}.gov.au`] }).execute()).rejects.toMatchObject({ code: "23505", constraint: "agency_domains_pkey" });
    // Its own list may repeat or reorder its domains.
    await h.store.db.updateTable("agencies").set({ email_domains: [`keep${tag}.gov.au`, `more${tag}.gov.au`, `keep${tag}.gov.au`] }).where("id", "=", first.body.id).execute();
    const mine = await h.store.db.selectFrom("agency_domains").select("domain").where("agency_id", "=", first.body.id).orderBy("domain").execute();
    expect(mine.map((d) => d.domain)).toEqual([`keep${tag}.gov.au`, `more${tag}.gov.au`]);
  });
});

describe("every answer above", () => {
  it("was a 2xx or a clear 4xx: never a 5xx", () => {
    expect(statuses.length).toBeGreaterThan(500);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
  });
});
