/**
 * Signing in as a demo person and looking at pages the way the end-to-end suites do. One `TabSession` per
 * suite: it knows the server, the browser and where to record page errors.
 */
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { runAxe, type LaunchedBrowser } from "./browser.js";

export const THEMES = ["light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export class TabSession {
  readonly errors: string[] = [];

  constructor(
    private readonly serverUrl: () => string,
    private readonly browser: () => LaunchedBrowser,
  ) {}

  /** A new browser tab (own sessionStorage) signed in as a demo person, then at `route`. */
  async signInAs(name: string, route: string, theme: Theme = "light"): Promise<Page> {
    const page = await this.browser().newPage();
    page.on("pageerror", (e) => this.errors.push(`${name}: ${e.message}`));
    await page.goto(`${this.serverUrl()}/?theme=${theme}`);
    await page.getByRole("heading", { level: 1, name: "Choose a demo identity" }).waitFor();
    await page.getByRole("button", { name: new RegExp(`^${name}`) }).click();
    await page.getByRole("heading", { level: 1, name: /^Welcome, / }).waitFor();
    await this.visit(page, route, theme);
    return page;
  }

  /** Load a route afresh (the chosen identity survives in sessionStorage). */
  async visit(page: Page, route: string, theme: Theme = "light"): Promise<void> {
    const joiner = route.includes("?") ? "&" : "?";
    await page.goto(`${this.serverUrl()}${route}${joiner}theme=${theme}`);
  }
}

/** The page's text as a screen reader has it (including visually hidden text such as "Classification: "). */
export async function bodyText(page: Page): Promise<string> {
  return (await page.locator("body").textContent()) ?? "";
}

/**
 * No serious or critical violations. One known false positive is set aside, and only after checking each
 * element in the page: Fluent's focus-trap sentinels (`<i data-tabster-dummy aria-hidden tabindex=0>`),
 * which exist to bounce focus back into an open dialog (microsoft/tabster#288).
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const found = await runAxe(page);
  const violations = [];
  for (const v of found) {
    if (v.id === "aria-hidden-focus") {
      const sentinels = await page.evaluate(
        (targets) => targets.every((t) => document.querySelector(t)?.hasAttribute("data-tabster-dummy") === true),
        v.targets,
      );
      if (sentinels) continue;
    }
    violations.push(v);
  }
  expect(violations, `${label}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}
