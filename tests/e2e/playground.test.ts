/**
 * The real Microsoft 365 Agents Playground chatting with the real server, driven through its web UI in
 * Debian's Chromium. Each case runs its own Playground whose `.m365agentsplayground.yml` names the tenant
 * the Playground sends in every activity (`conversation.tenantId` and `channelData.tenant.id`).
 *
 * Needs: /usr/bin/chromium (or CHROMIUM_PATH). The Playground is a devDependency and works offline.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { helpText, MESSAGES } from "../../bot/cards/index.js";
import { DEMO_AGENCIES, OUTSIDER_TENANT_ID } from "../../src/domain/demo.js";
import { intlFor } from "../../src/i18n/node.js";
import { startServer, type RunningServer } from "../support/server-process.js";
import { chromiumAvailable, launchBrowser, type LaunchedBrowser } from "./browser.js";

/**
 * The Playground sends its messages and invokes with `locale: "en-US"`, and the demo people saved no language, so
 * the bot answers those in en-US. Its install activity (conversationUpdate) names no locale: that answer is en-AU.
 */
const playgroundIntl = intlFor("en-US");
const HELP_TEXT = helpText(playgroundIntl);
const REPLIES = {
  notUnderstood: playgroundIntl.formatMessage(MESSAGES.notUnderstood),
  notEligible: playgroundIntl.formatMessage(MESSAGES.notEligible),
  notEligibleOnInstall: intlFor("en-AU").formatMessage(MESSAGES.notEligible),
};

const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, "../..");
const PLAYGROUND_CLI = path.join(path.dirname(require.resolve("@microsoft/m365agentsplayground/package.json")), "cli.js");
const ALLOWED_TENANT_ID = DEMO_AGENCIES[0]?.tenantId ?? "";
const COMPOSE_BOX = "[data-lexical-editor=true][role=textbox]";
/** Outsider's message: must reach no log. */
const PRIVATE_WORDS = "help me with Project Bluebird";

interface Playground {
  url: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

const started: Playground[] = [];
let server: RunningServer | undefined;
let browser: LaunchedBrowser | undefined;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The committed `.m365agentsplayground.yml` — the file `npm run playground` reads — with only its `tenantId` line
 * changed when a case needs another tenant, as the README tells people to do.
 */
async function playgroundConfig(tenantId: string): Promise<string> {
  const committed = await readFile(path.join(ROOT, ".m365agentsplayground.yml"), "utf8");
  const tenantLine = /^tenantId: .+$/m;
  if (!tenantLine.test(committed)) throw new Error(".m365agentsplayground.yml has no tenantId line");
  return committed.replace(tenantLine, `tenantId: ${tenantId}`);
}

/** Start a Playground (its own folder, config and port) pointed at the server's /api/messages. */
async function startPlayground(tenantId: string): Promise<Playground> {
  if (!server) throw new Error("server not started");
  const cwd = await mkdtemp(path.join(tmpdir(), "guildhall-playground-"));
  await writeFile(path.join(cwd, ".m365agentsplayground.yml"), await playgroundConfig(tenantId));
  const port = await freePort();
  // Without TEAMSAPPTESTER_BROWSER=none it tries to open a desktop browser and exits silently.
  const child = spawn(process.execPath, [PLAYGROUND_CLI, "-e", `${server.url}/api/messages`, "-c", "msteams", "--dt", "-p", String(port)], {
    cwd,
    env: { PATH: process.env["PATH"] ?? "", HOME: cwd, TEAMSAPPTESTER_BROWSER: "none" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  const playground: Playground = {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        const exited = new Promise<void>((r) => child.once("exit", () => r()));
        process.kill(-child.pid, "SIGTERM");
        const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, "SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(cwd, { recursive: true, force: true });
    },
  };
  started.push(playground);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Playground did not start:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(`Listening on ${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Playground exited with ${code}:\n${out}`));
    });
  });
  return playground;
}

async function openChat(playground: Playground): Promise<Page> {
  if (!browser) throw new Error("browser not started");
  const page = await browser.newPage();
  await page.goto(playground.url);
  await page.locator(COMPOSE_BOX).first().waitFor({ state: "visible", timeout: 30_000 });
  // The Playground installs the bot when it connects; wait for that conversation to finish.
  await page.getByText("Connected.", { exact: true }).first().waitFor({ timeout: 30_000 });
  return page;
}

/** Type into the first compose box; Enter sends in a chat (a channel post needs its Post button). */
async function send(page: Page, text: string, submit = true): Promise<void> {
  const box = page.locator(COMPOSE_BOX).first();
  await box.click();
  await page.keyboard.type(text);
  if (submit) await page.keyboard.press("Enter");
}

/** Adaptive Cards rendered in the conversation whose text includes `heading`. */
const cards = (page: Page, heading: string) => page.locator(".ac-adaptiveCard").filter({ hasText: heading });
/**
 * Messages in the conversation pane with exactly this text. `.fai-OutputCard` is the Playground's
 * message bubble; the same words also appear in the chat list's preview and the log panel.
 */
const messages = (page: Page, text: string) => page.locator(".fai-OutputCard").getByText(text, { exact: true });

describe.skipIf(!chromiumAvailable() && process.env["CI"] !== "true")("Agents Playground ↔ Guildhall bot", () => {
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    for (const p of started) await p.stop();
    await server?.stop();
  });

  it("welcomes a public servant on install, answers 'help' with the help card, and the Help button works", async () => {
    const playground = await startPlayground(ALLOWED_TENANT_ID);
    const page = await openChat(playground);

    await expect.poll(() => cards(page, "Welcome to Guildhall").count(), { timeout: 30_000 }).toBe(1);
    expect(await cards(page, "Guildhall help").count()).toBe(0);

    await send(page, "help");
    await expect.poll(() => cards(page, "Guildhall help").count(), { timeout: 30_000 }).toBe(1);
    const help = cards(page, "Guildhall help").first();
    const text = (await help.innerText()).replace(/\s+/g, " ");
    expect(text).toContain("Communities of practice for verified public servants");
    expect(text).toContain(HELP_TEXT.intro);
    for (const [title, detail] of HELP_TEXT.features) {
      expect(text).toContain(title);
      expect(text).toContain(detail);
    }
    await expect.poll(() => help.getByRole("button", { name: "Help" }).count()).toBe(1);
    // Local mode has no PUBLIC_URL, so there is no "Open Guildhall" link.
    expect(await help.getByRole("button", { name: "Open Guildhall" }).count()).toBe(0);

    // Action.Execute through the Playground (invoke adaptiveCard/action): the welcome card becomes help.
    await cards(page, "Welcome to Guildhall").first().getByRole("button", { name: "Help" }).click();
    await expect.poll(() => cards(page, "Guildhall help").count(), { timeout: 30_000 }).toBe(2);
    expect(await cards(page, "Welcome to Guildhall").count()).toBe(0);

    await send(page, "what's on today?");
    await expect.poll(() => messages(page, REPLIES.notUnderstood).count(), { timeout: 30_000 }).toBe(1);
    await page.close();
  });

  it("answers 'help' in a team channel, where the bot is @mentioned", async () => {
    const playground = await startPlayground(ALLOWED_TENANT_ID);
    const page = await openChat(playground);
    await page.getByRole("treeitem", { name: /General/ }).first().click();
    // The channel view opens with a "Start a new post" editor; @ opens the Playground's mention menu.
    await send(page, "@Guild", false);
    await page.getByRole("menuitem", { name: "Guildhall" }).first().click();
    await page.keyboard.type(" help");
    await page.getByRole("button", { name: "Post" }).click();
    // The activity text is "<at>Guildhall</at> help"; the bot strips the mention.
    await expect.poll(() => cards(page, "Guildhall help").count(), { timeout: 30_000 }).toBe(1);
    await page.close();
  });

  it("refuses someone from a tenant that is not allow-listed (the committed file with its tenantId changed), politely, and logs none of what they wrote", async () => {
    const playground = await startPlayground(OUTSIDER_TENANT_ID);
    const page = await openChat(playground);
    const refusals = async () => (await messages(page, REPLIES.notEligibleOnInstall).count()) + (await messages(page, REPLIES.notEligible).count());

    // Installing the bot is refused with the same sentence instead of a welcome.
    await expect.poll(refusals, { timeout: 30_000 }).toBe(1);
    await send(page, PRIVATE_WORDS);
    await expect.poll(refusals, { timeout: 30_000 }).toBe(2);
    await send(page, "help");
    await expect.poll(refusals, { timeout: 30_000 }).toBe(3);

    expect(REPLIES.notEligible).toMatch(/^Guildhall is open to verified public servants only/);
    expect(await page.locator(".ac-adaptiveCard").count()).toBe(0);
    const serverLog = server?.output() ?? "";
    expect(serverLog).toContain("bot activity from a tenant that is not allowed");
    expect(serverLog).not.toContain("Bluebird");
    // The committed file's person (Tom Nguyen), here in a tenant that is not allow-listed: not in the log either.
    expect(serverLog).not.toContain("Nguyen");
    await page.close();
  });
});
