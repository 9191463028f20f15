/**
 * Issue 8, through the API against the real database and the strict Graph stand-in: owners edit a community (two
 * at once cannot lose a write), a new code of practice is a version members accept, visibility moves only where
 * safe, the proposer withdraws, edits and resubmits, and platform owners un-archive — in Teams too.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { archiveInTeams, MIN_POLL_SECONDS, unarchiveInTeams } from "../../src/jobs/archiveTeams.js";
import { provisionCommunity } from "../../src/jobs/provision.js";
import { gatewayFor } from "../support/graph-standin/gateway.js";
import { manifestApplicationPermissions } from "../support/graph-standin/permissions.js";
import { startTeamsFlow, type TeamsFlow } from "../support/teams-flow.js";

let f: TeamsFlow;
beforeAll(async () => {
  f = await startTeamsFlow();
});
afterAll(async () => {
  await f.close();
});

const url = (id: string, action = "") => `/api/v1/communities/${id}${action ? `/${action}` : ""}`;
const view = async (who: string, id: string) => (await f.api(who, "GET", url(id))).body;
const row = (id: string) => f.h.store.db.selectFrom("communities").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const audits = (event: string, id: string) =>
  f.h.store.db.selectFrom("audit_log").select(["event", "detail"]).where("event", "=", event).execute().then((rows) => rows.filter((r) => (r.detail as { communityId?: string }).communityId === id));
const noticesFor = (personId: string, id: string) => f.h.store.db.selectFrom("notifications").selectAll().where("person_id", "=", personId).where("community_id", "=", id).execute();
const teamsFinishes = () => new Promise((r) => setTimeout(r, 250));

const proposal = (over: Record<string, unknown> = {}) => ({
  name: `Edit ${Math.random().toString(36).slice(2, 8)}`,
  purpose: "A community to test what editing does.",
  termsOfReference: "ToR",
  codeOfPractice: "Code",
  visibility: "closed",
  scope: "cross_agency",
  classification: "OFFICIAL",
  ...over,
});

describe("owners edit a community", () => {
  it("changes purpose, terms and tags, audit-logged, and answers with the new revision", async () => {
    const c = await f.approved("tom");
    const before = await view("tom", c.id);
    expect(before.abilities).toMatchObject({ "community.edit": true, "community.editCode": true, "community.changeVisibility": true });
    const r = await f.api("tom", "POST", url(c.id, "edit"), { revision: before.revision, purpose: "A clearer purpose for the community.", termsOfReference: "New terms", tags: ["data", "data", "evaluation"] });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ purpose: "A clearer purpose for the community.", termsOfReference: "New terms", tags: ["data", "evaluation"], revision: before.revision + 1, codeVersion: 1 });
    const [entry] = await audits("community.edited", c.id);
    expect(entry?.detail).toMatchObject({ fields: ["purpose", "termsOfReference", "tags"], revision: before.revision + 1 });
  });

  it("refuses members, moderators' peers and platform-owner-only moves with the policy's reason, changing nothing", async () => {
    const c = await f.approved("tom");
    const m = await f.financeMember(c, "Mara Member");
    const before = await row(c.id);
    const r = await f.api(m.key, "POST", url(c.id, "edit"), { revision: before.revision, purpose: "Taken over by a member." });
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ error: { id: "community.not_owner", messageKey: "policy.denial.notOwner" } });
    expect((await view(m.key, c.id)).abilities["community.edit"]).toBe(false);
    expect((await row(c.id)).purpose).toBe(before.purpose);
  });

  it("bad input gets each field's problem and changes nothing", async () => {
    const c = await f.approved("tom");
    const before = await row(c.id);
    const r = await f.api("tom", "POST", url(c.id, "edit"), { revision: before.revision, purpose: "short", tags: ["x".repeat(41)], visibility: "secret", colour: "red" });
    expect(r.status).toBe(400);
    const paths = (r.body.error.issues as { path: string }[]).map((i) => i.path).sort();
    expect(paths).toEqual(["colour", "purpose", "tags.0", "visibility"]);
    expect(await row(c.id)).toMatchObject({ purpose: before.purpose, tags: before.tags, visibility: before.visibility, revision: before.revision });
    const empty = await f.api("tom", "POST", url(c.id, "edit"), { revision: before.revision });
    expect(empty.status).toBe(400);
    expect(empty.body.error.messageKey).toBe("manage.errors.nothingToChange");
    const noRevision = await f.api("tom", "POST", url(c.id, "edit"), { purpose: "A purpose with no revision given." });
    expect(noRevision.status).toBe(400);
    expect(noRevision.body.error.issues[0].path).toBe("revision");
  });

  it("two owners editing at once: one write wins, the other is told to reload (409) and nothing is lost silently", async () => {
    const c = await f.approved("tom");
    const me = await f.api("priya", "GET", "/api/v1/me");
    await f.api("tom", "POST", url(c.id, "invitations"), { personId: me.body.person.id });
    await f.api("priya", "POST", url(c.id, "join"), { acceptCodeOfPractice: true, codeVersion: 1 });
    await f.api("tom", "POST", url(c.id, "members/role"), { personId: me.body.person.id, role: "owner" });
    const { revision } = await row(c.id);
    const [a, b] = await Promise.all([
      f.api("tom", "POST", url(c.id, "edit"), { revision, purpose: "Tom's purpose for the community." }),
      f.api("priya", "POST", url(c.id, "edit"), { revision, termsOfReference: "Priya's terms" }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const lost = a.status === 409 ? a : b;
    expect(lost.body).toMatchObject({ error: { id: "community.edited_meanwhile", messageKey: "manage.errors.editedMeanwhile" } });
    const now = await row(c.id);
    expect(now.revision).toBe(revision + 1);
    // Exactly one of the two edits is in, whole.
    expect([now.purpose === "Tom's purpose for the community.", now.terms_of_reference === "Priya's terms"].filter(Boolean)).toHaveLength(1);
    // An edit on the stale revision is refused even when sent later.
    expect((await f.api("tom", "POST", url(c.id, "edit"), { revision, tags: ["late"] })).status).toBe(409);
  });
});

describe("a new code of practice", () => {
  it("is a new version: members are told, shown it until they accept, and an old version cannot be accepted", async () => {
    const c = await f.approved("tom");
    const m = await f.financeMember(c, "Cody Member");
    const { revision } = await row(c.id);
    const r = await f.api("tom", "POST", url(c.id, "edit"), { revision, codeOfPractice: "Be kind. Share what you can." });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ codeVersion: 2, codeOfPractice: "Be kind. Share what you can.", codeAcceptance: { required: false, acceptedVersion: 2 } });
    const notices = await noticesFor(m.personId, c.id);
    expect(notices.map((n) => n.message_key)).toContain("manage.notice.codeChanged");
    expect(notices.find((n) => n.message_key === "manage.notice.codeChanged")?.message_values).toMatchObject({ version: 2 });
    // The member still has every ability they had (nothing is blocked), and is asked to accept.
    const seen = await view(m.key, c.id);
    expect(seen.codeAcceptance).toEqual({ required: true, acceptedVersion: 1 });
    expect(seen.abilities["community.leave"]).toBe(true);
    const stale = await f.api(m.key, "POST", url(c.id, "code/accept"), { codeVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.id).toBe("community.code_changed");
    const ok = await f.api(m.key, "POST", url(c.id, "code/accept"), { codeVersion: 2 });
    expect(ok.status).toBe(200);
    expect(ok.body.codeAcceptance).toEqual({ required: false, acceptedVersion: 2 });
    expect(await audits("community.code_accepted", c.id)).toHaveLength(1);
    // Accepting again changes nothing.
    expect((await f.api(m.key, "POST", url(c.id, "code/accept"), { codeVersion: 2 })).status).toBe(200);
    expect(await audits("community.code_accepted", c.id)).toHaveLength(1);
    // Both versions' text is kept.
    const versions = await f.h.store.db.selectFrom("community_code_versions").select(["version", "code_of_practice"]).where("community_id", "=", c.id).orderBy("version").execute();
    expect(versions).toEqual([{ version: 1, code_of_practice: "Code" }, { version: 2, code_of_practice: "Be kind. Share what you can." }]);
  });

  it("only members accept a code; bad input changes nothing", async () => {
    const c = await f.approved("tom", { visibility: "open", teamsPresence: "standard_channel" });
    const r = await f.api("grace", "POST", url(c.id, "code/accept"), { codeVersion: 1 });
    expect(r.status).toBe(403);
    const bad = await f.api("tom", "POST", url(c.id, "code/accept"), { codeVersion: "one" });
    expect(bad.status).toBe(400);
  });
});

describe("visibility, where safe", () => {
  it("a standard channel's community stays open, with the reason", async () => {
    const c = await f.approved("tom", { visibility: "open", teamsPresence: "standard_channel" });
    const v = await view("tom", c.id);
    expect(v.abilities["community.changeVisibility"]).toBe(false);
    const r = await f.api("tom", "POST", url(c.id, "edit"), { revision: v.revision, visibility: "closed" });
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ error: { id: "community.fixed_visibility", messageKey: "manage.denial.fixedVisibility" } });
    expect((await row(c.id)).visibility).toBe("open");
  });

  it("open ↔ closed for a private channel; hiding waits for pending requests; revealing is a platform owner's", async () => {
    const c = await f.approved("tom");
    const asked = await f.api("grace", "POST", url(c.id, "requests"), { acceptCodeOfPractice: true, codeVersion: 1, message: "" });
    expect(asked.status).toBe(200);
    let v = await view("tom", c.id);
    expect(v.visibilityChoices).toEqual([
      { visibility: "open", allowed: true, denial: null, messageKey: null },
      { visibility: "closed", allowed: true, denial: null, messageKey: null },
      { visibility: "hidden", allowed: false, denial: "pending_requests", messageKey: "manage.denial.pendingRequests" },
    ]);
    const hide = await f.api("tom", "POST", url(c.id, "edit"), { revision: v.revision, visibility: "hidden" });
    expect(hide.status).toBe(403);
    expect(hide.body.error.id).toBe("community.pending_requests");
    const open = await f.api("tom", "POST", url(c.id, "edit"), { revision: v.revision, visibility: "open" });
    expect(open.status).toBe(200);
    expect(open.body.visibility).toBe("open");
    const [entry] = await audits("community.edited", c.id);
    expect(entry?.detail).toMatchObject({ visibility: { from: "closed", to: "open" } });
    // Decide the request, then hide; only a platform owner brings it back to light.
    await f.api("tom", "POST", `${url(c.id, "requests")}/${v.joinRequests[0].id}/decision`, { decision: "decline", reason: "Not now" });
    v = await view("tom", c.id);
    expect((await f.api("tom", "POST", url(c.id, "edit"), { revision: v.revision, visibility: "hidden" })).status).toBe(200);
    v = await view("tom", c.id);
    const reveal = await f.api("tom", "POST", url(c.id, "edit"), { revision: v.revision, visibility: "closed" });
    expect(reveal.status).toBe(403);
    expect(reveal.body.error.id).toBe("community.reveal_hidden");
    expect((await f.api("priya", "POST", url(c.id, "edit"), { revision: v.revision, visibility: "closed" })).status).toBe(200);
  });
});

describe("a proposal's life", () => {
  it("the proposer edits a pending proposal (checked as proposing is), and a stale edit is refused", async () => {
    const p = await f.api("tom", "POST", "/api/v1/communities", proposal());
    expect(p.status).toBe(201);
    expect(p.body.abilities).toMatchObject({ "community.editProposal": true, "community.withdraw": true, "community.resubmit": false });
    const edited = await f.api("tom", "POST", url(p.body.id, "proposal"), { ...proposal({ name: p.body.name, purpose: "A better purpose for this proposal." }), revision: p.body.revision });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: "proposed", purpose: "A better purpose for this proposal.", revision: p.body.revision + 1 });
    const bad = await f.api("tom", "POST", url(p.body.id, "proposal"), { ...proposal({ purpose: "" }), revision: edited.body.revision });
    expect(bad.status).toBe(400);
    expect((bad.body.error.issues as { path: string }[]).map((i) => i.path)).toContain("purpose");
    const stale = await f.api("tom", "POST", url(p.body.id, "proposal"), { ...proposal(), revision: p.body.revision });
    expect(stale.status).toBe(409);
    // Nobody else may edit it; a platform owner decides instead.
    expect((await f.api("priya", "POST", url(p.body.id, "proposal"), { ...proposal(), revision: edited.body.revision })).status).toBe(403);
    expect((await row(p.body.id)).purpose).toBe("A better purpose for this proposal.");
    expect(await audits("community.proposal_edited", p.body.id)).toHaveLength(1);
  });

  it("the proposer resubmits a rejected proposal, edited: it awaits approval again and platform owners see it", async () => {
    const p = await f.api("tom", "POST", "/api/v1/communities", proposal());
    await f.api("priya", "POST", url(p.body.id, "decision"), { decision: "reject", reason: "Say more about who it is for." });
    const rejected = await view("tom", p.body.id);
    expect(rejected.abilities).toMatchObject({ "community.resubmit": true, "community.editProposal": false });
    const r = await f.api("tom", "POST", url(p.body.id, "resubmit"), { ...proposal({ name: p.body.name, purpose: "For analysts who evaluate programs." }), revision: rejected.revision });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: "proposed", decisionReason: null, purpose: "For analysts who evaluate programs." });
    const list = await f.api("priya", "GET", `/api/v1/communities?status=proposed&limit=100&q=${encodeURIComponent(p.body.name)}`);
    expect((list.body.items as { id: string }[]).some((i) => i.id === p.body.id)).toBe(true);
    expect((await f.api("priya", "GET", url(p.body.id))).body.abilities["community.decideProposal"]).toBe(true);
    // Resubmitting again (it is pending now) is refused.
    expect((await f.api("tom", "POST", url(p.body.id, "resubmit"), { ...proposal(), revision: r.body.revision })).status).toBe(403);
  });

  it("the proposer withdraws: the proposal is gone, audit-logged; an approved one cannot be withdrawn", async () => {
    const p = await f.api("tom", "POST", "/api/v1/communities", proposal());
    expect((await f.api("grace", "POST", url(p.body.id, "withdraw"), {})).status).toBe(404);
    const w = await f.api("tom", "POST", url(p.body.id, "withdraw"), {});
    expect(w.status).toBe(200);
    expect(w.body).toEqual({ left: true });
    expect((await f.api("tom", "GET", url(p.body.id))).status).toBe(404);
    expect(await audits("community.proposal_withdrawn", p.body.id)).toHaveLength(1);
    const c = await f.approved("tom");
    const refused = await f.api("tom", "POST", url(c.id, "withdraw"), {});
    expect(refused.status).toBe(403);
    expect(refused.body.error.id).toBe("community.not_pending");
  });

  it("a withdrawal racing the approval: one wins, the other is refused", async () => {
    const p = await f.api("tom", "POST", "/api/v1/communities", proposal());
    const [w, d] = await Promise.all([f.api("tom", "POST", url(p.body.id, "withdraw"), {}), f.api("priya", "POST", url(p.body.id, "decision"), { decision: "approve" })]);
    const outcomes = [w.status, d.status];
    expect(outcomes.filter((s) => s === 200)).toHaveLength(1);
    expect(outcomes.some((s) => s === 409 || s === 404)).toBe(true);
  });
});

describe("platform owners un-archive", () => {
  async function archivedInTeams() {
    const c = await f.approved("tom");
    expect(await provisionCommunity(f.deps, c.id)).toBe("linked");
    expect((await f.api("tom", "POST", url(c.id, "archive"), { reason: "Finished." })).status).toBe(200);
    await archiveInTeams({ db: f.h.store.db, teams: f.gw }, c.id);
    await teamsFinishes();
    expect(await archiveInTeams({ db: f.h.store.db, teams: f.gw }, c.id)).toEqual({ outcome: "archived" });
    return c;
  }
  const channel = (name: string) => f.g.teams.get(f.hostTeamId)!.channels.find((ch) => ch.displayName === name)!;

  it("only a platform owner; owners see no button and are refused", async () => {
    const c = await archivedInTeams();
    expect((await view("tom", c.id)).abilities["community.unarchive"]).toBe(false);
    const r = await f.api("tom", "POST", url(c.id, "unarchive"), {});
    expect(r.status).toBe(403);
    expect(r.body.error.id).toBe("community.not_platform_owner");
    expect((await row(c.id)).status).toBe("archived");
  });

  it("active again at once, members told; Teams restores the channel asynchronously, as Graph documents", async () => {
    const c = await archivedInTeams();
    const m = await f.h.store.db.selectFrom("memberships").select("person_id").where("community_id", "=", c.id).executeTakeFirstOrThrow();
    expect((await view("priya", c.id)).abilities["community.unarchive"]).toBe(true);
    const r = await f.api("priya", "POST", url(c.id, "unarchive"), {});
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: "approved", teams: { archiveState: "archived", unarchiveState: "queued" } });
    expect((await noticesFor(m.person_id, c.id)).map((n) => n.message_key)).toContain("manage.notice.unarchived");
    expect(await audits("community.unarchived", c.id)).toHaveLength(1);
    const deps = { db: f.h.store.db, teams: f.gw };
    expect(await unarchiveInTeams(deps, c.id)).toEqual({ outcome: "waiting", pollAfterSeconds: MIN_POLL_SECONDS });
    expect(channel(c.name).archived).toBe(true);
    expect((await view("tom", c.id)).teams.unarchiveState).toBe("unarchiving");
    await teamsFinishes();
    expect(await unarchiveInTeams(deps, c.id)).toEqual({ outcome: "archived" });
    expect(channel(c.name).archived).toBe(false);
    expect((await view("tom", c.id)).teams).toMatchObject({ archiveState: null, unarchiveState: null });
    expect(f.g.calls.filter((x) => x.method === "POST" && x.path.endsWith(`${channel(c.name).id}/unarchive`))).toHaveLength(1);
    // Un-archiving again changes nothing; it can be archived again.
    expect((await f.api("priya", "POST", url(c.id, "unarchive"), {})).status).toBe(200);
    expect((await f.api("tom", "POST", url(c.id, "archive"), { reason: "Again." })).status).toBe(200);
  });

  it("without ChannelSettings.ReadWrite.All the restore fails visibly with Teams' reason, and can be retried", async () => {
    const c = await archivedInTeams();
    await f.api("priya", "POST", url(c.id, "unarchive"), {});
    const lacking = gatewayFor(f.g, { timeScale: 0.01, baseDelayMs: 20, roles: manifestApplicationPermissions().filter((p) => p !== "ChannelSettings.ReadWrite.All") });
    expect(await unarchiveInTeams({ db: f.h.store.db, teams: lacking }, c.id)).toEqual({ outcome: "failed" });
    const v = await view("tom", c.id);
    expect(v.status).toBe("approved");
    expect(v.teams.unarchiveState).toBe("failed");
    expect(v.teams.unarchiveError).toMatch(/ChannelSettings\.ReadWrite\.All/);
    expect(v.abilities["community.retryUnarchive"]).toBe(true);
    expect((await f.api("tom", "POST", url(c.id, "unarchive/retry"), {})).status).toBe(200);
    expect(await unarchiveInTeams({ db: f.h.store.db, teams: f.gw }, c.id)).toMatchObject({ outcome: "waiting" });
  });

  it("refused while Teams is still archiving; archiving is refused while Teams is still restoring", async () => {
    const c = await f.approved("tom");
    expect(await provisionCommunity(f.deps, c.id)).toBe("linked");
    await f.api("tom", "POST", url(c.id, "archive"), { reason: "Finished." });
    const early = await f.api("priya", "POST", url(c.id, "unarchive"), {});
    expect(early.status).toBe(409);
    expect(early.body.error.messageKey).toBe("manage.errors.teamsStillArchiving");
    await archiveInTeams({ db: f.h.store.db, teams: f.gw }, c.id);
    await teamsFinishes();
    await archiveInTeams({ db: f.h.store.db, teams: f.gw }, c.id);
    expect((await f.api("priya", "POST", url(c.id, "unarchive"), {})).status).toBe(200);
    const again = await f.api("tom", "POST", url(c.id, "archive"), { reason: "Again." });
    expect(again.status).toBe(409);
    expect(again.body.error.messageKey).toBe("manage.errors.teamsStillRestoring");
  });
});
