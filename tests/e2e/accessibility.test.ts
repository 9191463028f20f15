/**
 * Every page of the tab and every dialog, in every theme, checked by axe-core in real Chromium against the real
 * server (embedded PostgreSQL, local demo identities):
 * - pages: the identity chooser, home, the directory (and its proposals and "mine" views), a community in each
 *   status (proposed, approved, rejected, archived) as its owner or proposer, a member, someone outside it and a
 *   platform owner, propose, approvals, agencies, people, your profile (saved, with its success bar), someone's
 *   profile, notices, privacy, terms, the tab's configuration page and "page not found";
 * - dialogs, open: join (with the code of practice), ask to join, leave, archive, approve;
 * - themes: light, dark and high contrast (`?theme=contrast`, Teams' contrast theme), then once more with no theme
 *   asked for and Windows high contrast emulated (`forced-colors: active`), which the tab must follow.
 * No serious or critical violation anywhere, with no exceptions set aside; and among axe's "needs review" items, no
 * `aria-valid-attr-value` (a message bar labelled by an id that does not exist) and no `aria-hidden-focus` (an open
 * dialog leaving something focusable inside content hidden from assistive technology).
 * One server, one browser, one sign-in per person: each person keeps one browser tab for the whole file.
 * AXE_REVIEW=1 prints every "needs review" item; AXE_TIMING=1 how long each page took to load and to check.
 */
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_COMMUNITIES } from "../../src/domain/demo.js";
import { startServer, type RunningServer } from "../support/server-process.js";
import { devTokenFor } from "../support/teams-host-standin.js";
import { buildTab, chromiumAvailable, launchBrowser, preloadAxe, runAxeWithReview, type AxeReview, type AxeViolation, type LaunchedBrowser } from "./browser.js";

let server: RunningServer;
let browser: LaunchedBrowser;

// ---- The communities, one in each status ---------------------------------------------------------------------------

const SERVICE_DESIGN = DEMO_COMMUNITIES.find((c) => c.name === "Service Design CoP")!; // open, approved; Aisha owns it
const REGIONAL_DATA = DEMO_COMMUNITIES.find((c) => c.name === "Regional Data Practitioners")!; // closed, approved; Marcus owns it

const proposal = (name: string, visibility: "open" | "closed") => ({
  name,
  purpose: `${name}: public servants comparing methods and sharing plans across agencies.`,
  termsOfReference: "We meet monthly. Minutes go to the shared library.",
  codeOfPractice: "Be generous with what you know. Share nothing above OFFICIAL.",
  visibility,
  scope: "cross_agency",
  classification: "OFFICIAL",
  tags: ["evaluation", "methods"],
});
const PROPOSED = proposal("Accessible Services Network", "closed");
const REJECTED = proposal("Evaluation Methods Circle", "open");
const ARCHIVED = proposal("Records Managers Forum", "open");

/** Community ids and a person's id, once the setup has made them. */
const ids = { proposed: "", rejected: "", archived: "", aisha: "" };

async function api(who: string, method: "GET" | "POST", route: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${server.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${await devTokenFor(server.url, who)}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${who} ${method} ${route}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

async function join(who: string, communityId: string): Promise<void> {
  const c = await api(who, "GET", `/api/v1/communities/${communityId}`);
  await api(who, "POST", `/api/v1/communities/${communityId}/join`, { acceptCodeOfPractice: true, codeVersion: c["codeVersion"] });
}

/**
 * Marcus proposes three communities: one stays proposed, Priya rejects one (with a reason), Priya approves the third,
 * Ravi joins it and Marcus archives it (with a reason). Tom joins Service Design CoP; Grace asks to join Regional Data
 * Practitioners (Marcus's page lists her request).
 */
async function makeCommunities(): Promise<void> {
  ids.proposed = (await api("marcus", "POST", "/api/v1/communities", PROPOSED))["id"] as string;
  ids.rejected = (await api("marcus", "POST", "/api/v1/communities", REJECTED))["id"] as string;
  ids.archived = (await api("marcus", "POST", "/api/v1/communities", ARCHIVED))["id"] as string;
  await api("priya", "POST", `/api/v1/communities/${ids.rejected}/decision`, { decision: "reject", reason: "Evaluation Practitioners already covers this; please join them." });
  await api("priya", "POST", `/api/v1/communities/${ids.archived}/decision`, { decision: "approve", reason: "Welcome aboard." });
  await join("ravi", ids.archived);
  await api("marcus", "POST", `/api/v1/communities/${ids.archived}/archive`, { reason: "The forum has moved to the records community in Finance." });
  await join("tom", SERVICE_DESIGN.id);
  const regional = await api("grace", "GET", `/api/v1/communities/${REGIONAL_DATA.id}`);
  await api("grace", "POST", `/api/v1/communities/${REGIONAL_DATA.id}/requests`, { acceptCodeOfPractice: true, codeVersion: regional["codeVersion"], message: "I analyse grants data in Hobart." });
  const people = JSON.stringify(await api("tom", "GET", "/api/v1/people?q=Aisha"));
  const m = /"id":"([0-9a-f-]{36})"[^{}]*"displayName":"Aisha Karimi"|"displayName":"Aisha Karimi"[^{}]*"id":"([0-9a-f-]{36})"/.exec(people);
  ids.aisha = m?.[1] ?? m?.[2] ?? "";
  if (!ids.aisha) throw new Error(`no Aisha Karimi in ${people}`);
}

// ---- The walk -------------------------------------------------------------------------------------------------------

/** Who looks: a demo person's key and the name on the identity chooser's button; `anonymous` signs in as no one. */
type Who = "anonymous" | "priya" | "marcus" | "aisha" | "tom" | "ravi";
const NAMES: Record<Exclude<Who, "anonymous">, string> = { priya: "Priya Raman", marcus: "Marcus Bell", aisha: "Aisha Karimi", tom: "Tom Nguyen", ravi: "Ravi Patel" };

interface Stop {
  who: Who;
  label: string;
  route: () => string;
  /** The page is ready when this is visible (its level-1 heading by default). */
  ready?: (page: Page) => Locator;
  /** After the page itself is checked: do something (open a dialog, save a form) and check again. */
  then?: { label: string; act: (page: Page) => Promise<Locator | undefined> };
}

const community = (id: () => string) => () => `/communities/${id()}`;
const heading = (name: string | RegExp) => (page: Page) => page.getByRole("heading", { level: 1, name });
const dialogOpenedBy = (button: string | RegExp, title: string | RegExp) => async (page: Page) => {
  await page.getByRole("button", { name: button, exact: typeof button === "string" }).click();
  const dialog = page.getByRole("dialog", { name: title });
  await dialog.waitFor();
  // Fluent fades the dialog in once it is in the page; measured mid-fade, its labels look hidden and its colours faint.
  await dialog.evaluate(async (el) => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const finite = document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity);
    await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
    if (getComputedStyle(el).opacity !== "1") throw new Error("the dialog is still fading in");
  });
  return dialog;
};

const STOPS: Stop[] = [
  // No one signed in.
  { who: "anonymous", label: "identity chooser", route: () => "/", ready: heading("Choose a demo identity") },
  { who: "anonymous", label: "privacy", route: () => "/privacy", ready: heading("Privacy") },
  { who: "anonymous", label: "terms of use", route: () => "/terms", ready: heading("Terms of use") },
  { who: "anonymous", label: "tab configuration", route: () => "/config", ready: heading("Add Guildhall to this channel") },
  { who: "anonymous", label: "page not found", route: () => "/no-such-page", ready: heading("Page not found") },
  // Priya, a platform owner.
  { who: "priya", label: "home (platform owner)", route: () => "/", ready: heading("Welcome, Priya Raman") },
  { who: "priya", label: "directory of proposals", route: () => "/communities?status=proposed", ready: (p) => p.getByRole("article", { name: PROPOSED.name }) },
  {
    who: "priya",
    label: "approvals",
    route: () => "/approvals",
    ready: (p) => p.getByRole("article", { name: PROPOSED.name }),
    then: { label: "approve dialog", act: dialogOpenedBy(`Approve ${PROPOSED.name}`, `Approve ${PROPOSED.name}?`) },
  },
  { who: "priya", label: "proposed community (platform owner)", route: community(() => ids.proposed), ready: heading(PROPOSED.name) },
  { who: "priya", label: "agencies", route: () => "/agencies", ready: (p) => p.getByRole("list", { name: "Registered agencies" }) },
  { who: "priya", label: "people", route: () => "/people", ready: heading("People") },
  // Marcus: proposer of the proposed and rejected communities, owner of the archived one and of Regional Data.
  {
    who: "marcus",
    label: "propose a community",
    route: () => "/communities/new",
    ready: heading("Propose a community"),
    then: {
      label: "propose a community, sent empty (every problem listed)",
      act: async (p) => {
        await p.getByRole("button", { name: "Send proposal" }).click();
        await p.getByRole("alert").filter({ hasText: "The proposal needs changes" }).waitFor();
        return undefined;
      },
    },
  },
  { who: "marcus", label: "proposed community (proposer)", route: community(() => ids.proposed), ready: heading(PROPOSED.name) },
  { who: "marcus", label: "rejected community (proposer)", route: community(() => ids.rejected), ready: heading(REJECTED.name) },
  { who: "marcus", label: "archived community (owner)", route: community(() => ids.archived), ready: heading(ARCHIVED.name) },
  {
    who: "marcus",
    label: "approved closed community (owner, a request to join)",
    route: community(() => REGIONAL_DATA.id),
    ready: (p) => p.getByRole("region", { name: "Requests to join" }).getByRole("listitem").first(),
  },
  { who: "marcus", label: "notices (approval, rejection)", route: () => "/notices", ready: heading("Notices") },
  // Aisha owns Service Design CoP.
  {
    who: "aisha",
    label: "approved open community (owner)",
    route: community(() => SERVICE_DESIGN.id),
    ready: heading(SERVICE_DESIGN.name),
    then: { label: "archive dialog", act: dialogOpenedBy("Archive", `Archive ${SERVICE_DESIGN.name}?`) },
  },
  // Tom is a member of Service Design CoP.
  {
    who: "tom",
    label: "approved open community (member)",
    route: community(() => SERVICE_DESIGN.id),
    ready: heading(SERVICE_DESIGN.name),
    then: { label: "leave dialog", act: dialogOpenedBy("Leave", `Leave ${SERVICE_DESIGN.name}?`) },
  },
  { who: "tom", label: "directory", route: () => "/communities", ready: (p) => p.getByRole("list", { name: "Communities found" }) },
  { who: "tom", label: "directory, his communities", route: () => "/communities?mine=true", ready: (p) => p.getByRole("article", { name: SERVICE_DESIGN.name }) },
  {
    who: "tom",
    label: "your profile",
    route: () => "/people/me",
    ready: heading("Your profile"),
    then: {
      label: "your profile, saved",
      act: async (p) => {
        await p.getByRole("button", { name: "Save profile" }).click();
        await p.getByText("Your profile is saved.").first().waitFor();
        return undefined;
      },
    },
  },
  { who: "tom", label: "someone's profile", route: () => `/people/${ids.aisha}`, ready: heading("Aisha Karimi") },
  // Ravi: outside Service Design CoP and Regional Data, a member of the archived community.
  {
    who: "ravi",
    label: "approved open community (not a member)",
    route: community(() => SERVICE_DESIGN.id),
    ready: heading(SERVICE_DESIGN.name),
    then: { label: "join dialog (code of practice)", act: dialogOpenedBy("Join", `Join ${SERVICE_DESIGN.name}`) },
  },
  {
    who: "ravi",
    label: "approved closed community (not a member)",
    route: community(() => REGIONAL_DATA.id),
    ready: heading(REGIONAL_DATA.name),
    then: { label: "ask-to-join dialog", act: dialogOpenedBy("Ask to join", `Ask to join ${REGIONAL_DATA.name}`) },
  },
  { who: "ravi", label: "archived community (member)", route: community(() => ids.archived), ready: heading(ARCHIVED.name) },
  { who: "ravi", label: "home", route: () => "/", ready: heading("Welcome, Ravi Patel") },
  { who: "ravi", label: "notices (archive)", route: () => "/notices", ready: heading("Notices") },
];

/**
 * `query` is asked for with `?theme=`; the forced-colours pass asks for none and emulates Windows high contrast, which
 * the tab must follow. There the system's palette paints the text, not the theme, and axe cannot measure it: Chromium
 * forces `color` but reports `-webkit-text-fill-color`, which axe reads first, in the theme's colour (a link measured as
 * yellow on the forced white canvas, drawn dark blue). So that pass checks every rule but colour contrast, which the
 * "high contrast" pass checks in the theme the tab chose for it.
 */
const PASSES = [
  { name: "light", query: "light", expect: "light", forcedColors: false, skipRules: [] },
  { name: "dark", query: "dark", expect: "dark", forcedColors: false, skipRules: [] },
  { name: "high contrast", query: "contrast", expect: "contrast", forcedColors: false, skipRules: [] },
  { name: "forced colours", query: undefined, expect: "contrast", forcedColors: true, skipRules: ["color-contrast"] },
] as const;
type Pass = (typeof PASSES)[number];

const pages = new Map<Who, Page>();
const pageErrors: string[] = [];

/** One browser tab per person, signed in through the identity chooser the first time it is needed. */
async function pageFor(who: Who): Promise<Page> {
  const existing = pages.get(who);
  if (existing) return existing;
  const page = await browser.newPage();
  page.on("pageerror", (e) => pageErrors.push(`${who}: ${e.message}`));
  if (who !== "anonymous") {
    await page.goto(`${server.url}/?theme=light`);
    await page.getByRole("heading", { level: 1, name: "Choose a demo identity" }).waitFor();
    await page.getByRole("button", { name: new RegExp(`^${NAMES[who]}`) }).click();
    await page.getByRole("heading", { level: 1, name: /^Welcome, / }).waitFor();
  }
  pages.set(who, page);
  return page;
}

async function open(page: Page, route: string, pass: Pass): Promise<void> {
  await page.emulateMedia({ forcedColors: pass.forcedColors ? "active" : "none" });
  const joiner = route.includes("?") ? "&" : "?";
  await page.goto(`${server.url}${route}${pass.query ? `${joiner}theme=${pass.query}` : ""}`);
}

interface Finding {
  where: string;
  violations: AxeViolation[];
  review: AxeReview[];
}

/** What is loading has loaded (no spinner left), then axe. */
async function check(page: Page, pass: Pass, where: string, into: Finding[]): Promise<void> {
  const started = Date.now();
  await page.waitForFunction(() => !document.querySelector('[role="progressbar"], .fui-Spinner'));
  const loaded = Date.now();
  const { violations, review } = await runAxeWithReview(page, { skipRules: [...pass.skipRules] });
  if (process.env["AXE_TIMING"]) console.log(`${where}: settled ${loaded - started} ms, axe ${Date.now() - loaded} ms`);
  into.push({ where, violations, review });
}

/** Walk one person's stops in one theme, checking every page and dialog. */
async function walkAs(who: Who, pass: Pass, findings: Finding[]): Promise<void> {
  const page = await pageFor(who);
  for (const stop of STOPS.filter((s) => s.who === who)) {
    const where = `${stop.label} [${who}, ${pass.name}]`;
    const started = Date.now();
    await open(page, stop.route(), pass);
    try {
      await (stop.ready ?? ((p: Page) => p.locator("h1").first()))(page).waitFor({ timeout: 15_000 });
    } catch (error) {
      const shown = (await page.locator("body").innerText()).slice(0, 400);
      throw new Error(`${where}: not ready at ${page.url()}; it shows ${JSON.stringify(shown)}`, { cause: error });
    }
    if (process.env["AXE_TIMING"]) console.log(`${where}: ready ${Date.now() - started} ms`);
    expect(await page.evaluate(() => document.documentElement.dataset["theme"]), where).toBe(pass.expect);
    await check(page, pass, where, findings);
    if (stop.then) {
      const dialog = await stop.then.act(page);
      const opened = `${stop.then.label} [${who}, ${pass.name}]`;
      await check(page, pass, opened, findings);
      if (dialog) {
        await page.keyboard.press("Escape");
        await dialog.waitFor({ state: "detached" });
        // Closed, the page is whole again and focus is back on the button that opened the dialog.
        await expect.poll(() => page.evaluate(() => document.querySelector("[inert], #root[aria-hidden]") === null), { message: opened }).toBe(true);
        await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-haspopup")), { message: opened }).toBe("dialog");
      }
    }
  }
}

/**
 * Every stop in one theme: each person's in their own browser tab, three people at a time (each page spends much of
 * its time waiting for the server, so three lanes are quicker than two even on CI's two cores).
 */
async function walk(pass: Pass): Promise<Finding[]> {
  const byWho = new Map<Who, Finding[]>();
  const queue = [...new Set(STOPS.map((s) => s.who))];
  const lane = async () => {
    for (let who = queue.shift(); who; who = queue.shift()) {
      const found: Finding[] = [];
      byWho.set(who, found);
      await walkAs(who, pass, found);
    }
  };
  await Promise.all([lane(), lane(), lane()]);
  // In the order of STOPS, whichever lane walked them.
  return [...new Set(STOPS.map((s) => s.who))].flatMap((who) => byWho.get(who) ?? []);
}

/** One line per offending element, so a failure says what to fix and where. */
function describeFindings(findings: Finding[], pick: (f: Finding) => { id: string; impact?: string | null; help: string; targets: string[] }[]): string {
  const lines: string[] = [];
  for (const f of findings) {
    for (const v of pick(f)) for (const t of v.targets) lines.push(`${f.where}: ${v.id} (${v.impact ?? "?"}) — ${v.help} — ${t}`);
  }
  return lines.join("\n");
}

const serious = (f: Finding) => f.violations;
/** Needs-review items the issue names: a bar labelled by a missing id; focusable content hidden by an open dialog. */
const namedReview = (f: Finding) =>
  f.review
    .filter((r) => r.id === "aria-valid-attr-value" || r.id === "aria-hidden-focus")
    .map((r) => ({ id: r.id, impact: r.impact, help: r.help, targets: r.nodes.map((n) => `${n.target} (${n.why.join("; ")})`) }));
const allReview = (f: Finding) => f.review.map((r) => ({ id: r.id, impact: r.impact, help: r.help, targets: r.nodes.map((n) => `${n.target} (${n.why.join("; ")})`) }));

const summary: string[] = [];

describe.skipIf(!chromiumAvailable() && process.env["CI"] !== "true")("accessibility of every page and dialog, in every theme (Chromium, axe-core)", () => {
  beforeAll(async () => {
    buildTab();
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    await Promise.all([makeCommunities(), preloadAxe(browser.context)]);
  });

  afterAll(async () => {
    if (summary.length) console.log(`axe, per theme:\n${summary.join("\n")}`);
    await browser?.close();
    await server?.stop();
  });

  it.each(PASSES)("$name: no serious or critical violations, no broken bar labels, no focus hidden behind a dialog", async (pass) => {
    const findings = await walk(pass);
    const violations = findings.reduce((n, f) => n + f.violations.reduce((k, v) => k + v.targets.length, 0), 0);
    const review = findings.reduce((n, f) => n + f.review.reduce((k, r) => k + r.nodes.length, 0), 0);
    summary.push(`${pass.name}: ${findings.length} pages and dialogs, ${violations} serious/critical elements, ${review} needs-review elements`);
    if (process.env["AXE_REVIEW"]) console.log(`${pass.name} needs review:\n${describeFindings(findings, allReview)}`);
    expect(describeFindings(findings, serious), `${pass.name}: serious or critical violations`).toBe("");
    expect(describeFindings(findings, namedReview), `${pass.name}: needs review`).toBe("");
    expect(pageErrors).toEqual([]);
  });
});
