// @vitest-environment jsdom
import "../../testing/resizeObserver.js";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MemoryRouter } from "react-router-dom";
import { LiveAnnouncer } from "../../components/LiveAnnouncer/LiveAnnouncer.js";
import { apiError, stubApi, type StubRoute } from "../../testing/apiStub.js";
import { meFor } from "../../testing/fixtures.js";
import { renderIn } from "../../testing/intl.js";
import { LocaleProvider } from "../../i18n/LocaleProvider.js";
import { compileCatalog } from "../../../i18n/catalog.js";
import { catalogs } from "../../../i18n/node.js";
import type { AnyLocale } from "../../../i18n/locales.js";
import { MyProfile } from "./MyProfile.js";

// The built catalogs are a Vite virtual module; this test hands LocaleProvider the catalogs from disk instead.
vi.mock("../../i18n/catalogs.js", () => ({ loadMessages: () => Promise.resolve({}) }));

afterEach(cleanup);

const profile = { id: "p-marcus", displayName: "Marcus Bell", jobTitle: "Data Analyst", interests: ["data visualisation"], agency: { name: "Australian Bureau of Statistics", shortName: "ABS" }, communities: [] };

function renderPage(save: StubRoute) {
  const stub = stubApi({ "GET /api/v1/people/p-marcus": profile, "POST /api/v1/me/profile": save });
  render(
    <MemoryRouter>
      <LiveAnnouncer>
        <MyProfile me={meFor()} api={stub.api} />
      </LiveAnnouncer>
    </MemoryRouter>,
  );
  return stub;
}

describe("MyProfile", () => {
  it("saves the job title and interests", async () => {
    const stub = renderPage((req) => ({ ...profile, ...(req.body as object) }));
    const interests = await screen.findByRole("textbox", { name: /Interests/ });
    expect((interests as HTMLInputElement).value).toBe("data visualisation");
    fireEvent.change(screen.getByRole("textbox", { name: "Job title" }), { target: { value: "Senior Data Analyst" } });
    fireEvent.change(interests, { target: { value: "data visualisation, evaluation, " } });
    fireEvent.click(screen.getByRole("button", { name: "Save profile" }));
    expect(await screen.findByText("Your profile is saved.")).toBeTruthy();
    expect(stub.calls.at(-1)?.body).toEqual({ jobTitle: "Senior Data Analyst", interests: ["data visualisation", "evaluation"] });
  });

  it("shows the server's complaint on the field and keeps the input", async () => {
    renderPage(() => apiError(400, "request.invalid", "The profile is not valid.", { issues: [{ path: "interests.1", message: "Too big" }] }));
    const interests = await screen.findByRole("textbox", { name: /Interests/ });
    fireEvent.change(interests, { target: { value: "a, bbbbbbbb" } });
    fireEvent.click(screen.getByRole("button", { name: "Save profile" }));
    expect(await screen.findByText("Too big")).toBeTruthy();
    expect(interests.getAttribute("aria-invalid")).toBe("true");
    expect((interests as HTMLInputElement).value).toBe("a, bbbbbbbb");
  });
});

describe("MyProfile in another language", () => {
  afterEach(() => window.localStorage.clear());

  function renderFrench(routes: Record<string, StubRoute>) {
    const stub = stubApi({ "GET /api/v1/people/p-marcus": profile, ...routes });
    renderIn(
      "fr-CA",
      <MemoryRouter>
        <LiveAnnouncer>
          <MyProfile me={meFor()} api={stub.api} />
        </LiveAnnouncer>
      </MemoryRouter>,
    );
    return stub;
  }

  it("is in French, with the language choice named in each language", async () => {
    renderFrench({ "GET /api/v1/client-config": { locales: ["en-AU", "en-US", "fr-CA"] } });
    expect(await screen.findByRole("heading", { level: 1, name: "Votre profil" })).toBeTruthy();
    expect(await screen.findByRole("textbox", { name: "Titre du poste" })).toBeTruthy();
    expect(screen.getByRole("textbox", { name: /Centres d’intérêt/ })).toBeTruthy();
    const language = screen.getByRole("combobox", { name: /Langue/ }) as HTMLSelectElement;
    await waitFor(() => expect(within(language).getAllByRole("option")).toHaveLength(4));
    expect(within(language).getAllByRole("option").map((o) => o.textContent)).toEqual(["Suivre Microsoft Teams", "English (Australia)", "English (United States)", "Français (Canada)"]);
    expect(language.value).toBe("");
    expect(within(language).getByRole("option", { name: "Français (Canada)" }).getAttribute("lang")).toBe("fr-CA");
    expect(screen.getByRole("button", { name: "Enregistrer le profil" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Voir votre profil tel que les autres le voient" })).toBeTruthy();
  });

  it("offers the pseudo-locale only when client-config does", async () => {
    renderFrench({ "GET /api/v1/client-config": { locales: ["en-AU", "en-US", "fr-CA", "en-XA"] } });
    const language = await screen.findByRole("combobox", { name: /Langue/ });
    await waitFor(() => expect(within(language).getAllByRole("option")).toHaveLength(5));
    expect(within(language).getByRole("option", { name: "[Ƥšéûðö-łöçåłé]" })).toBeTruthy();
  });

  it("shows the server's refusal of a language beside the field, then saves it and confirms in French", async () => {
    let refuse = true;
    const stub = renderFrench({
      "GET /api/v1/client-config": { locales: ["en-AU", "en-US", "fr-CA"] },
      "POST /api/v1/me/profile": () =>
        refuse ? apiError(400, "request.invalid", "The profile is not valid.", { issues: [{ path: "locale", message: "Choose one of the languages offered." }] }) : profile,
    });
    const language = await screen.findByRole("combobox", { name: /Langue/ });
    await waitFor(() => expect(within(language).getAllByRole("option")).toHaveLength(4));
    fireEvent.change(language, { target: { value: "en-US" } });
    fireEvent.click(screen.getByRole("button", { name: "Enregistrer le profil" }));
    expect(await screen.findByText("Choose one of the languages offered.")).toBeTruthy();
    expect(language.getAttribute("aria-invalid")).toBe("true");
    expect((language as HTMLSelectElement).value).toBe("en-US");

    refuse = false;
    fireEvent.click(screen.getByRole("button", { name: "Enregistrer le profil" }));
    expect(await screen.findByText("Votre profil est enregistré.")).toBeTruthy();
    expect(stub.calls.at(-1)?.body).toEqual({ jobTitle: "Data Analyst", interests: ["data visualisation"], locale: "en-US" });
  });
});

describe("MyProfile switching the tab's language", () => {
  afterEach(() => {
    window.localStorage.clear();
    window.sessionStorage.clear();
  });

  const loadMessages = (locale: AnyLocale) => Promise.resolve(compileCatalog(catalogs().get(locale) ?? {}));

  it("choosing French saves it with the profile and switches the page to French at once", async () => {
    const stub = stubApi({
      "GET /api/v1/people/p-marcus": profile,
      "GET /api/v1/client-config": { locales: ["en-AU", "en-US", "fr-CA"] },
      "POST /api/v1/me/profile": profile,
    });
    render(
      <LocaleProvider hostLocale="en-AU" loadMessages={loadMessages}>
        <MemoryRouter>
          <LiveAnnouncer>
            <MyProfile me={meFor({ locale: null })} api={stub.api} />
          </LiveAnnouncer>
        </MemoryRouter>
      </LocaleProvider>,
    );
    expect(await screen.findByRole("heading", { level: 1, name: "Your profile" })).toBeTruthy();
    const language = await screen.findByRole("combobox", { name: /Language/ });
    await waitFor(() => expect(within(language).getAllByRole("option")).toHaveLength(4));
    fireEvent.change(language, { target: { value: "fr-CA" } });
    fireEvent.click(screen.getByRole("button", { name: "Save profile" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Votre profil" })).toBeTruthy();
    expect(stub.calls.at(-1)?.body).toMatchObject({ locale: "fr-CA" });
    expect(screen.getByText("Votre profil est enregistré.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Enregistrer le profil" })).toBeTruthy();
    expect((screen.getByRole("combobox", { name: /Langue/ }) as HTMLSelectElement).value).toBe("fr-CA");
    expect(document.documentElement.lang).toBe("fr-CA");
    // Confirmed in the language just chosen.
    await waitFor(() => expect(screen.getByTestId("live-region").textContent).toBe("Votre profil est enregistré."));
    expect(window.localStorage.getItem("guildhall.locale")).toBe("fr-CA");
  });
});
