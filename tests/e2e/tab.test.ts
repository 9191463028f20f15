/**
 * The tab in real Chromium against the real server (embedded PostgreSQL, local demo identities): every
 * demo person sees what the server says they should, guests and outsiders see the refusal and no data,
 * and axe-core finds no serious or critical WCAG violations in the light or dark theme.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server-process.js";
import { buildTab, chromiumAvailable, launchBrowser, runAxe, type LaunchedBrowser } from "./browser.js";


interface PublicServant {
  key: string;
  name: string;
  email: string;
  jobTitle: string;
  agency: string;
  platformOwner: boolean;
}

const PUBLIC_SERVANTS: PublicServant[] = [
  { key: "priya", name: "Priya Raman", email: "priya.raman@finance.gov.au", jobTitle: "Director, Procurement Capability", agency: "Department of Finance", platformOwner: true },
  { key: "tom", name: "Tom Nguyen", email: "tom.nguyen@finance.gov.au", jobTitle: "Senior Policy Officer", agency: "Department of Finance", platformOwner: false },
  { key: "grace", name: "Grace Okafor", email: "grace.okafor@finance.gov.au", jobTitle: "Grants Program Manager", agency: "Department of Finance", platformOwner: false },
  { key: "liam", name: "Liam Walsh", email: "liam.walsh@finance.gov.au", jobTitle: "Contract Manager", agency: "Department of Finance", platformOwner: false },
  { key: "aisha", name: "Aisha Karimi", email: "aisha.karimi@dta.gov.au", jobTitle: "Lead Service Designer", agency: "Digital Transformation Agency", platformOwner: false },
  { key: "mei", name: "Mei Chen", email: "mei.chen@dta.gov.au", jobTitle: "Accessibility Specialist", agency: "Digital Transformation Agency", platformOwner: false },
  { key: "marcus", name: "Marcus Bell", email: "marcus.bell@abs.gov.au", jobTitle: "Data Analyst", agency: "Australian Bureau of Statistics", platformOwner: false },
  { key: "ravi", name: "Ravi Patel", email: "ravi.patel@abs.gov.au", jobTitle: "Survey Methodologist", agency: "Australian Bureau of Statistics", platformOwner: false },
];

const REFUSED = [
  { key: "guest", name: "Jordan Lee (Guest)", reasons: ["guest_not_allowed", "guest_home_tenant_not_allowed"] },
  { key: "outsider", name: "Sam Outsider", reasons: ["tenant_not_allowed"] },
];

const REFUSAL_HEADING = "Guildhall is open to verified public servants only";
const THEMES = ["light", "dark"] as const;

let server: RunningServer;
let browser: LaunchedBrowser;

async function expectAccessible(page: Page, label: string): Promise<void> {
  const violations = await runAxe(page);
  expect(violations, `${label}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

/** Open the tab in a new browser tab (own sessionStorage) and sign in as a demo person. */
async function signInAs(key: string, name: string, theme: (typeof THEMES)[number] = "light"): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${server.url}/?theme=${theme}`);
  await page.getByRole("heading", { level: 1, name: "Choose a demo identity" }).waitFor();
  await page.getByRole("button", { name: new RegExp(`^${name.replace(/[()]/g, "\\$&")}`) }).click();
  return { page, errors };
}

async function devToken(key: string): Promise<string> {
  const res = await fetch(`${server.url}/api/dev/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ key }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

describe.skipIf(!chromiumAvailable() && process.env["CI"] !== "true")("the tab in Chromium (local demo mode)", () => {
  beforeAll(async () => {
    buildTab();
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  describe.each(PUBLIC_SERVANTS)("as $name", (who) => {
    it("shows who they are, their agency and what the server lets them do, accessibly in light and dark", async () => {
      const { page, errors } = await signInAs(who.key, who.name);
      await page.getByRole("heading", { level: 1, name: `Welcome, ${who.name}` }).waitFor();

      const profile = page.getByRole("region", { name: "Your profile" });
      await expect(profile.textContent()).resolves.toContain(who.email);
      await expect(profile.textContent()).resolves.toContain(who.jobTitle);
      await expect(profile.textContent()).resolves.toContain(who.agency);

      const may = await page.getByRole("list", { name: "What you may do" }).textContent();
      expect(may).toContain("Propose a new community of practice");
      expect(may?.includes("Approve proposed communities")).toBe(who.platformOwner);
      expect(await page.getByText("Platform owner", { exact: true }).count()).toBe(who.platformOwner ? 1 : 0);
      await expect(page.getByText("Local demo mode — no Microsoft 365 tenant connected").count()).resolves.toBe(1);

      for (const theme of THEMES) {
        await page.goto(`${server.url}/?theme=${theme}`); // the chosen identity survives in sessionStorage
        await page.getByRole("heading", { level: 1, name: `Welcome, ${who.name}` }).waitFor();
        expect(await page.evaluate(() => document.documentElement.dataset["theme"])).toBe(theme);
        await expectAccessible(page, `${who.key} home, ${theme}`);
        if (who.platformOwner) await page.screenshot({ path: `/tmp/guildhall-home-${theme}.png`, fullPage: true });
      }
      expect(errors).toEqual([]);
      await page.close();
    });
  });

  describe.each(REFUSED)("as $name", (who) => {
    it("shows only the refusal, with the server's reason, accessibly in light and dark", async () => {
      const { page, errors } = await signInAs(who.key, who.name);
      await page.getByRole("heading", { level: 1, name: REFUSAL_HEADING }).waitFor();
      const alert = (await page.getByRole("alert").textContent()) ?? "";
      expect(alert.length).toBeGreaterThan("Access refused".length);
      expect(await page.getByText(/Reason code: /).textContent()).toMatch(new RegExp(who.reasons.join("|")));

      const body = (await page.locator("body").innerText()).toLowerCase();
      expect(body).not.toContain("what you may do");
      for (const other of PUBLIC_SERVANTS) {
        expect(body).not.toContain(other.name.toLowerCase());
        expect(body).not.toContain(other.email);
      }

      for (const theme of THEMES) {
        await page.goto(`${server.url}/?theme=${theme}`);
        await page.getByRole("heading", { level: 1, name: REFUSAL_HEADING }).waitFor();
        await expectAccessible(page, `${who.key} refusal, ${theme}`);
      }
      expect(errors).toEqual([]);
      await page.close();
    });
  });

  it("the identity picker, public pages and not-found page are accessible in both themes", async () => {
    const page = await browser.newPage();
    for (const theme of THEMES) {
      await page.goto(`${server.url}/?theme=${theme}`);
      await page.getByRole("heading", { level: 1, name: "Choose a demo identity" }).waitFor();
      // Every demo person, in the server's order: eight public servants, then the guest and the outsider.
      const offered = await page.getByRole("list", { name: "Demo identities" }).getByRole("button").allInnerTexts();
      expect(offered.map((t) => t.split("\n")[0]?.trim())).toEqual([...PUBLIC_SERVANTS, ...REFUSED].map((p) => p.name));
      await expectAccessible(page, `picker, ${theme}`);
      for (const [route, heading] of [
        ["/privacy", "Privacy"],
        ["/terms", "Terms of use"],
        ["/config", "Add Guildhall to this channel"],
        ["/no-such-page", "Page not found"],
      ] as const) {
        await page.goto(`${server.url}${route}?theme=${theme}`);
        await page.getByRole("heading", { level: 1, name: heading }).waitFor();
        await expectAccessible(page, `${route}, ${theme}`);
      }
    }
    await page.close();
  });

  it("follows the operating system's colour scheme when no theme is requested", async () => {
    const page = await browser.newPage();
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(`${server.url}/`);
    await page.getByRole("heading", { level: 1, name: "Choose a demo identity" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset["theme"])).toBe("dark");
    await expectAccessible(page, "picker, OS dark");
    await page.emulateMedia({ colorScheme: "light" });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset["theme"])).toBe("light");
    await page.close();
  });

  it("lets a keyboard user skip to the content and switch identity", async () => {
    const { page } = await signInAs("tom", "Tom Nguyen");
    await page.getByRole("heading", { level: 1, name: "Welcome, Tom Nguyen" }).waitFor();
    await page.goto(`${server.url}/`);
    await page.getByRole("heading", { level: 1, name: "Welcome, Tom Nguyen" }).waitFor();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to main content");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
    await page.getByRole("button", { name: "Switch identity" }).click();
    await page.getByRole("heading", { level: 1, name: "Choose a demo identity" }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem("guildhall.devIdentity"))).toBeNull();
    await page.close();
  });

  describe("the API behind the tab", () => {
    it("refuses guest and outsider tokens with 403 and no personal data", async () => {
      for (const who of REFUSED) {
        const res = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${await devToken(who.key)}` } });
        expect(res.status, who.key).toBe(403);
        const body = (await res.json()) as { error: { id: string; reason: string; message: string }; person?: unknown };
        expect(body.error.id).toBe("eligibility.denied");
        expect(who.reasons).toContain(body.error.reason);
        expect(body.person).toBeUndefined();
      }
    });

    it("answers 401 without a token or with a forged one, and 200 with computed permissions for public servants", async () => {
      const missing = await fetch(`${server.url}/api/v1/me`);
      expect(missing.status).toBe(401);
      expect(((await missing.json()) as { error: { id: string } }).error.id).toBe("auth.missing_token");
      const forged = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: "Bearer not.a.token" } });
      expect(forged.status).toBe(401);
      expect(((await forged.json()) as { error: { id: string } }).error.id).toBe("auth.invalid_token");
      for (const who of PUBLIC_SERVANTS) {
        const res = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${await devToken(who.key)}` } });
        expect(res.status, who.key).toBe(200);
        const me = (await res.json()) as { person: { email: string }; platformOwner: boolean; permissions: Record<string, boolean> };
        expect(me.person.email).toBe(who.email);
        expect(me.platformOwner).toBe(who.platformOwner);
        expect(me.permissions["community.approve"]).toBe(who.platformOwner);
        expect(me.permissions["guildhall.use"]).toBe(true);
      }
    });
  });
});
