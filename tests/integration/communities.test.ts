import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_COMMUNITIES, DEMO_IDENTITIES } from "../../src/domain/demo.js";
import { createHarness, type Harness } from "../support/harness.js";

let h: Harness;
const tokens = new Map<string, string>();

beforeAll(async () => {
  h = await createHarness({});
  for (const d of DEMO_IDENTITIES) tokens.set(d.key, await h.tokenFor(d.key));
});
afterAll(async () => {
  await h.close();
});

async function api(who: string, method: "GET" | "POST", url: string, body?: unknown) {
  const res = await h.app.inject({ method, url, headers: { authorization: `Bearer ${tokens.get(who)}` }, ...(body !== undefined ? { payload: body as object } : {}) });
  return { status: res.statusCode, body: res.json() };
}

const HIDDEN = DEMO_COMMUNITIES.find((c) => c.visibility === "hidden")!;
const OPEN = DEMO_COMMUNITIES.find((c) => c.visibility === "open")!;
const CLOSED_CROSS = DEMO_COMMUNITIES.find((c) => c.visibility === "closed" && c.scope === "cross_agency")!;
const CLOSED_AGENCY = DEMO_COMMUNITIES.find((c) => c.visibility === "closed" && c.scope === "agency_only")!;

const proposal = (over: Record<string, unknown> = {}) => ({
  name: `Evaluation Practice ${randomUUID().slice(0, 8)}`,
  purpose: "Evaluators across the APS sharing methods and findings.",
  termsOfReference: "Monthly meetings; open agenda.",
  codeOfPractice: "Be kind; share what you can.",
  visibility: "closed",
  scope: "cross_agency",
  classification: "OFFICIAL",
  tags: ["Evaluation", "evaluation", "methods"],
  ...over,
});

async function count(table: "communities" | "memberships" | "join_requests") {
  const r = await h.store.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  return Number(r.n);
}

describe("proposing and approving", () => {
  it("any public servant proposes; the proposal is pending and only they and platform owners see it", async () => {
    const res = await api("marcus", "POST", "/api/v1/communities", proposal());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: "proposed", visibility: "closed", classificationLabel: "OFFICIAL", teamsPresence: "private_channel" });
    expect(res.body.tags).toEqual(["evaluation", "methods"]);
    expect((await api("tom", "GET", `/api/v1/communities/${res.body.id}`)).status).toBe(404);
    expect((await api("priya", "GET", `/api/v1/communities/${res.body.id}`)).status).toBe(200);
    // Other test files leave proposals behind: look this one up by name rather than hoping it is on the first page.
    const queue = await api("priya", "GET", `/api/v1/communities?status=proposed&q=${encodeURIComponent(res.body.name)}`);
    expect(queue.body.items.map((c: { id: string }) => c.id)).toContain(res.body.id);
  });

  it.each([
    ["a name over 100 characters", { name: "x".repeat(101) }],
    ["a missing code of practice", { codeOfPractice: "" }],
    ["an unknown visibility", { visibility: "secret" }],
    ["an unknown classification", { classification: "TOP SECRET" }],
    ["a name with nothing Teams can use", { name: "???" }],
    ["an extra field", { ownerId: randomUUID() }],
    ["a standard channel for a closed community", { teamsPresence: "standard_channel" }],
    ["agencies on a cross-agency community", { agencyIds: [randomUUID()] }],
  ])("refuses %s with a clear 400 and changes nothing", async (_label, over) => {
    const before = await count("communities");
    const res = await api("tom", "POST", "/api/v1/communities", proposal(over));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBeTruthy();
    expect(await count("communities")).toBe(before);
  });

  it("refuses with 409 a name the proposer can already see (their own pending proposal)", async () => {
    const p = proposal();
    expect((await api("tom", "POST", "/api/v1/communities", p)).status).toBe(201);
    const again = await api("tom", "POST", "/api/v1/communities", { ...p, name: p.name.toUpperCase() });
    expect(again.status).toBe(409);
    expect(again.body.error.id).toBe("community.name_taken");
  });

  it("only platform owners decide; a rejection needs a reason; approval makes the proposer owner and queues the Teams link", async () => {
    const { body } = await api("aisha", "POST", "/api/v1/communities", proposal({ visibility: "open" }));
    expect((await api("tom", "POST", `/api/v1/communities/${body.id}/decision`, { decision: "approve" })).status).toBe(404);
    const noReason = await api("priya", "POST", `/api/v1/communities/${body.id}/decision`, { decision: "reject" });
    expect(noReason.status).toBe(400);
    const ok = await api("priya", "POST", `/api/v1/communities/${body.id}/decision`, { decision: "approve" });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: "approved", myRole: null, teams: { state: "not_connected" } });
    const mine = await api("aisha", "GET", `/api/v1/communities/${body.id}`);
    expect(mine.body.myRole).toBe("owner");
    expect(mine.body.provisioning.map((s: { status: string }) => s.status)).toEqual(["waiting", "waiting"]);
    const twice = await api("priya", "POST", `/api/v1/communities/${body.id}/decision`, { decision: "reject", reason: "late" });
    expect(twice.status).toBe(403);
    const note = await h.store.db.selectFrom("notifications").selectAll().where("community_id", "=", body.id).where("kind", "=", "communityApproved").execute();
    expect(note).toHaveLength(1);
  });

  it("agency-only proposals default to the proposer's agency", async () => {
    const res = await api("marcus", "POST", "/api/v1/communities", proposal({ scope: "agency_only" }));
    expect(res.status).toBe(201);
    expect(res.body.agencies.map((a: { shortName: string }) => a.shortName)).toEqual(["ABS"]);
  });

  it("the configured naming policy applies prefix, suffix and blocked words", async () => {
    const strict = await createHarness({ COMMUNITY_NAME_PREFIX: "CoP - ", COMMUNITY_NAME_SUFFIX: " (APS)", COMMUNITY_BLOCKED_WORDS: "secret,official" });
    try {
      const token = await strict.tokenFor("tom");
      const post = (body: unknown) => strict.app.inject({ method: "POST", url: "/api/v1/communities", headers: { authorization: `Bearer ${token}` }, payload: body as object });
      const suffix = randomUUID().slice(0, 6);
      const ok = await post(proposal({ name: `Evaluators ${suffix}` }));
      expect(ok.statusCode).toBe(201);
      expect(ok.json().name).toBe(`CoP - Evaluators ${suffix} (APS)`);
      const blocked = await post(proposal({ name: `Secret Squirrels ${suffix}` }));
      expect(blocked.statusCode).toBe(400);
      expect(blocked.json().error.id).toBe("community.name_blocked_word");
      // A name that is too long for Teams with the affixes is kept whole; Teams gets a shortened name.
      const long = await post(proposal({ name: `${"y".repeat(45)} ${suffix}` }));
      expect(long.statusCode).toBe(201);
      expect(long.json().name).toBe(`CoP - ${"y".repeat(45)} ${suffix} (APS)`);
      expect(long.json().teamsName).toBe(`CoP - ${"y".repeat(37)}\u2026 (APS)`);

      // The approver edits the name as the tab shows it (with prefix and suffix); the policy adds them once.
      const approver = await strict.tokenFor("priya");
      const decide = (id: string, body: unknown) =>
        strict.app.inject({ method: "POST", url: `/api/v1/communities/${id}/decision`, headers: { authorization: `Bearer ${approver}` }, payload: body as object });
      const shown = await decide(ok.json().id, { decision: "approve", name: `CoP - Evaluation Peers ${suffix} (APS)` });
      expect(shown.statusCode).toBe(200);
      expect(shown.json().name).toBe(`CoP - Evaluation Peers ${suffix} (APS)`);
      const other = await post(proposal({ name: `Evaluators Two ${suffix}` }));
      const typed = await decide(other.json().id, { decision: "approve", name: `Evaluation Circle ${suffix}` });
      expect(typed.statusCode).toBe(200);
      expect(typed.json().name).toBe(`CoP - Evaluation Circle ${suffix} (APS)`);
    } finally {
      await strict.close();
    }
  });
});

describe("hidden communities are invisible to non-members everywhere", () => {
  it("absent from lists, counts and search; 404 on direct URLs and actions", async () => {
    const list = await api("marcus", "GET", "/api/v1/communities");
    expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(HIDDEN.id);
    const search = await api("marcus", "GET", `/api/v1/communities?q=${encodeURIComponent(HIDDEN.name)}`);
    expect(search.body.total).toBe(0);
    const tag = await api("marcus", "GET", `/api/v1/communities?tag=${encodeURIComponent(HIDDEN.tags[0]!)}`);
    expect(tag.body.items).toHaveLength(0);
    for (const path of ["", "/join", "/requests", "/leave", "/invitations"]) {
      const res = path ? await api("marcus", "POST", `/api/v1/communities/${HIDDEN.id}${path}`, {}) : await api("marcus", "GET", `/api/v1/communities/${HIDDEN.id}`);
      expect(res.status).toBe(404);
      expect(res.body.error.id).toBe("not_found");
    }
    const unknown = await api("marcus", "GET", `/api/v1/communities/${randomUUID()}`);
    expect(unknown.body).toEqual({ error: { ...unknown.body.error, id: "not_found" } });
  });

  it("members and platform owners see it", async () => {
    expect((await api("tom", "GET", `/api/v1/communities/${HIDDEN.id}`)).body.name).toBe(HIDDEN.name);
    expect((await api("priya", "GET", `/api/v1/communities?q=${encodeURIComponent(HIDDEN.name)}`)).body.items.map((c: { id: string }) => c.id)).toContain(HIDDEN.id);
  });

  it("an invitation reveals it to an admitted colleague, who can then join; other agencies cannot be invited", async () => {
    const base = DEMO_IDENTITIES.find((d) => d.key === "tom")!;
    const colleague = { ...base, key: "colleague", objectId: randomUUID(), displayName: "Casey Colleague", email: `casey.${randomUUID().slice(0, 6)}@finance.gov.au` };
    const ct = await h.issuer!.issue(colleague);
    const me = await h.app.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: `Bearer ${ct}` } });
    const casey = me.json().person.id;
    const asCasey = (method: "GET" | "POST", url: string, body?: object) =>
      h.app.inject({ method, url, headers: { authorization: `Bearer ${ct}` }, ...(body ? { payload: body } : {}) });
    expect((await asCasey("GET", `/api/v1/communities/${HIDDEN.id}`)).statusCode).toBe(404);
    expect((await api("marcus", "POST", `/api/v1/communities/${HIDDEN.id}/invitations`, { personId: casey })).status).toBe(404);
    expect((await api("tom", "POST", `/api/v1/communities/${HIDDEN.id}/invitations`, { personId: casey })).status).toBe(200);
    const seen = await asCasey("GET", `/api/v1/communities/${HIDDEN.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().invited).toBe(true);
    expect(seen.json().members).toEqual([]);
    const joined = await asCasey("POST", `/api/v1/communities/${HIDDEN.id}/join`, { acceptCodeOfPractice: true, codeVersion: 1 });
    expect(joined.statusCode).toBe(200);
    expect(joined.json().myRole).toBe("member");
    const marcusPerson = await h.store.db.selectFrom("people").select("id").where("object_id", "=", DEMO_IDENTITIES.find((d) => d.key === "marcus")!.objectId).executeTakeFirstOrThrow();
    const refused = await api("tom", "POST", `/api/v1/communities/${HIDDEN.id}/invitations`, { personId: marcusPerson.id });
    expect(refused.status).toBe(403);
    expect(refused.body.error.id).toBe("community.agency_only");
  });
});

describe("membership", () => {
  it("guests and outsiders reach no community data", async () => {
    for (const who of ["guest", "outsider"]) {
      expect((await api(who, "GET", "/api/v1/communities")).status).toBe(403);
      expect((await api(who, "GET", `/api/v1/communities/${OPEN.id}`)).status).toBe(403);
    }
  });

  it("joining an open community needs the current code of practice accepted", async () => {
    const page = await api("tom", "GET", `/api/v1/communities/${OPEN.id}`);
    expect(page.body.abilities["community.join"]).toBe(true);
    expect((await api("tom", "POST", `/api/v1/communities/${OPEN.id}/join`, {})).status).toBe(400);
    expect((await api("tom", "POST", `/api/v1/communities/${OPEN.id}/join`, { acceptCodeOfPractice: true, codeVersion: 99 })).status).toBe(409);
    const ok = await api("tom", "POST", `/api/v1/communities/${OPEN.id}/join`, { acceptCodeOfPractice: true, codeVersion: page.body.codeVersion });
    expect(ok.status).toBe(200);
    expect(ok.body.myRole).toBe("member");
    // Joining again answers as if once (idempotent): still a member, once.
    const again = await api("tom", "POST", `/api/v1/communities/${OPEN.id}/join`, { acceptCodeOfPractice: true, codeVersion: page.body.codeVersion });
    expect(again.status).toBe(200);
    expect(again.body.myRole).toBe("member");
  });

  it("closed: request, moderator approves, requester hears back and becomes a member", async () => {
    const direct = await api("tom", "POST", `/api/v1/communities/${CLOSED_CROSS.id}/join`, { acceptCodeOfPractice: true, codeVersion: 1 });
    expect(direct.status).toBe(403);
    expect(direct.body.error.id).toBe("community.not_open");
    const req = await api("tom", "POST", `/api/v1/communities/${CLOSED_CROSS.id}/requests`, { acceptCodeOfPractice: true, codeVersion: 1, message: "I run a data team in Dubbo" });
    expect(req.status).toBe(200);
    expect(req.body.requested).toBe(true);
    // Asking again answers as if once: the pending request stands, unchanged.
    expect((await api("tom", "POST", `/api/v1/communities/${CLOSED_CROSS.id}/requests`, { acceptCodeOfPractice: true, codeVersion: 1 })).status).toBe(200);
    // a plain member cannot decide; the moderator can
    const asMod = await api("aisha", "GET", `/api/v1/communities/${CLOSED_CROSS.id}`);
    const pending = asMod.body.joinRequests.find((r: { message: string }) => r.message === "I run a data team in Dubbo");
    expect(pending).toBeDefined();
    const declineNoReason = await api("aisha", "POST", `/api/v1/communities/${CLOSED_CROSS.id}/requests/${pending.id}/decision`, { decision: "decline" });
    expect(declineNoReason.status).toBe(400);
    const approve = await api("aisha", "POST", `/api/v1/communities/${CLOSED_CROSS.id}/requests/${pending.id}/decision`, { decision: "approve" });
    expect(approve.status).toBe(200);
    const tomView = await api("tom", "GET", `/api/v1/communities/${CLOSED_CROSS.id}`);
    expect(tomView.body.myRole).toBe("member");
    const tomPerson = await h.store.db.selectFrom("people").select("id").where("object_id", "=", DEMO_IDENTITIES.find((d) => d.key === "tom")!.objectId).executeTakeFirstOrThrow();
    const notes = await h.store.db.selectFrom("notifications").selectAll().where("person_id", "=", tomPerson.id).where("kind", "=", "joinRequestDecided").execute();
    expect(notes.some((n) => n.community_id === CLOSED_CROSS.id)).toBe(true);
    const twice = await api("aisha", "POST", `/api/v1/communities/${CLOSED_CROSS.id}/requests/${pending.id}/decision`, { decision: "approve" });
    expect(twice.status).toBe(200);
    const contrary = await api("aisha", "POST", `/api/v1/communities/${CLOSED_CROSS.id}/requests/${pending.id}/decision`, { decision: "decline", reason: "changed my mind" });
    expect(contrary.status).toBe(409);
  });

  it("agency-only communities refuse people from other agencies with a clear reason", async () => {
    const res = await api("marcus", "POST", `/api/v1/communities/${CLOSED_AGENCY.id}/requests`, { acceptCodeOfPractice: true, codeVersion: 1 });
    expect(res.status).toBe(403);
    expect(res.body.error.id).toBe("community.agency_only");
    expect(res.body.error.message).toMatch(/particular agencies/);
    // The community page says why beforehand, where Join and Ask to join would be, to them and only them.
    const outsiderView = await api("marcus", "GET", `/api/v1/communities/${CLOSED_AGENCY.id}`);
    expect(outsiderView.body.abilities).toMatchObject({ "community.join": false, "community.request": false });
    expect(outsiderView.body.joinBlockedReason).toMatch(/open only to staff of particular agencies, and yours is not one of them/);
    const insiderView = await api("aisha", "GET", `/api/v1/communities/${CLOSED_AGENCY.id}`);
    expect(insiderView.body.abilities["community.request"]).toBe(true);
    expect(insiderView.body.joinBlockedReason).toBeNull();
    const ok = await api("aisha", "POST", `/api/v1/communities/${CLOSED_AGENCY.id}/requests`, { acceptCodeOfPractice: true, codeVersion: 1 });
    expect(ok.status).toBe(200);
  });

  it("someone invited to a closed community may join, and is not also offered a request to join", async () => {
    const base = DEMO_IDENTITIES.find((d) => d.key === "tom")!;
    const guest = { ...base, key: "invitee", objectId: randomUUID(), displayName: "Ira Invitee", email: `ira.${randomUUID().slice(0, 6)}@finance.gov.au` };
    const token = await h.issuer!.issue(guest);
    const asIra = (method: "GET" | "POST", url: string, body?: object) =>
      h.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body ? { payload: body } : {}) });
    const ira = (await asIra("GET", "/api/v1/me")).json().person.id;
    const before = (await asIra("GET", `/api/v1/communities/${CLOSED_CROSS.id}`)).json();
    expect(before.abilities).toMatchObject({ "community.join": false, "community.request": true });
    expect((await api("aisha", "POST", `/api/v1/communities/${CLOSED_CROSS.id}/invitations`, { personId: ira })).status).toBe(200);
    const seen = (await asIra("GET", `/api/v1/communities/${CLOSED_CROSS.id}`)).json();
    expect(seen.invited).toBe(true);
    expect(seen.abilities).toMatchObject({ "community.join": true, "community.request": false });
    expect(seen.joinBlockedReason).toBeNull();
    const asked = await asIra("POST", `/api/v1/communities/${CLOSED_CROSS.id}/requests`, { acceptCodeOfPractice: true, codeVersion: seen.codeVersion });
    expect(asked.statusCode).toBe(403);
    expect(asked.json().error.id).toBe("community.invited");
    const joined = await asIra("POST", `/api/v1/communities/${CLOSED_CROSS.id}/join`, { acceptCodeOfPractice: true, codeVersion: seen.codeVersion });
    expect(joined.statusCode).toBe(200);
    expect(joined.json().myRole).toBe("member");
  });

  it("the last owner cannot leave or be demoted; ownership can be handed over", async () => {
    const { body } = await api("marcus", "POST", "/api/v1/communities", proposal({ visibility: "open" }));
    await api("priya", "POST", `/api/v1/communities/${body.id}/decision`, { decision: "approve" });
    const leave = await api("marcus", "POST", `/api/v1/communities/${body.id}/leave`);
    expect(leave.status).toBe(403);
    expect(leave.body.error.id).toBe("community.last_owner");
    await api("aisha", "POST", `/api/v1/communities/${body.id}/join`, { acceptCodeOfPractice: true, codeVersion: 1 });
    const view = await api("marcus", "GET", `/api/v1/communities/${body.id}`);
    const aisha = view.body.members.find((m: { displayName: string }) => m.displayName === "Aisha Karimi");
    const marcus = view.body.members.find((m: { role: string }) => m.role === "owner");
    expect((await api("marcus", "POST", `/api/v1/communities/${body.id}/members/role`, { personId: marcus.id, role: "member" })).status).toBe(403);
    expect((await api("aisha", "POST", `/api/v1/communities/${body.id}/ownership`, { personId: aisha.id })).status).toBe(403);
    const handed = await api("marcus", "POST", `/api/v1/communities/${body.id}/ownership`, { personId: aisha.id });
    expect(handed.status).toBe(200);
    expect(handed.body.myRole).toBe("moderator");
    expect((await api("marcus", "POST", `/api/v1/communities/${body.id}/leave`)).status).toBe(200);
    const removeNoReason = await api("aisha", "POST", `/api/v1/communities/${body.id}/members/remove`, { personId: aisha.id });
    expect(removeNoReason.status).toBe(400);
  });
});

describe("people, lifecycle and notices", () => {
  it("archiving makes a community read-only but still visible and searchable to members", async () => {
    const { body } = await api("aisha", "POST", "/api/v1/communities", proposal({ visibility: "hidden" }));
    await api("priya", "POST", `/api/v1/communities/${body.id}/decision`, { decision: "approve" });
    expect((await api("tom", "POST", `/api/v1/communities/${body.id}/archive`, { reason: "Finished." })).status).toBe(404);
    const archived = await api("aisha", "POST", `/api/v1/communities/${body.id}/archive`, { reason: "Finished." });
    expect(archived.status).toBe(200);
    expect(archived.body.status).toBe("archived");
    expect(archived.body.abilities["community.invite"]).toBe(false);
    const mine = await api("aisha", "GET", `/api/v1/communities?q=${encodeURIComponent(body.name)}`);
    expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([body.id]);
    expect((await api("tom", "GET", `/api/v1/communities?q=${encodeURIComponent(body.name)}`)).body.total).toBe(0);
    expect((await api("aisha", "POST", `/api/v1/communities/${body.id}/archive`, { reason: "Finished." })).status).toBe(403);
  });

  it("profiles show shared visible communities only, and similar people rank by interests and communities", async () => {
    const list = await api("marcus", "GET", "/api/v1/people/similar");
    expect(list.status).toBe(200);
    const aisha = list.body.items.find((p: { displayName: string }) => p.displayName === "Aisha Karimi");
    expect(aisha.sharedInterests).toContain("user research");
    expect(aisha.sharedCommunities).toBeGreaterThanOrEqual(1);
    expect(list.body.items.some((p: { displayName: string }) => p.displayName === "Marcus Bell")).toBe(false);
    const tomId = (await api("tom", "GET", "/api/v1/me")).body.person.id;
    const tomAsSeenByMarcus = await api("marcus", "GET", `/api/v1/people/${tomId}`);
    expect(tomAsSeenByMarcus.body.communities.map((c: { id: string }) => c.id)).not.toContain(HIDDEN.id);
    const tomAsSeenByTom = await api("tom", "GET", `/api/v1/people/${tomId}`);
    expect(tomAsSeenByTom.body.communities.map((c: { id: string }) => c.id)).toContain(HIDDEN.id);
    const outsiderId = await h.store.db.selectFrom("people").select("id").where("agency_id", "is", null).executeTakeFirst();
    if (outsiderId) expect((await api("marcus", "GET", `/api/v1/people/${outsiderId.id}`)).status).toBe(404);
  });

  it("updates my profile; bad input changes nothing", async () => {
    const base = DEMO_IDENTITIES.find((d) => d.key === "marcus")!;
    const newcomer = { ...base, objectId: randomUUID(), displayName: "Robin Profile", email: `robin.${randomUUID().slice(0, 6)}@abs.gov.au` };
    tokens.set("robin", await h.issuer!.issue(newcomer));
    const ok = await api("robin", "POST", "/api/v1/me/profile", { jobTitle: "Senior Data Analyst", interests: ["R", "r", "census"] });
    expect(ok.status).toBe(200);
    expect(ok.body.interests).toEqual(["r", "census"]);
    const bad = await api("robin", "POST", "/api/v1/me/profile", { interests: "not a list" });
    expect(bad.status).toBe(400);
    const after = await api("robin", "GET", "/api/v1/me");
    expect(after.body.person.jobTitle).toBe("Senior Data Analyst");
    expect(after.body.person.interests).toEqual(["r", "census"]);
  });

  it("lists my notices", async () => {
    const res = await api("tom", "GET", "/api/v1/notifications");
    expect(res.status).toBe(200);
    expect(res.body.items.some((n: { kind: string }) => n.kind === "joinRequestDecided")).toBe(true);
  });
});

describe("people search and agencies", () => {
  it("finds people by name or interest, and never guests or outsiders", async () => {
    const byInterest = await api("tom", "GET", "/api/v1/people?q=research");
    expect(byInterest.body.items.map((p: { displayName: string }) => p.displayName)).toEqual(expect.arrayContaining(["Aisha Karimi"]));
    const guest = await api("tom", "GET", "/api/v1/people?q=Jordan");
    expect(guest.body.items).toEqual([]);
    expect((await api("tom", "GET", "/api/v1/people")).status).toBe(400);
    expect((await api("tom", "GET", "/api/v1/people?q=%25")).status).toBe(200);
    const agencies = await api("tom", "GET", "/api/v1/agencies");
    expect(agencies.body.items.map((a: { shortName: string }) => a.shortName)).toEqual(expect.arrayContaining(["ABS", "DTA", "Finance"]));
  });
});
