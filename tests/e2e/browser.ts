/**
 * Debian's Chromium driven by playwright-core (no downloaded browser), plus axe-core for accessibility.
 * Shared by the end-to-end tests: `launchBrowser()` gives a fresh profile each time; `runAxe(page)`
 * returns the serious and critical WCAG violations on the page as it stands.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AxeResults, Result } from "axe-core";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

/** Is the browser installed? End-to-end suites skip with a clear message when it is not. */
export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export interface LaunchedBrowser {
  context: BrowserContext;
  /** A new tab; every tab in the context shares cookies but has its own sessionStorage. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Launch Chromium on a fresh profile in a temporary folder. Playwright refuses `--user-data-dir` in
 * `launch()` args, so the profile folder goes through `launchPersistentContext` instead.
 */
export async function launchBrowser(options: { viewport?: { width: number; height: number } } = {}): Promise<LaunchedBrowser> {
  const profile = await mkdtemp(path.join(tmpdir(), "guildhall-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    locale: "en-AU",
  });
  return {
    context,
    newPage: () => context.newPage(),
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

/** The WCAG 2.2 A/AA rule sets plus best practice, as the issue asks for. */
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

export type AxeViolation = Pick<Result, "id" | "impact" | "help" | "helpUrl"> & { targets: string[] };

/**
 * Put axe-core in every page the context opens from now on, before the page's own scripts, rather than sending
 * its source at each check (a suite that checks many pages saves most of a second on each).
 */
export async function preloadAxe(context: BrowserContext): Promise<void> {
  axeSource ??= await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  await context.addInitScript({ content: axeSource });
}

/** An axe "needs review" item: a rule axe could not decide on, with why for each element (its check messages). */
export type AxeReview = Pick<Result, "id" | "impact" | "help"> & { nodes: { target: string; why: string[] }[] };

/** Run axe-core in the page and return only serious and critical violations (empty when clean). */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  return (await runAxeWithReview(page)).violations;
}

/**
 * Run axe-core in the page: its serious and critical violations (as `runAxe`) and every "needs review"
 * (incomplete) item, whatever its impact. `skipRules` turns rules off (say why where you do).
 */
export async function runAxeWithReview(page: Page, options: { skipRules?: string[] } = {}): Promise<{ violations: AxeViolation[]; review: AxeReview[] }> {
  axeSource ??= await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  const loaded = await page.evaluate(() => "axe" in window);
  // The app's Content-Security-Policy (script-src 'self') rightly blocks `page.addScriptTag({ content })`,
  // so the source is evaluated through DevTools, which CSP does not govern.
  if (!loaded) await page.evaluate(axeSource);
  // Let running transitions settle first: a dialog fading in has see-through colours for a moment, and axe would
  // measure contrast mid-fade (a failure no one sees) or take its labels for hidden. A dialog just put in the page
  // starts fading in a frame later, hence two frames first. Bounded, so an endless animation cannot hang the check.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.evaluate(() =>
    Promise.race([
      Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined))),
      new Promise((resolve) => setTimeout(resolve, 2_000)),
    ]),
  );
  const rules = Object.fromEntries((options.skipRules ?? []).map((id) => [id, { enabled: false }]));
  const results = await page.evaluate(
    async ({ tags, rules }) => {
      const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<AxeResults> } }).axe;
      return axe.run(document, { runOnly: { type: "tag", values: tags }, rules, resultTypes: ["violations", "incomplete"] });
    },
    { tags: AXE_TAGS, rules },
  );
  return {
    violations: results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, targets: v.nodes.map((n) => n.target.join(" ")) })),
    review: results.incomplete.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(" "), why: [...n.any, ...n.all, ...n.none].map((c) => c.message).filter(Boolean) })),
    })),
  };
}

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The newest modification time under `dir` (files only). */
function newestIn(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * Build the tab as `npm run build:tab` does, unless dist/tab is already newer than every source it is built
 * from (`npm run test:e2e` builds once; a suite run on its own still sees the code as it is now).
 */
export function buildTab(): void {
  const built = path.join(ROOT, "dist/tab/index.html");
  const sources = Math.max(newestIn(path.join(ROOT, "src/tab")), newestIn(path.join(ROOT, "src/i18n")), newestIn(path.join(ROOT, "src/domain")), statSync(path.join(ROOT, "vite.config.ts")).mtimeMs, statSync(path.join(ROOT, "package-lock.json")).mtimeMs);
  if (existsSync(built) && statSync(built).mtimeMs > sources) return;
  execFileSync(process.execPath, [path.join(ROOT, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"], {
    cwd: ROOT,
    stdio: "inherit",
    // Vitest sets NODE_ENV=test, which Vite would carry into a development build of React and Griffel.
    env: { ...process.env, NODE_ENV: "production" },
  });
}
