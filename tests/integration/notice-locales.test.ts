/**
 * Notices in the reader's language. A notice is stored as its catalog message and arguments beside the en-AU
 * sentence; the Teams activity feed gets it in the recipient's saved language (people.locale; none: en-AU), and
 * the notifications API returns the message and arguments for the tab to format.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOTICES } from "../../src/commands/notify.js";
import { intlFor } from "../../src/i18n/node.js";
import { deliverNotices, noticeLinker } from "../../src/jobs/deliverNotices.js";
import { FINANCE, oid, startTeamsFlow, type TeamsFlow } from "../support/teams-flow.js";

let f: TeamsFlow;
beforeAll(async () => {
  f = await startTeamsFlow();
});
afterAll(async () => {
  await f.close();
});

const linkFor = noticeLinker({ teamsAppId: undefined, teamsWebHost: "https://teams.microsoft.com", publicUrl: "https://guildhall.example.gov.au" });
const fr = intlFor("fr-CA");
const enAU = intlFor("en-AU");

/** Deliver until nothing is left to claim (other files' notices may share the outbox). */
async function drain(): Promise<void> {
  for (let i = 0; i < 50; i += 1) {
    const r = await deliverNotices({ db: f.h.store.db, teams: f.gw, hostTenantId: FINANCE, linkFor });
    if (r.sent + r.skipped + r.failed + r.retrying === 0) return;
  }
  throw new Error("the outbox did not drain");
}

/** What the Graph stand-in received for one person: each notice's preview text and its template's text. */
function previews(objectId: string): { preview: string; templateText: string }[] {
  return f.g.activity
    .filter((a) => a.userId === objectId.toLowerCase())
    .map((a) => ({
      preview: (a.body["previewText"] as { content: string }).content,
      templateText: (a.body["templateParameters"] as { name: string; value: string }[]).find((p) => p.name === "systemDefaultText")?.value ?? "",
    }));
}

interface NoticeItem {
  id: string;
  kind: string;
  text: string;
  messageKey: string | null;
  values: Record<string, string | number> | null;
}

/** A Finance public servant who reads French: in a community already, with fr-CA saved; and a second community they ask to join, which Tom approves. */
async function frenchMemberApproved(): Promise<{ member: { objectId: string; personId: string; key: string }; c: { id: string; name: string } }> {
  const first = await f.approved("tom");
  const member = await f.financeMember(first, "Élise Tremblay");
  await f.h.store.db.updateTable("people").set({ locale: "fr-CA" }).where("id", "=", member.personId).execute();
  const c = await f.approved("tom");
  expect((await f.api(member.key, "POST", `/api/v1/communities/${c.id}/requests`, { acceptCodeOfPractice: true, codeVersion: 1, message: "S’il vous plaît" })).status).toBe(200);
  const view = await f.api("tom", "GET", `/api/v1/communities/${c.id}`);
  const request = view.body.joinRequests.find((r: { person: { id: string } }) => r.person.id === member.personId);
  expect((await f.api("tom", "POST", `/api/v1/communities/${c.id}/requests/${request.id}/decision`, { decision: "approve", reason: "" })).status).toBe(200);
  return { member, c };
}

describe("activity-feed notices in the recipient's language", () => {
  it("a person whose saved language is fr-CA gets the French preview text; the stored text stays en-AU", async () => {
    await drain();
    const { member, c } = await frenchMemberApproved();
    await drain();

    const french = fr.formatMessage(NOTICES.joinRequestApproved, { community: c.name });
    expect(french).toBe(`Vous êtes maintenant membre de «\u00a0${c.name}\u00a0».`);
    const received = previews(member.objectId);
    expect(received).toContainEqual({ preview: french, templateText: french });
    // The invitation to the first community, written before the choice was saved, is delivered in French too.
    expect(received.some((r) => r.preview.includes("vous invite à vous joindre à la communauté"))).toBe(true);
    expect(received.some((r) => /You are now a member|invited you/.test(r.preview))).toBe(false);

    const row = await f.h.store.db
      .selectFrom("notifications")
      .select(["text", "message_key", "message_values", "delivery_state"])
      .where("person_id", "=", member.personId)
      .where("community_id", "=", c.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      text: `You are now a member of "${c.name}".`,
      message_key: "notice.joinRequest.approved",
      message_values: { community: c.name },
      delivery_state: "sent",
    });

    // Tom saved no language: his notice (Élise asked to join) reaches Teams in en-AU.
    const tomPreview = previews(oid("tom")).find((r) => r.preview.includes(c.name) && r.preview.includes("Élise Tremblay"));
    expect(tomPreview?.preview).toBe(`Élise Tremblay asked to join "${c.name}".`);
  });

  it("a notice written before notices had messages (text only) is delivered with its text, whatever the language", async () => {
    await drain();
    const first = await f.approved("tom");
    const member = await f.financeMember(first, "Jean Côté");
    await f.h.store.db.updateTable("people").set({ locale: "fr-CA" }).where("id", "=", member.personId).execute();
    await f.h.store.db
      .insertInto("notifications")
      .values({ person_id: member.personId, kind: "legacy", community_id: null, text: "An older notice, in English only.", read_at: null, delivered_at: null })
      .execute();
    await drain();
    expect(previews(member.objectId).map((r) => r.preview)).toContain("An older notice, in English only.");
  });
});

describe("GET /api/v1/notifications", () => {
  it("returns messageKey and values beside text, and they format to the stored en-AU text in en-AU", async () => {
    const { member, c } = await frenchMemberApproved();

    const mine = (await f.api(member.key, "GET", "/api/v1/notifications")).body.items as NoticeItem[];
    const approved = mine.find((n) => n.messageKey === "notice.joinRequest.approved" && n.values?.["community"] === c.name);
    expect(approved).toMatchObject({ kind: "joinRequestDecided", text: `You are now a member of "${c.name}".`, values: { community: c.name } });

    const toTom = ((await f.api("tom", "GET", "/api/v1/notifications")).body.items as NoticeItem[]).find(
      (n) => n.messageKey === "notice.joinRequest.requested" && n.values?.["community"] === c.name,
    );
    expect(toTom).toMatchObject({ kind: "joinRequested", values: { name: "Élise Tremblay", community: c.name } });

    for (const n of [...mine, toTom!]) {
      expect(n.messageKey).not.toBeNull();
      expect(enAU.hasMessage(n.messageKey!)).toBe(true);
      expect(enAU.formatKey(n.messageKey!, n.values ?? {}, "(no message)")).toBe(n.text);
    }
    // The same message and values, in French, for a reader who chose it.
    expect(fr.formatKey(approved!.messageKey!, approved!.values ?? {}, approved!.text)).toBe(`Vous êtes maintenant membre de «\u00a0${c.name}\u00a0».`);
  });

  it("returns null messageKey and values for a notice that has only its text", async () => {
    const me = await f.api("grace", "GET", "/api/v1/me");
    await f.h.store.db
      .insertInto("notifications")
      .values({ person_id: me.body.person.id, kind: "legacy", community_id: null, text: "Only text here.", read_at: null, delivered_at: null })
      .execute();
    const items = (await f.api("grace", "GET", "/api/v1/notifications")).body.items as NoticeItem[];
    expect(items.find((n) => n.text === "Only text here.")).toMatchObject({ messageKey: null, values: null });
  });
});
