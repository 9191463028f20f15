/**
 * Communities in real Chromium against the real server (embedded PostgreSQL, local demo identities, no
 * tenant): Marcus proposes a closed cross-agency community, Priya approves it, Marcus sees it approved with
 * its Teams link honestly pending, Tom finds it and asks to join, Marcus approves, Tom is a member. A hidden
 * community never shows to someone outside it, not even by its address. axe-core finds no serious or
 * critical WCAG violations on the directory, the propose form or the community page, light or dark.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server-process.js";
import { buildTab, chromiumAvailable, launchBrowser, type LaunchedBrowser } from "./browser.js";
import { bodyText, expectAccessible, TabSession, THEMES } from "./session.js";

const NAME = "Regional Evaluation Practitioners";
const PENDING = "Teams link pending — no Microsoft 365 tenant connected";
const HIDDEN = { id: "c0a1b2c3-0000-4000-8000-000000000003", name: "Budget Policy Network" };

let server: RunningServer;
let browser: LaunchedBrowser;
/** The proposed community's address, once Marcus has proposed it. */
let communityPath = "";
const session = new TabSession(() => server.url, () => browser);
const signInAs = session.signInAs.bind(session);
const visit = session.visit.bind(session);

describe.skipIf(!chromiumAvailable() && process.env["CI"] !== "true")("communities in Chromium (local demo mode)", () => {
  beforeAll(async () => {
    buildTab();
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("Marcus proposes a closed cross-agency community on an accessible form", async () => {
    const page = await signInAs("Marcus Bell", "/communities/new");
    await page.getByRole("heading", { level: 1, name: "Propose a community" }).waitFor();
    for (const theme of THEMES) {
      await visit(page, "/communities/new", theme);
      await page.getByRole("heading", { level: 1, name: "Propose a community" }).waitFor();
      await expectAccessible(page, `propose form, ${theme}`);
    }

    await page.getByRole("button", { name: "Send proposal" }).click();
    await page.getByText("The proposal needs changes").waitFor();
    await expectAccessible(page, "propose form with errors");

    await page.getByRole("textbox", { name: /^Name/ }).fill(NAME);
    await expect(page.getByText(`${NAME.length} of 100 characters`).count()).resolves.toBe(1);
    await page.getByRole("textbox", { name: /^Purpose/ }).fill("Evaluators outside the capitals comparing methods and sharing plans.");
    await page.getByRole("textbox", { name: /^Terms of reference/ }).fill("We meet monthly.\nMinutes go to the shared library.");
    await page.getByRole("textbox", { name: /^Code of practice/ }).fill("Be generous with what you know.\nShare nothing above OFFICIAL.");
    await page.getByRole("radio", { name: /^Closed/ }).check();
    await page.getByRole("radio", { name: /^Cross-agency/ }).check();
    await page.getByRole("radio", { name: /^OFFICIAL: Routine/ }).check();
    await page.getByRole("textbox", { name: /^Tags/ }).fill("evaluation, data");
    await page.getByRole("button", { name: "Send proposal" }).click();

    await page.getByRole("heading", { level: 1, name: NAME }).waitFor();
    communityPath = new URL(page.url()).pathname;
    expect(communityPath).toMatch(/^\/communities\/[0-9a-f-]{36}$/);
    const text = await bodyText(page);
    expect(text).toContain("Awaiting approval");
    expect(text).toContain("Classification: OFFICIAL");
    await expect(page.getByRole("region", { name: "About" }).innerText()).resolves.toContain("We meet monthly.\nMinutes go to the shared library.");

    // The "Awaiting approval" status badge is readable in every theme.
    for (const theme of THEMES) {
      await visit(page, communityPath, theme);
      await page.getByRole("heading", { level: 1, name: NAME }).waitFor();
      await expectAccessible(page, `proposal page, ${theme}`);
    }
    await page.close();
  });

  it("Priya, a platform owner, approves it from Approvals", async () => {
    // Platform owners see proposals in the directory, each card with its status badge, readable in every theme.
    const page = await signInAs("Priya Raman", "/communities?status=proposed");
    for (const theme of THEMES) {
      await visit(page, "/communities?status=proposed", theme);
      await page.getByRole("article", { name: NAME }).getByText("Awaiting approval").waitFor();
      await expectAccessible(page, `directory of proposals, ${theme}`);
    }
    await visit(page, "/approvals");
    await page.getByRole("heading", { level: 1, name: "Approvals" }).waitFor();
    expect(await page.getByRole("navigation", { name: "Guildhall" }).getByRole("link", { name: "Approvals" }).count()).toBe(1);
    const proposal = page.getByRole("article", { name: NAME });
    await proposal.waitFor();
    await page.getByRole("button", { name: `Approve ${NAME}` }).click();
    await page.getByRole("dialog", { name: `Approve ${NAME}?` }).getByRole("button", { name: "Approve community" }).click();
    await page.getByRole("main").getByText(`${NAME} is approved.`).waitFor();
    // The dialog went with its row: the app must not be left hidden from assistive technology.
    expect(await page.locator("#root").getAttribute("aria-hidden")).toBeNull();
    await page.close();
  });

  it("Marcus sees it approved, owned by him, with the Teams link pending — accessibly in light and dark", async () => {
    const page = await signInAs("Marcus Bell", communityPath);
    await page.getByRole("heading", { level: 1, name: NAME }).waitFor();
    expect(await page.getByRole("navigation", { name: "Guildhall" }).getByRole("link", { name: "Approvals" }).count()).toBe(0);
    const teams = page.getByRole("region", { name: "Microsoft Teams" });
    await expect(teams.innerText()).resolves.toContain(PENDING);
    const text = await bodyText(page);
    expect(text).toContain("You are an owner");
    expect(text).not.toContain("Awaiting approval");
    for (const theme of THEMES) {
      await visit(page, communityPath, theme);
      await page.getByRole("region", { name: "Microsoft Teams" }).waitFor();
      await expectAccessible(page, `community page, ${theme}`);
      await page.screenshot({ path: `/tmp/guildhall-community-${theme}.png`, fullPage: true });
    }
    await page.close();
  });

  it("Tom finds it in the directory and asks to join, accepting the code of practice", async () => {
    const page = await signInAs("Tom Nguyen", "/communities");
    await page.getByRole("list", { name: "Communities found" }).waitFor();
    await page.getByRole("searchbox", { name: /Search/ }).fill("Evaluation");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toBe("1 community found");
    const card = page.getByRole("article", { name: NAME });
    await expect(card.innerText()).resolves.toContain("Closed");
    await card.getByRole("link", { name: NAME }).click();

    await page.getByRole("heading", { level: 1, name: NAME }).waitFor();
    expect(await page.getByRole("button", { name: "Join", exact: true }).count()).toBe(0);
    await page.getByRole("button", { name: "Ask to join" }).click();
    const dialog = page.getByRole("dialog", { name: `Ask to join ${NAME}` });
    await expect(dialog.getByRole("region", { name: /Code of practice/ }).innerText()).resolves.toContain("Share nothing above OFFICIAL.");
    await expectAccessible(page, "ask-to-join dialog");
    await dialog.getByRole("checkbox", { name: "I accept the code of practice" }).check();
    await dialog.getByRole("textbox", { name: /Message to the moderators/ }).fill("I evaluate budget measures at Finance.");
    await dialog.getByRole("button", { name: "Send request" }).click();
    await page.getByText(/You have asked to join/).waitFor();
    expect(await page.getByRole("button", { name: "Ask to join" }).count()).toBe(0);
    await page.close();
  });

  it("Marcus approves Tom's request", async () => {
    const page = await signInAs("Marcus Bell", communityPath);
    const requests = page.getByRole("region", { name: "Requests to join" });
    await requests.getByRole("listitem").filter({ hasText: "I evaluate budget measures at Finance." }).waitFor();
    await requests.getByRole("button", { name: "Approve Tom Nguyen" }).click();
    await page.getByRole("main").getByText("Tom Nguyen is now a member.").waitFor();
    await expect(page.getByRole("list", { name: "Members" }).innerText()).resolves.toContain("Tom Nguyen");
    await page.close();
  });

  it("Tom sees himself as a member, and the community among his own", async () => {
    const page = await signInAs("Tom Nguyen", communityPath);
    await page.getByRole("heading", { level: 1, name: NAME }).waitFor();
    await page.getByText("You are a member", { exact: true }).waitFor();
    await expect(page.getByRole("list", { name: "Members" }).innerText()).resolves.toContain("Tom Nguyen (you)");
    expect(await page.getByRole("button", { name: "Leave" }).count()).toBe(1);
    await visit(page, "/communities?mine=true");
    await page.getByRole("article", { name: NAME }).waitFor();
    await visit(page, "/notices");
    await page.getByText(`You are now a member of "${NAME}".`).waitFor();
    await page.close();
  });

  it("keeps a hidden community out of Marcus's directory, search and address bar; the directory is accessible", async () => {
    const page = await signInAs("Marcus Bell", "/communities");
    await page.getByRole("list", { name: "Communities found" }).waitFor();
    await page.getByRole("article", { name: NAME }).waitFor();
    expect(await bodyText(page)).not.toContain(HIDDEN.name);
    for (const theme of THEMES) {
      await visit(page, "/communities", theme);
      await page.getByRole("list", { name: "Communities found" }).waitFor();
      await expectAccessible(page, `directory, ${theme}`);
    }

    await visit(page, "/communities?q=Budget");
    await expect.poll(() => page.getByRole("status").textContent()).toBe("0 communities found");
    expect(await bodyText(page)).not.toContain(HIDDEN.name);

    await visit(page, `/communities/${HIDDEN.id}`);
    await page.getByRole("heading", { level: 1, name: "Page not found" }).waitFor();
    const text = await bodyText(page);
    expect(text).not.toContain(HIDDEN.name);
    expect(text).not.toContain("OFFICIAL: Sensitive");
    await page.close();

    // Its owner, Tom, does see it.
    const tom = await signInAs("Tom Nguyen", `/communities/${HIDDEN.id}`);
    await tom.getByRole("heading", { level: 1, name: HIDDEN.name }).waitFor();
    await expect(bodyText(tom)).resolves.toContain("Classification: OFFICIAL: Sensitive");
    await tom.close();
  });

  it("Priya, a platform owner, sees the registered agencies on an accessible page; Tom has no link to it", async () => {
    const page = await signInAs("Priya Raman", "/agencies");
    const list = page.getByRole("list", { name: "Registered agencies" });
    await list.waitFor();
    await expect(list.innerText()).resolves.toContain("Department of Finance");
    for (const theme of THEMES) {
      await visit(page, "/agencies", theme);
      await page.getByRole("list", { name: "Registered agencies" }).waitFor();
      await expectAccessible(page, `agencies, ${theme}`);
    }
    await page.close();
    const tom = await signInAs("Tom Nguyen", "/");
    expect(await tom.getByRole("navigation", { name: "Guildhall" }).getByRole("link", { name: "Agencies" }).count()).toBe(0);
    await tom.close();
  });

  it("raised no errors in any page", () => {
    expect(session.errors).toEqual([]);
  });
});
