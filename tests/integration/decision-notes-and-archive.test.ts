/**
 * Issue 8: the approver's note reaches the proposer (notice, in their language); the approvals queue shows who
 * proposed and everything they wrote; archiving asks why, tells every member once and says so on the page.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDENTITIES } from "../../src/domain/demo.js";
import { intlFor } from "../../src/i18n/node.js";
import { previewText } from "../../src/jobs/deliverNotices.js";
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

const proposal = (over: Record<string, unknown> = {}) => ({
  name: `Evaluation Practice ${randomUUID().slice(0, 8)}`,
  purpose: "Evaluators across the APS sharing methods and findings.",
  termsOfReference: "Monthly meetings.\nOpen agenda; minutes shared.",
  codeOfPractice: "Be kind.\nShare what you can.",
  visibility: "open",
  scope: "cross_agency",
  classification: "OFFICIAL",
  tags: ["evaluation"],
  ...over,
});

interface NoticeItem {
  kind: string;
  communityId: string | null;
  text: string;
  messageKey: string | null;
  values: Record<string, string | number> | null;
}

async function noticesAbout(who: string, communityId: string): Promise<NoticeItem[]> {
  const res = await api(who, "GET", "/api/v1/notifications");
  expect(res.status).toBe(200);
  return (res.body.items as NoticeItem[]).filter((n) => n.communityId === communityId);
}

async function proposed(who = "tom", over: Record<string, unknown> = {}): Promise<{ id: string; name: string }> {
  const p = await api(who, "POST", "/api/v1/communities", proposal(over));
  expect(p.status, JSON.stringify(p.body)).toBe(201);
  return { id: p.body.id, name: p.body.name };
}

/** An open community Tom owns, with Grace and Liam as members. */
async function communityWithMembers(): Promise<{ id: string; name: string }> {
  const c = await proposed("tom");
  expect((await api("priya", "POST", `/api/v1/communities/${c.id}/decision`, { decision: "approve" })).status).toBe(200);
  for (const who of ["grace", "liam"]) {
    expect((await api(who, "POST", `/api/v1/communities/${c.id}/join`, { acceptCodeOfPractice: true, codeVersion: 1 })).status).toBe(200);
  }
  return c;
}

describe("the approver's note reaches the proposer", () => {
  it("an approval with a note: the proposer's notice carries it, in en-AU and formatted in fr-CA (Notices page and activity feed)", async () => {
    const c = await proposed("tom");
    const note = "Welcome aboard — please add a second owner within a month.";
    const decided = await api("priya", "POST", `/api/v1/communities/${c.id}/decision`, { decision: "approve", reason: note });
    expect(decided.status).toBe(200);
    const [notice, ...more] = await noticesAbout("tom", c.id);
    expect(more).toHaveLength(0);
    expect(notice).toMatchObject({ kind: "communityApproved", messageKey: "notice.community.approvedWithNote", values: { community: c.name, note } });
    expect(notice!.text).toBe(`Your community "${c.name}" was approved. Note from the platform owner: ${note}`);
    const fr = intlFor("fr-CA").formatKey(notice!.messageKey!, notice!.values!, notice!.text);
    expect(fr).toBe(`Votre communauté «\u00a0${c.name}\u00a0» a été approuvée. Note de la personne responsable de la plateforme\u00a0: ${note}`);
    // The Teams activity feed for someone who reads French says the same.
    expect(previewText({ text: notice!.text, message_key: notice!.messageKey, message_values: notice!.values, locale: "fr-CA" })).toBe(fr);
  });

  it("an approval under another name carries the note too; without a note the plain approval is unchanged", async () => {
    const renamed = await proposed("tom");
    const newName = `Evaluation Network ${randomUUID().slice(0, 8)}`;
    expect((await api("priya", "POST", `/api/v1/communities/${renamed.id}/decision`, { decision: "approve", reason: "Renamed to match the others.", name: newName })).status).toBe(200);
    const [withNote] = await noticesAbout("tom", renamed.id);
    expect(withNote).toMatchObject({ messageKey: "notice.community.approvedRenamedWithNote", values: { community: renamed.name, approvedName: newName, note: "Renamed to match the others." } });
    expect(intlFor("fr-CA").formatKey(withNote!.messageKey!, withNote!.values!, "")).toContain(`sous le nom «\u00a0${newName}\u00a0»`);

    const plain = await proposed("tom");
    expect((await api("priya", "POST", `/api/v1/communities/${plain.id}/decision`, { decision: "approve", reason: "   " })).status).toBe(200);
    const [without] = await noticesAbout("tom", plain.id);
    expect(without).toMatchObject({ messageKey: "notice.community.approved", values: { community: plain.name } });
  });

  it("a rejection's reason reaches the proposer; a note over 2000 characters is refused beside it and nothing changes", async () => {
    const c = await proposed("tom");
    const long = await api("priya", "POST", `/api/v1/communities/${c.id}/decision`, { decision: "approve", reason: "x".repeat(2001) });
    expect(long.status).toBe(400);
    expect(long.body.error.issues.map((i: { path: string }) => i.path)).toEqual(["reason"]);
    expect((await api("priya", "GET", `/api/v1/communities/${c.id}`)).body.status).toBe("proposed");
    expect(await noticesAbout("tom", c.id)).toHaveLength(0);
    expect((await api("priya", "POST", `/api/v1/communities/${c.id}/decision`, { decision: "reject", reason: "A community like this exists." })).status).toBe(200);
    const [notice] = await noticesAbout("tom", c.id);
    expect(notice).toMatchObject({ messageKey: "notice.community.rejected", values: { reason: "A community like this exists." } });
  });
});

describe("the approvals queue", () => {
  it("shows platform owners who proposed, and the terms, code of practice, classification, visibility, scope, Teams presence and date", async () => {
    const agencies = await h.store.db.selectFrom("agencies").select(["id", "short_name"]).where("short_name", "in", ["ABS", "Finance"]).orderBy("short_name").execute();
    expect(agencies.map((a) => a.short_name)).toEqual(["ABS", "Finance"]);
    const c = await proposed("marcus", { scope: "agency_only", agencyIds: agencies.map((a) => a.id), visibility: "closed", classification: "OFFICIAL_SENSITIVE", teamsPresence: "team" });
    // Oldest first, and other test files leave proposals behind: page until this one turns up.
    let res = await api("priya", "GET", "/api/v1/proposals?limit=100");
    let item: Record<string, unknown> & { agencies: unknown; proposedAt: string } = res.body.items.find((p: { id: string }) => p.id === c.id);
    for (let offset = 100; !item && offset < res.body.total; offset += 100) {
      res = await api("priya", "GET", `/api/v1/proposals?limit=100&offset=${offset}`);
      item = res.body.items.find((p: { id: string }) => p.id === c.id);
    }
    expect(res.status).toBe(200);
    expect(item).toMatchObject({
      name: c.name,
      purpose: proposal().purpose,
      termsOfReference: proposal().termsOfReference,
      codeOfPractice: proposal().codeOfPractice,
      visibility: "closed",
      scope: "agency_only",
      classification: "OFFICIAL_SENSITIVE",
      classificationLabel: expect.any(String),
      teamsPresence: "team",
      status: "proposed",
      proposer: { displayName: "Marcus Bell", agency: { shortName: "ABS" } },
    });
    expect(item.agencies).toEqual(agencies.map((a) => expect.objectContaining({ id: a.id, shortName: a.short_name })));
    expect(Date.parse(item.proposedAt)).not.toBeNaN();
    expect(res.body.total).toBeGreaterThanOrEqual(res.body.items.length);
    // Oldest first: the queue is worked in the order proposals arrived.
    const times = res.body.items.map((p: { proposedAt: string }) => Date.parse(p.proposedAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it("is refused to anyone but a platform owner, and refuses a bad page", async () => {
    const tom = await api("tom", "GET", "/api/v1/proposals");
    expect(tom.status).toBe(403);
    expect(tom.body.error.messageKey).toBe("policy.denial.notPlatformOwner");
    expect((await api("priya", "GET", "/api/v1/proposals?limit=1000")).status).toBe(400);
  });
});

describe("archiving says why and tells every member", () => {
  it("an owner archives with a reason: every other member is told once, and the community says when, by whom and why", async () => {
    const c = await communityWithMembers();
    const reason = "The program ended in June.\nThanks, everyone.";
    const res = await api("tom", "POST", `/api/v1/communities/${c.id}/archive`, { reason });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "archived", archivedByRole: "owner", archiveReason: reason, archivedAt: expect.any(String) });
    for (const who of ["grace", "liam"]) {
      const notices = (await noticesAbout(who, c.id)).filter((n) => n.kind === "communityArchived");
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ messageKey: "notice.community.archivedForMember", values: { community: c.name, role: "owner", name: "Tom Nguyen", reason } });
      expect(notices[0]!.text).toBe(`"${c.name}" was archived by Tom Nguyen, an owner. Reason: ${reason}`);
      expect(intlFor("fr-CA").formatKey(notices[0]!.messageKey!, notices[0]!.values!, "")).toBe(
        `La communauté «\u00a0${c.name}\u00a0» a été archivée par Tom Nguyen, propriétaire. Motif\u00a0: ${reason}`,
      );
    }
    // The archiver is not told what they did.
    expect((await noticesAbout("tom", c.id)).filter((n) => n.kind === "communityArchived")).toHaveLength(0);
    // Members and others who may see it read the same on the page.
    const view = await api("grace", "GET", `/api/v1/communities/${c.id}`);
    expect(view.body).toMatchObject({ archivedAt: res.body.archivedAt, archivedByRole: "owner", archiveReason: reason });
    // Archiving again is refused and tells no one a second time.
    expect((await api("tom", "POST", `/api/v1/communities/${c.id}/archive`, { reason: "Again" })).status).toBe(403);
    expect((await noticesAbout("grace", c.id)).filter((n) => n.kind === "communityArchived")).toHaveLength(1);
    const audit = await h.store.db.selectFrom("audit_log").select("detail").where("event", "=", "community.archived").execute();
    expect(audit.some((a) => JSON.stringify(a.detail).includes(c.id))).toBe(true);
  });

  it("a platform owner who is not a member archives as a platform owner: members are not told their name", async () => {
    const c = await communityWithMembers();
    const res = await api("priya", "POST", `/api/v1/communities/${c.id}/archive`, { reason: "Breaches the terms of use." });
    expect(res.status).toBe(200);
    expect(res.body.archivedByRole).toBe("platform_owner");
    for (const who of ["tom", "grace", "liam"]) {
      const [notice, ...more] = (await noticesAbout(who, c.id)).filter((n) => n.kind === "communityArchived");
      expect(more).toHaveLength(0);
      expect(notice!.values).toEqual({ community: c.name, role: "platform_owner", reason: "Breaches the terms of use." });
      expect(notice!.text).toBe(`"${c.name}" was archived by a platform owner. Reason: Breaches the terms of use.`);
    }
  });

  it("without a reason (or a blank or over-long one) it is refused beside the field and nothing changes", async () => {
    const c = await communityWithMembers();
    for (const body of [{}, { reason: "" }, { reason: "   \n " }, { reason: "x".repeat(1001) }, { reason: "fine", extra: true }]) {
      const res = await api("tom", "POST", `/api/v1/communities/${c.id}/archive`, body);
      expect(res.status).toBe(400);
      const paths = res.body.error.issues.map((i: { path: string }) => i.path);
      expect(paths.length).toBeGreaterThan(0);
      if (!("extra" in body)) expect(paths).toEqual(["reason"]);
      if (!("extra" in body)) expect(res.body.error.issues[0].messageKey).toMatch(/^validation\./);
    }
    const missing = await api("tom", "POST", `/api/v1/communities/${c.id}/archive`, {});
    expect(missing.body.error.issues[0].message).toBe("The reason is required.");
    const view = await api("tom", "GET", `/api/v1/communities/${c.id}`);
    expect(view.body).toMatchObject({ status: "approved", archivedAt: null, archiveReason: null, archivedByRole: null });
    expect((await noticesAbout("grace", c.id)).filter((n) => n.kind === "communityArchived")).toHaveLength(0);
  });

  it("a member who is not an owner cannot archive, and nothing changes", async () => {
    const c = await communityWithMembers();
    const res = await api("grace", "POST", `/api/v1/communities/${c.id}/archive`, { reason: "I want it gone." });
    expect(res.status).toBe(403);
    expect(res.body.error.messageKey).toBe("policy.denial.notOwner");
    const view = await api("grace", "GET", `/api/v1/communities/${c.id}`);
    expect(view.body).toMatchObject({ status: "approved", archiveReason: null });
    expect(view.body.abilities["community.archive"]).toBe(false);
    expect((await noticesAbout("liam", c.id)).filter((n) => n.kind === "communityArchived")).toHaveLength(0);
  });
});
