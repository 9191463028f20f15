// @vitest-environment jsdom
import "./testing/resizeObserver.js";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MemoryRouter } from "react-router-dom";
import type { FetchLike } from "./api/client.js";
import type { Me } from "./api/types.js";
import { AppContent } from "./AppContent.js";
import { deepLinkPage, type Host } from "./host/host.js";
import { HostProvider } from "./host/HostContext.js";
import { SessionProvider } from "./session/SessionContext.js";
import { intlFor } from "./testing/intl.js";
import { IntlContext } from "./i18n/intl.js";
import type { AnyLocale } from "../i18n/locales.js";
import type { IdentityStore } from "./session/identityStore.js";

afterEach(cleanup);

// The People page's code arrives only when a test lets it: sign-in then finishes first, as on a slow link.
const peopleCode = vi.hoisted(() => {
  let release = (): void => undefined;
  const arrived = new Promise<void>((resolve) => (release = resolve));
  return { arrived, release: () => release() };
});
vi.mock("./pages/People/People.js", async (importOriginal) => {
  await peopleCode.arrived;
  return importOriginal();
});

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

const tom: Me = {
  person: { id: "p", displayName: "Tom Nguyen", email: "tom.nguyen@finance.gov.au", jobTitle: "Senior Policy Officer", interests: [] },
  agency: { id: "a", name: "Department of Finance", shortName: "Finance" },
  tenantId: "t",
  platformOwner: false,
  permissions: {
    "guildhall.use": true,
    "profile.read": true,
    "profile.update": true,
    "directory.browse": true,
    "community.propose": true,
    "community.approve": false,
    "agency.manage": false,
  },
};

const identities = [
  { key: "tom", displayName: "Tom Nguyen", description: "Finance · public servant", email: "", jobTitle: "" },
  { key: "guest", displayName: "Jordan Lee (Guest)", description: "Guest account", email: "", jobTitle: "" },
];

/** The server as the browser sees it, in local mode. */
function devServer(): FetchLike {
  return async (url, init) => {
    if (url === "/api/v1/client-config") return json(200, { authMode: "dev", clientId: "c", cloud: "Public" });
    if (url === "/api/dev/identities") return json(200, { identities });
    if (url === "/api/dev/token") {
      const { key } = JSON.parse(String(init?.body)) as { key: string };
      return json(200, { token: `token-${key}`, expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    }
    if (url === "/api/v1/me") {
      const auth = new Headers(init?.headers).get("authorization");
      if (auth === "Bearer token-tom") return json(200, tom);
      return json(403, { error: { id: "eligibility.denied", message: "Guest accounts cannot use Guildhall.", reason: "guest_not_allowed", requestId: "r" } });
    }
    return json(404, { error: { id: "not_found", message: "Not found" } });
  };
}

function memoryStore(initial?: string): IdentityStore {
  let key = initial;
  return { read: () => key, write: (k) => (key = k), clear: () => (key = undefined) };
}

function fakeHost(overrides: Partial<Host> = {}): Host {
  return {
    kind: "standalone",
    initialTheme: "light",
    onThemeChange: () => () => undefined,
    notifyReady: vi.fn(),
    notifyAuthFailure: vi.fn(),
    registerTabConfig: () => false,
    ...overrides,
  };
}

function renderApp(fetch: FetchLike, options: { host?: Host; store?: IdentityStore; path?: string; locale?: AnyLocale } = {}) {
  const host = options.host ?? fakeHost();
  const app = (
    <HostProvider host={host}>
      <SessionProvider host={host} clientOptions={{ fetch }} identityStore={options.store ?? memoryStore()}>
        <MemoryRouter initialEntries={[options.path ?? "/"]}>
          <AppContent />
        </MemoryRouter>
      </SessionProvider>
    </HostProvider>
  );
  // Another language: the real catalog, as renderIn gives a component.
  render(options.locale ? <IntlContext.Provider value={intlFor(options.locale)}>{app}</IntlContext.Provider> : app);
  return host;
}

describe("the tab in local demo mode", () => {
  it("offers the picker, signs in the chosen person, and can switch back", async () => {
    const store = memoryStore();
    renderApp(devServer(), { store });
    await screen.findByRole("heading", { level: 1, name: "Choose a demo identity" });
    expect(screen.getByText("Local demo mode — no Microsoft 365 tenant connected")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: /Tom Nguyen/ }));
    await screen.findByRole("heading", { level: 1, name: "Welcome, Tom Nguyen" });
    expect(store.read()).toBe("tom");
    fireEvent.click(within(screen.getByRole("banner")).getByRole("button", { name: "Switch identity" }));
    await screen.findByRole("heading", { level: 1, name: "Choose a demo identity" });
    expect(store.read()).toBeUndefined();
  });

  it("remembers the chosen person and shows the refusal for a guest", async () => {
    renderApp(devServer(), { store: memoryStore("guest") });
    await screen.findByRole("heading", { level: 1, name: "Guildhall is open to verified public servants only" });
    expect(screen.getByRole("alert").textContent).toContain("Guest accounts cannot use Guildhall.");
    expect(screen.queryByText(/tom.nguyen/)).toBeNull();
  });

  it("shows a retry button when the server can't be reached, and recovers", async () => {
    let down = true;
    const server = devServer();
    renderApp(async (url, init) => {
      if (down) throw new TypeError("Failed to fetch");
      return server(url, init);
    }, { store: memoryStore("tom") });
    await screen.findByRole("heading", { level: 1, name: "Guildhall isn't responding" });
    down = false;
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    await screen.findByRole("heading", { level: 1, name: "Welcome, Tom Nguyen" });
  });

  it("renders public pages without signing anyone in", async () => {
    const fetch = vi.fn(devServer());
    renderApp(fetch, { path: "/privacy" });
    // Pages are loaded lazily: the page's heading appears once its code has arrived.
    expect(await screen.findByRole("heading", { level: 1, name: "Privacy" })).toBeTruthy();
    renderApp(fetch, { path: "/no-such-page" });
    expect(screen.getByRole("heading", { level: 1, name: "Page not found" })).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe("pages loaded on first visit", () => {
  it("shows a lazily loaded page, with its title, after navigating to it", async () => {
    const server = devServer();
    renderApp(async (url, init) => (url.startsWith("/api/v1/notifications?") ? json(200, { items: [], unread: 0, total: 0, nextBefore: null }) : server(url, init)), { store: memoryStore("tom") });
    await screen.findByRole("heading", { level: 1, name: "Welcome, Tom Nguyen" });
    expect(document.title).toBe("Home · Guildhall");
    fireEvent.click(within(screen.getByRole("navigation")).getByRole("link", { name: "Notices" }));
    await screen.findByRole("heading", { level: 1, name: "Notices" });
    expect(document.title).toBe("Notices · Guildhall");
  });

  it("shows a labelled spinner while a page's code is on its way", async () => {
    renderApp(devServer(), { path: "/terms" });
    // The page's chunk has not arrived on the first render: the same spinner sign-in shows, labelled.
    expect(screen.getByRole("progressbar").closest("[aria-busy='true']")?.textContent).toContain("Loading the page…");
    await screen.findByRole("heading", { level: 1, name: "Terms of use" });
    expect(screen.queryByRole("progressbar")).toBeNull();
  });
});

describe("the tab inside Teams", () => {
  it("opens the page an activity-feed notice links to", async () => {
    const getAuthToken = vi.fn(async () => "token-tom");
    const server = devServer();
    renderApp(async (url, init) => (url.startsWith("/api/v1/notifications?") ? json(200, { items: [], unread: 0, total: 0, nextBefore: null }) : server(url, init)), { host: fakeHost({ kind: "teams", getAuthToken, startPage: "/notices" }) });
    await screen.findByRole("heading", { level: 1, name: "Notices" });
  });

  it("ignores a deep link that names no page of the tab", () => {
    expect(deepLinkPage("/communities/c0a1b2c3-0000-4000-8000-000000000002")).toBe("/communities/c0a1b2c3-0000-4000-8000-000000000002");
    expect(deepLinkPage("/notices")).toBe("/notices");
    for (const bad of ["https://evil.example/", "//evil.example", "/communities/../admin", "/api/v1/me", "javascript:alert(1)", undefined]) expect(deepLinkPage(bad)).toBeUndefined();
  });

  it("uses the Teams SSO token and tells Teams when the page is ready", async () => {
    const getAuthToken = vi.fn(async () => "token-tom");
    // What was on screen when Teams was told: the page itself, not a spinner waiting for the page's code.
    const shownAtReady: (string | null)[] = [];
    const notifyReady = vi.fn(() => void shownAtReady.push(screen.queryByRole("heading", { level: 1 })?.textContent ?? null));
    const host = renderApp(devServer(), { host: fakeHost({ kind: "teams", getAuthToken, notifyReady }) });
    await screen.findByRole("heading", { level: 1, name: "Welcome, Tom Nguyen" });
    expect(getAuthToken).toHaveBeenCalled();
    // After a page's code arrives, React runs the page's effects in a task after it paints the page.
    await waitFor(() => expect(host.notifyReady).toHaveBeenCalled());
    expect(shownAtReady[0]).toBe("Welcome, Tom Nguyen");
    expect(screen.queryByText(/Local demo mode/)).toBeNull();
  });

  it("tells Teams the tab is ready only once the page renders, when its code arrives after sign-in", async () => {
    const getAuthToken = vi.fn(async () => "token-tom");
    const server = devServer();
    const fetch = vi.fn<FetchLike>(async (url, init) => (url === "/api/v1/people/similar" ? json(200, { items: [] }) : server(url, init)));
    const shownAtReady: (string | null)[] = [];
    const notifyReady = vi.fn(() => void shownAtReady.push(screen.queryByRole("heading", { level: 1 })?.textContent ?? null));
    renderApp(fetch, { host: fakeHost({ kind: "teams", getAuthToken, notifyReady }), path: "/people" });
    await waitFor(() => expect(fetch).toHaveBeenCalledWith("/api/v1/me", expect.anything()));
    await waitFor(() => expect(screen.getByRole("progressbar").closest("[aria-busy='true']")?.textContent).toContain("Loading the page…"));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(notifyReady).not.toHaveBeenCalled();
    peopleCode.release();
    await screen.findByRole("heading", { level: 1, name: "People" });
    await waitFor(() => expect(notifyReady).toHaveBeenCalled());
    expect(shownAtReady[0]).toBe("People");
  });

  it("reports an authentication failure to Teams and explains it", async () => {
    const fetch: FetchLike = async (url) =>
      url === "/api/v1/me"
        ? json(401, { error: { id: "auth.invalid_token", message: "The sign-in token was not accepted.", requestId: "r9" } })
        : devServer()(url);
    const host = renderApp(fetch, { host: fakeHost({ kind: "teams", getAuthToken: async () => "real-entra-token" }) });
    await screen.findByRole("heading", { level: 1, name: "We couldn't sign you in" });
    expect(host.notifyAuthFailure).toHaveBeenCalledWith("The sign-in token was not accepted.");
  });
});

describe("the tab in fr-CA", () => {
  it("shows the shell, a public page and the document title in French", async () => {
    renderApp(devServer(), { path: "/privacy", locale: "fr-CA" });
    expect(await screen.findByRole("heading", { level: 1, name: "Confidentialité" })).toBeTruthy();
    expect(document.title).toBe("Confidentialité · Guildhall");
    expect(screen.getByRole("link", { name: "Passer au contenu principal" })).toBeTruthy();
    const nav = screen.getByRole("navigation");
    expect(within(nav).getAllByRole("link").map((a) => a.textContent)).toEqual(["Accueil", "Communautés", "Personnes", "Avis"]);
    expect(within(screen.getByRole("contentinfo")).getByRole("link", { name: "Conditions d’utilisation" })).toBeTruthy();
  });

  it("signs in, titles the home page in French, and says a refusal in French", async () => {
    renderApp(devServer(), { store: memoryStore("tom"), locale: "fr-CA" });
    await screen.findByRole("heading", { level: 1, name: "Bienvenue, Tom Nguyen" });
    expect(document.title).toBe("Accueil · Guildhall");
    cleanup();
    renderApp(devServer(), { path: "/no-such-page", locale: "fr-CA" });
    expect(screen.getByRole("heading", { level: 1, name: "Page introuvable" })).toBeTruthy();
    expect(document.title).toBe("Page introuvable · Guildhall");
    cleanup();
    renderApp(devServer(), { store: memoryStore("guest"), locale: "fr-CA" });
    await screen.findByRole("heading", { level: 1, name: "Guildhall est réservé aux fonctionnaires dont le statut a été vérifié" });
    expect(screen.getByText("Accès refusé")).toBeTruthy();
    // The server's own sentence, until it sends a message key the catalog has (see the session state's tests).
    expect(screen.getByRole("alert").textContent).toContain("Guest accounts cannot use Guildhall.");
  });
});

describe("the unread count in the navigation", () => {
  /** Tom's notices: three unread until the Notices page marks them read. */
  function noticeServer() {
    const server = devServer();
    let unread = 3;
    const items = [0, 1, 2].map((n) => ({ id: `n${n}`, kind: "test", communityId: null, text: `Notice ${n}`, createdAt: `2030-01-0${n + 1}T00:00:00.000Z`, read: false }));
    const calls: string[] = [];
    const fetch: FetchLike = async (url, init) => {
      calls.push(`${init?.method ?? "GET"} ${url}`);
      if (url === "/api/v1/notifications/unread") return json(200, { unread });
      if (url.startsWith("/api/v1/notifications?")) return json(200, { items, unread, total: 3, nextBefore: null });
      if (url === "/api/v1/notifications/read") {
        unread = 0;
        return json(200, { marked: 3, unread });
      }
      return server(url, init);
    };
    return { fetch, calls };
  }

  it("names the Notices link with the count, shows it in a badge, and drops it once the notices are seen", async () => {
    const { fetch, calls } = noticeServer();
    renderApp(fetch, { store: memoryStore("tom") });
    await screen.findByRole("heading", { level: 1, name: "Welcome, Tom Nguyen" });
    const nav = screen.getByRole("navigation");
    const link = await within(nav).findByRole("link", { name: "Notices, 3 unread" });
    // The count is visible as text (not colour alone); the name says it in words.
    expect(link.textContent).toContain("3");
    fireEvent.click(link);
    await screen.findByRole("heading", { level: 1, name: "Notices" });
    expect(await within(nav).findByRole("link", { name: "Notices" })).toBeTruthy();
    expect(within(nav).queryByRole("link", { name: /unread/ })).toBeNull();
    expect(calls).toContain("POST /api/v1/notifications/read");
    // Asked again on navigation.
    const asked = calls.filter((c) => c === "GET /api/v1/notifications/unread").length;
    fireEvent.click(within(nav).getByRole("link", { name: "Home" }));
    await waitFor(() => expect(calls.filter((c) => c === "GET /api/v1/notifications/unread").length).toBeGreaterThan(asked));
  });

  it("says the count in French", async () => {
    const { fetch } = noticeServer();
    renderApp(fetch, { store: memoryStore("tom"), locale: "fr-CA" });
    expect(await within(await screen.findByRole("navigation")).findByRole("link", { name: "Avis, 3\u00a0non lus" })).toBeTruthy();
  });
});
