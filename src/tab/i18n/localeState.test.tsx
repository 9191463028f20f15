// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { compileCatalog } from "../../i18n/catalog.js";
import type { AnyLocale } from "../../i18n/locales.js";
import { catalogs } from "../../i18n/node.js";
import { defineMessages, useIntl } from "./intl.js";
import { LocaleProvider } from "./LocaleProvider.js";
import { useLocale, useSavedLocale } from "./localeState.js";

// The built catalogs are a Vite virtual module; the provider is handed the catalogs from disk instead.
vi.mock("./catalogs.js", () => ({ loadMessages: () => Promise.resolve({}) }));

const m = defineMessages({ probe: { id: "profile.mine.title", defaultMessage: "Your profile" } });
const loadMessages = (locale: AnyLocale) => Promise.resolve(compileCatalog(catalogs().get(locale) ?? {}));

function Probe({ saved }: { saved: string | null | undefined }) {
  useSavedLocale(saved);
  const intl = useIntl();
  const { choice, settled } = useLocale();
  return (
    <p>
      {intl.formatMessage(m.probe)} | {String(choice)} | {String(settled)}
    </p>
  );
}

afterEach(() => {
  cleanup();
  window.localStorage.clear();
  window.sessionStorage.clear();
});

function renderWith(saved: string | null | undefined) {
  return render(
    <LocaleProvider hostLocale="en-AU" loadMessages={loadMessages}>
      <Probe saved={saved} />
    </LocaleProvider>,
  );
}

describe("the language saved with the profile", () => {
  it("switches the tab when the session's me arrives with one, and null goes back to following Teams", async () => {
    window.localStorage.setItem("guildhall.locale", "en-US");
    const { rerender } = renderWith(undefined);
    // Not known yet: what this browser remembered stands.
    expect(await screen.findByText("Your profile | en-US | true")).toBeTruthy();

    rerender(
      <LocaleProvider hostLocale="en-AU" loadMessages={loadMessages}>
        <Probe saved="fr-CA" />
      </LocaleProvider>,
    );
    expect(await screen.findByText("Votre profil | fr-CA | true")).toBeTruthy();
    await waitFor(() => expect(document.documentElement.lang).toBe("fr-CA"));
    expect(window.localStorage.getItem("guildhall.locale")).toBe("fr-CA");

    rerender(
      <LocaleProvider hostLocale="en-AU" loadMessages={loadMessages}>
        <Probe saved={null} />
      </LocaleProvider>,
    );
    expect(await screen.findByText("Your profile | null | true")).toBeTruthy();
    expect(window.localStorage.getItem("guildhall.locale")).toBeNull();
  });

  it("ignores a saved value the tab cannot show, following Teams instead", async () => {
    renderWith("de-DE");
    expect(await screen.findByText("Your profile | null | true")).toBeTruthy();
  });

  it("is not settled while the chosen locale's catalog is on its way", async () => {
    let release: () => void = () => undefined;
    const slow = (locale: AnyLocale) =>
      locale === "fr-CA" ? new Promise<Awaited<ReturnType<typeof loadMessages>>>((resolve) => (release = () => resolve(compileCatalog(catalogs().get(locale) ?? {})))) : loadMessages(locale);
    function Chooser() {
      const { setChoice } = useLocale();
      return (
        <button type="button" onClick={() => setChoice("fr-CA")}>
          choose
        </button>
      );
    }
    render(
      <LocaleProvider hostLocale="en-AU" loadMessages={slow}>
        <Probe saved={undefined} />
        <Chooser />
      </LocaleProvider>,
    );
    const choose = await screen.findByRole("button");
    act(() => choose.click());
    expect(await screen.findByText("Your profile | fr-CA | false")).toBeTruthy();
    act(() => release());
    await waitFor(() => expect(screen.getByText("Votre profil | fr-CA | true")).toBeTruthy());
  });
});
