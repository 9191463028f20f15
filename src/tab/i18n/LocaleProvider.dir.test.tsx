// @vitest-environment jsdom
/**
 * The tab's <html lang> and <html dir> follow the shown locale: dir comes from textDirection (src/i18n/locales.ts).
 * We ship no right-to-left locale yet, so the RTL case stands one in: textDirection is made to call fr-CA
 * right-to-left, and the provider must put dir="rtl" on <html> without knowing anything else about it.
 */
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AnyLocale } from "../../i18n/locales.js";

vi.mock("../../i18n/locales.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../i18n/locales.js")>();
  return { ...real, textDirection: (locale: string) => (locale === "fr-CA" ? "rtl" : real.textDirection(locale)) };
});

// The built catalogs are a Vite virtual module; these tests pass their own loader.
vi.mock("./catalogs.js", () => ({ loadMessages: () => Promise.resolve({}) }));

const { LocaleProvider } = await import("./LocaleProvider.js");

const noMessages = (_locale: AnyLocale) => Promise.resolve({});

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
  window.localStorage.clear();
  document.documentElement.removeAttribute("dir");
  document.documentElement.removeAttribute("lang");
});

describe("LocaleProvider sets the page's direction", () => {
  it("a right-to-left locale gives <html dir=rtl>", async () => {
    render(
      <LocaleProvider hostLocale="fr-CA" loadMessages={noMessages}>
        <p>shown</p>
      </LocaleProvider>,
    );
    await screen.findByText("shown");
    expect(document.documentElement.lang).toBe("fr-CA");
    expect(document.documentElement.dir).toBe("rtl");
  });

  it("a left-to-right locale gives <html dir=ltr>", async () => {
    render(
      <LocaleProvider hostLocale="en-US" loadMessages={noMessages}>
        <p>shown</p>
      </LocaleProvider>,
    );
    await screen.findByText("shown");
    expect(document.documentElement.lang).toBe("en-US");
    expect(document.documentElement.dir).toBe("ltr");
  });
});
