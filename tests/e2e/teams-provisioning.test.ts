/**
 * Communities with a tenant connected, in real Chromium against the real server: demo identities sign in to
 * the tab, while the server's Graph gateway gets app-only tokens from the Entra stand-in through msal-node
 * (HTTPS, client credentials, the secret checked) and calls the Graph stand-in, which accepts only those
 * tokens. Tom proposes a closed community, Priya approves it, the first channel creation is refused by Teams
 * and Tom sees why and retries, the channel appears with Tom as its owner, Priya asks to join, Tom approves,
 * the job that keeps Teams in step adds Priya to the channel, and Priya hears back in her activity feed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDENTITIES } from "../../src/domain/demo.js";
import type { EntraStandIn } from "../support/entra-standin.js";
import type { GraphStandIn } from "../support/graph-standin/server.js";
import { startServer, type RunningServer } from "../support/server-process.js";
import { STANDIN_APP_ID, startTenantStandIns, type TenantStandIns } from "../support/tenant-standins.js";
import { buildTab, chromiumAvailable, launchBrowser, type LaunchedBrowser } from "./browser.js";
import { bodyText, expectAccessible, TabSession, THEMES } from "./session.js";

const FINANCE = "7f1c2a4e-0b8d-4c1e-9a51-3d2f6b8e1a01";
const TEAMS_APP = "0e6f3d4a-1b2c-4d5e-8f90-a1b2c3d4e5f6";
const NAME = "Grants Assurance Practitioners";
const oid = (key: string) => DEMO_IDENTITIES.find((d) => d.key === key)?.objectId ?? "";

let server: RunningServer;
let browser: LaunchedBrowser;
let tenant: TenantStandIns;
let entra: EntraStandIn;
let graph: GraphStandIn;
let hostTeamId = "";
let communityPath = "";
const session = new TabSession(() => server.url, () => browser);

/** The community's channel in the host team, once Teams has it. */
function channel() {
  return graph.teams.get(hostTeamId)?.channels.find((c) => c.displayName === NAME);
}

describe.skipIf(!chromiumAvailable() && process.env["CI"] !== "true")("communities provisioned in Teams (Graph and Entra stand-ins)", () => {
  beforeAll(async () => {
    buildTab();
    // Host team: Tom a member, Priya its owner.
    tenant = await startTenantStandIns();
    ({ entra, graph, hostTeamId } = tenant);
    [server, browser] = await Promise.all([startServer({ ...tenant.env, TEAMS_APP_ID: TEAMS_APP }), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await tenant?.stop();
  });

  it("Tom proposes a closed community and Priya approves it", async () => {
    const tom = await session.signInAs("Tom Nguyen", "/communities/new");
    await tom.getByRole("textbox", { name: /^Name/ }).fill(NAME);
    await tom.getByRole("textbox", { name: /^Purpose/ }).fill("People who assure grant programmes, comparing risk methods.");
    await tom.getByRole("textbox", { name: /^Terms of reference/ }).fill("We meet each quarter.");
    await tom.getByRole("textbox", { name: /^Code of practice/ }).fill("Share nothing above OFFICIAL.");
    await tom.getByRole("radio", { name: /^Closed/ }).check();
    await tom.getByRole("radio", { name: /^OFFICIAL: Routine/ }).check();
    await tom.getByRole("button", { name: "Send proposal" }).click();
    await tom.getByRole("heading", { level: 1, name: NAME }).waitFor();
    communityPath = new URL(tom.url()).pathname;
    await expect(tom.getByRole("region", { name: "Microsoft Teams" }).innerText()).resolves.toContain("Created once a platform owner approves the community");
    await tom.close();

    // Teams refuses the first channel creation outright (403): nothing to retry automatically.
    graph.inject(/^POST \/teams\/[^/]+\/channels$/, { status: 403 });
    const priya = await session.signInAs("Priya Raman", "/approvals");
    await priya.getByRole("button", { name: `Approve ${NAME}` }).click();
    await priya.getByRole("dialog", { name: `Approve ${NAME}?` }).getByRole("button", { name: "Approve community" }).click();
    await priya.getByRole("main").getByText(`${NAME} is approved.`).waitFor();
    await priya.close();
  });

  it("Tom watches the set-up fail with the reason, retries it, and the channel appears with him as owner", async () => {
    const tom = await session.signInAs("Tom Nguyen", communityPath);
    const teams = tom.getByRole("region", { name: "Microsoft Teams" });
    // The page follows the job by itself: no reload.
    await teams.getByText("The Teams set-up did not finish").waitFor({ timeout: 60_000 });
    await expect(teams.getByRole("list", { name: "Set-up steps" }).innerText()).resolves.toMatch(/Create the channel\s*Failed/);
    expect(channel()).toBeUndefined();
    for (const theme of THEMES) {
      await session.visit(tom, communityPath, theme);
      await teams.getByRole("button", { name: "Retry the Teams set-up" }).waitFor();
      await expectAccessible(tom, `failed set-up, ${theme}`);
    }

    await teams.getByRole("button", { name: "Retry the Teams set-up" }).click();
    const open = teams.getByRole("link", { name: "Open in Microsoft Teams" });
    await open.waitFor({ timeout: 60_000 });
    const created = channel();
    expect(created?.membershipType).toBe("private");
    expect(await open.getAttribute("href")).toContain(`https://teams.microsoft.com/l/channel/${encodeURIComponent(created?.id ?? "")}/`);
    expect(created?.members.filter((m) => m.roles.includes("owner")).map((m) => m.userId)).toEqual([oid("tom")]);
    await expect(teams.getByRole("list", { name: "Set-up steps" }).innerText()).resolves.not.toMatch(/Failed|In progress|Not started/);
    expect(await bodyText(tom)).not.toContain("Teams link pending");
    await expectAccessible(tom, "linked community");
    await tom.close();

    // Every Graph call carried an app-only token msal-node obtained with the app's secret.
    expect(entra.issued.length).toBeGreaterThan(0);
    expect(entra.issued.every((t) => t.grantType === "client_credentials" && t.clientId === STANDIN_APP_ID && t.tenantId === FINANCE && t.audience === graph.url)).toBe(true);
    expect(graph.calls.filter((c) => c.status === 401)).toEqual([]);
    expect(graph.channelCount(hostTeamId)).toBe(1);
  });

  it("Priya asks to join, Tom approves, and Teams follows: Priya is in the channel", async () => {
    const priya = await session.signInAs("Priya Raman", communityPath);
    await priya.getByRole("button", { name: "Ask to join" }).click();
    const dialog = priya.getByRole("dialog", { name: `Ask to join ${NAME}` });
    await dialog.getByRole("checkbox", { name: "I accept the code of practice" }).check();
    await dialog.getByRole("button", { name: "Send request" }).click();
    await priya.getByText(/You have asked to join/).waitFor();

    const tom = await session.signInAs("Tom Nguyen", communityPath);
    await tom.getByRole("region", { name: "Requests to join" }).getByRole("button", { name: "Approve Priya Raman" }).click();
    await tom.getByRole("main").getByText("Priya Raman is now a member.").waitFor();
    await tom.close();

    await expect.poll(() => channel()?.members.map((m) => m.userId).sort(), { timeout: 60_000, interval: 500 }).toEqual([oid("priya"), oid("tom")].sort());
    // Priya hears back in her Teams activity feed, with a link that opens the community in the tab.
    const heard = () => graph.activity.find((a) => a.userId === oid("priya") && JSON.stringify(a.body).includes(`You are now a member of \\"${NAME}\\"`));
    await expect.poll(heard, { timeout: 30_000, interval: 500 }).toBeDefined();
    const webUrl = (heard()?.body["topic"] as { webUrl: string }).webUrl;
    expect(webUrl).toContain(`https://teams.microsoft.com/l/entity/${TEAMS_APP}/home?context=`);
    expect(decodeURIComponent(webUrl)).toContain(`"subEntityId":"${communityPath}"`);
    await session.visit(priya, communityPath);
    await priya.getByText("You are a member", { exact: true }).waitFor();
    await priya.getByRole("region", { name: "Microsoft Teams" }).getByRole("link", { name: "Open in Microsoft Teams" }).waitFor();
    await priya.close();
  });

  it("raised no errors in any page, and the server logged no token", () => {
    expect(session.errors).toEqual([]);
    expect(server.output()).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}/);
    expect(server.output()).not.toContain(tenant.secret);
  });
});
