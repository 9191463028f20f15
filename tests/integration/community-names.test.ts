/**
 * Community names compare by how they look (issue 7, section 3) and proposing leaks nothing about hidden or
 * pending communities (section 4): a clash is reported to a proposer only when they can see the other
 * community; the platform owner sees every clash and approval refuses one.
 */
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

interface Answer {
  status: number;
  body: Record<string, unknown> & { error?: { id: string; message: string; issues?: { path: string; message: string }[] } };
}

async function api(who: string, method: "GET" | "POST", url: string, body?: unknown): Promise<Answer> {
  const res = await h.app.inject({ method, url, headers: { authorization: `Bearer ${tokens.get(who)}` }, ...(body !== undefined ? { payload: body as object } : {}) });
  return { status: res.statusCode, body: res.json() };
}

const HIDDEN = DEMO_COMMUNITIES.find((c) => c.visibility === "hidden")!; // "Budget Policy Network", tom owns it
const OPEN = DEMO_COMMUNITIES.find((c) => c.visibility === "open")!; // "Service Design CoP"

const proposal = (name: string, over: Record<string, unknown> = {}) => ({
  name,
  purpose: "People comparing notes on the same kind of work.",
  termsOfReference: "Monthly meetings.",
  codeOfPractice: "Be kind.",
  visibility: "closed",
  scope: "cross_agency",
  classification: "OFFICIAL",
  ...over,
});

const fresh = () => `Fresh Name ${randomUUID().slice(0, 8)}`;

async function communityCount(): Promise<number> {
  const r = await h.store.db.selectFrom("communities").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The shape of an answer: status, and the body's keys (recursively for the error). */
function shape(a: Answer): unknown {
  return { status: a.status, keys: Object.keys(a.body).sort(), error: a.body.error ? Object.keys(a.body.error).sort() : null };
}

describe("look-alike names clash with a community the proposer can see", () => {
  it.each([
    ["the same name in other case", OPEN.name.toUpperCase()],
    ["a Cyrillic look-alike", OPEN.name.replace("S", "\u0405").replace("e", "\u0435")],
    ["fullwidth letters", OPEN.name.replace("Service", "Ｓｅｒｖｉｃｅ")],
    ["mathematical bold letters", OPEN.name.replace("Service", "𝐒𝐞𝐫𝐯𝐢𝐜𝐞")],
    ["doubled spaces and a no-break space", OPEN.name.replace(" ", "  ").replace("CoP", "\u00A0CoP")],
  ])("%s: 409 naming the field, nothing stored", async (_label, name) => {
    const before = await communityCount();
    const res = await api("tom", "POST", "/api/v1/communities", proposal(name));
    expect(res.status).toBe(409);
    expect(res.body.error?.id).toBe("community.name_taken");
    expect(res.body.error?.message).toContain(OPEN.name);
    expect(res.body.error?.issues?.[0]?.path).toBe("name");
    expect(await communityCount()).toBe(before);
  });

  it.each([
    ["a right-to-left override", "\u202EService Design CoP", /text-direction control \(U\+202E\)/],
    ["a directional isolate", "Service \u2067Design\u2069", /text-direction control/],
    ["only zero-width characters", "\u200B\u200C\u200D\u2060\uFEFF", /no visible characters/],
    ["only soft hyphens", "\u00AD\u00AD\u00AD\u00AD", /no visible characters/],
    ["only Hangul fillers", "\u3164\u3164\u3164", /no visible characters/],
    ["a NUL", "Data\u0000 Practitioners", /null character/],
    ["a lone surrogate", "Data \uD83D Practitioners", /broken character/],
    ["a line break", "Data\nPractitioners", /single line/],
    // Look-alikes made with invisible characters are refused outright (issue 8), before any clash is looked for.
    ["a zero-width space in a look-alike", OPEN.name.replace(" ", "\u200B "), /invisible character \(U\+200B\) that could make it look like another name/],
    ["a zero-width joiner in a look-alike", OPEN.name.replace("e", "e\u200D"), /invisible character \(U\+200D\)/],
    ["soft hyphens in a look-alike", OPEN.name.replace("Design", "De\u00ADsign"), /invisible character \(U\+00AD\)/],
  ])("a name with %s is refused with a 400 naming the field", async (_label, name, message) => {
    const before = await communityCount();
    const res = await api("aisha", "POST", "/api/v1/communities", proposal(name));
    expect(res.status).toBe(400);
    const issue = res.body.error?.issues?.find((i) => i.path === "name");
    expect(issue?.message).toMatch(message);
    expect(await communityCount()).toBe(before);
  });

  it("a name in another script that merely resembles nothing is accepted and returned exactly (NFC)", async () => {
    const name = `Cafe\u0301 Évaluation ${randomUUID().slice(0, 4)}`;
    const res = await api("aisha", "POST", "/api/v1/communities", proposal(name));
    expect(res.status).toBe(201);
    expect(res.body.name).toBe(name.normalize("NFC"));
  });
});

describe("proposing does not reveal hidden or pending communities", () => {
  let hiddenNameProposal = "";

  it("a non-member proposing a hidden community's name (or a look-alike) gets the same answer as for a fresh name", async () => {
    const freshAnswer = await api("aisha", "POST", "/api/v1/communities", proposal(fresh()));
    const same = await api("aisha", "POST", "/api/v1/communities", proposal(HIDDEN.name));
    const lookAlike = await api("marcus", "POST", "/api/v1/communities", proposal(HIDDEN.name.replace("B", "\u0412").replace("o", "\u043E")));
    expect(freshAnswer.status).toBe(201);
    expect(shape(same)).toEqual(shape(freshAnswer));
    expect(shape(lookAlike)).toEqual(shape(freshAnswer));
    expect(same.body).toMatchObject({ name: HIDDEN.name, status: "proposed", nameClashes: [] });
    expect(freshAnswer.body.nameClashes).toEqual([]);
    hiddenNameProposal = String(lookAlike.body.id);
  });

  it("a non-member proposing the name of someone else's pending proposal gets the same answer as for a fresh name", async () => {
    const name = fresh();
    expect((await api("tom", "POST", "/api/v1/communities", proposal(name, { visibility: "hidden" }))).status).toBe(201);
    const freshAnswer = await api("aisha", "POST", "/api/v1/communities", proposal(fresh()));
    const same = await api("aisha", "POST", "/api/v1/communities", proposal(name.toLowerCase()));
    expect(shape(same)).toEqual(shape(freshAnswer));
    expect(same.status).toBe(201);
  });

  it("a member of the hidden community is told of the clash (they can see it)", async () => {
    const res = await api("tom", "POST", "/api/v1/communities", proposal(HIDDEN.name));
    expect(res.status).toBe(409);
    expect(res.body.error?.id).toBe("community.name_taken");
  });

  it("the platform owner sees the clash; approval is refused until the name changes, then goes through", async () => {
    const id = hiddenNameProposal; // marcus's look-alike of the hidden community's name, above
    const seen = await api("priya", "GET", `/api/v1/communities/${id}`);
    expect(seen.body.nameClashes).toEqual(expect.arrayContaining([{ id: HIDDEN.id, name: HIDDEN.name, status: "approved" }]));
    expect((await api("marcus", "GET", `/api/v1/communities/${id}`)).body.nameClashes).toEqual([]);

    const refused = await api("priya", "POST", `/api/v1/communities/${id}/decision`, { decision: "approve" });
    expect(refused.status).toBe(409);
    expect(refused.body.error?.id).toBe("community.name_clash");
    expect(refused.body.error?.message).toContain(HIDDEN.name);
    expect((await h.store.db.selectFrom("communities").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("proposed");

    const stillBad = await api("priya", "POST", `/api/v1/communities/${id}/decision`, { decision: "approve", name: "Budget Policy Netw\u043Erk" });
    expect(stillBad.status).toBe(409);
    const renamed = await api("priya", "POST", `/api/v1/communities/${id}/decision`, { decision: "approve", name: `Budget Policy Peers ${randomUUID().slice(0, 4)}` });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ status: "approved", name: expect.stringMatching(/^Budget Policy Peers /) });
    const notice = await h.store.db.selectFrom("notifications").select("text").where("community_id", "=", id).executeTakeFirstOrThrow();
    expect(notice.text).toMatch(/was approved as "Budget Policy Peers /);
  });

  it("of two look-alike proposals, the second approval is refused", async () => {
    const name = fresh();
    const a = await api("tom", "POST", "/api/v1/communities", proposal(name));
    const b = await api("aisha", "POST", "/api/v1/communities", proposal(name.replace("e", "\u0435")));
    expect([a.status, b.status]).toEqual([201, 201]);
    expect((await api("priya", "GET", `/api/v1/communities/${String(b.body.id)}`)).body.nameClashes).toEqual([{ id: a.body.id, name, status: "proposed" }]);
    expect((await api("priya", "POST", `/api/v1/communities/${String(a.body.id)}/decision`, { decision: "approve" })).status).toBe(200);
    const second = await api("priya", "POST", `/api/v1/communities/${String(b.body.id)}/decision`, { decision: "approve" });
    expect(second.status).toBe(409);
    expect(second.body.error?.id).toBe("community.name_clash");
  });

  it("the database refuses two approved communities with one name key, even if the check is raced", async () => {
    const name = fresh();
    const a = await api("tom", "POST", "/api/v1/communities", proposal(name));
    const b = await api("aisha", "POST", "/api/v1/communities", proposal(name.toUpperCase()));
    const answers = await Promise.all([a, b].map((p) => api("priya", "POST", `/api/v1/communities/${String(p.body.id)}/decision`, { decision: "approve" })));
    expect(answers.map((x) => x.status).sort()).toEqual([200, 409]);
    expect(answers.find((x) => x.status === 409)?.body.error?.id).toBe("community.name_clash");
  });
});

describe("the tester's findings: text that used to give a 500 or be stored wrong", () => {
  const SHARED_TENANT = "2b9e6d10-5c3a-4f7e-8d21-6a4c9e0f3b02";

  it.each([
    ["a NUL in ?q=", "/api/v1/communities?q=budget%00", "q"],
    ["a NUL in ?tag=", "/api/v1/communities?tag=analytics%00", "tag"],
    ["a NUL in the people search", "/api/v1/people?q=a%00b", "q"],
    ["a control character in ?q=", "/api/v1/communities?q=%1B%5B31m", "q"],
  ])("%s is a 400 naming the parameter", async (_label, url, path) => {
    const res = await api("aisha", "GET", url);
    expect(res.status).toBe(400);
    expect(res.body.error?.issues?.map((i) => i.path)).toContain(path);
  });

  it("a lone surrogate in an agency name is a 400 naming the field, not a 500, and nothing is registered", async () => {
    const before = await h.store.db.selectFrom("agencies").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    const res = await api("priya", "POST", "/api/v1/agencies", { name: "Bureau \uD83D of Things", shortName: "BoT", tenantId: SHARED_TENANT, emailDomains: ["bot.example.gov.au"] });
    expect(res.status).toBe(400);
    expect(res.body.error?.issues).toEqual([
      { path: "name", message: expect.stringMatching(/^The name contains a broken character/), messageKey: "validation.text.brokenCharacter", values: { field: "agencyName", character: "U+D83D" } },
    ]);
    const after = await h.store.db.selectFrom("agencies").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it("a lone surrogate in a profile is refused, not stored as U+FFFD", async () => {
    const res = await api("marcus", "POST", "/api/v1/me/profile", { jobTitle: "Analyst \uDE00" });
    expect(res.status).toBe(400);
    expect(res.body.error?.issues?.[0]?.path).toBe("jobTitle");
    const row = await h.store.db.selectFrom("people").select("job_title").where("object_id", "=", DEMO_IDENTITIES.find((d) => d.key === "marcus")!.objectId).executeTakeFirstOrThrow();
    expect(row.job_title ?? "").not.toContain("\uFFFD");
  });

  it("a NUL in a multi-line field and in a reason is a 400 naming the field", async () => {
    const p = await api("tom", "POST", "/api/v1/communities", proposal(fresh(), { codeOfPractice: "Be kind.\n\u0000Be brief." }));
    expect(p.status).toBe(400);
    expect(p.body.error?.issues?.[0]?.path).toBe("codeOfPractice");
    const ok = await api("tom", "POST", "/api/v1/communities", proposal(fresh(), { codeOfPractice: "Be kind.\r\n\tBe brief." }));
    expect(ok.status).toBe(201);
    expect(ok.body.codeOfPractice).toBe("Be kind.\r\n\tBe brief.");
    const refused = await api("priya", "POST", `/api/v1/communities/${String(ok.body.id)}/decision`, { decision: "reject", reason: "No\u0000" });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.issues?.[0]?.path).toBe("reason");
  });
});
