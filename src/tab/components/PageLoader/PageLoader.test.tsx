// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { lazy, type JSX } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Host } from "../../host/host.js";
import { HostProvider } from "../../host/HostContext.js";
import { PageLoader } from "./PageLoader.js";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function host(): Host {
  return {
    kind: "teams",
    initialTheme: "light",
    onThemeChange: () => () => undefined,
    notifyReady: vi.fn(),
    notifyAuthFailure: vi.fn(),
    registerTabConfig: () => false,
  };
}

describe("PageLoader", () => {
  it("shows a labelled spinner until the page's code arrives, then the page", async () => {
    let arrive = (): void => undefined;
    const Page = lazy(() => new Promise<{ default: () => JSX.Element }>((resolve) => (arrive = () => resolve({ default: () => <h1>Notices</h1> }))));
    render(
      <HostProvider host={host()}>
        <PageLoader page="/notices">
          <Page />
        </PageLoader>
      </HostProvider>,
    );
    expect(screen.getByRole("progressbar", { name: "Loading the page…" })).toBeTruthy();
    arrive();
    await screen.findByRole("heading", { level: 1, name: "Notices" });
    expect(screen.queryByRole("progressbar")).toBeNull();
  });

  it("says when a page's code cannot be fetched, and tells the host the tab has settled", async () => {
    const h = host();
    const Page = lazy(() => Promise.reject(new TypeError("Failed to fetch dynamically imported module")));
    vi.spyOn(console, "error").mockImplementation(() => undefined); // React reports the caught error
    render(
      <HostProvider host={h}>
        <PageLoader page="/notices">
          <Page />
        </PageLoader>
      </HostProvider>,
    );
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Couldn't load this page");
    expect(alert.textContent).toContain("Failed to fetch dynamically imported module");
    expect(screen.getByRole("button", { name: "Try again" })).toBeTruthy();
    await waitFor(() => expect(h.notifyReady).toHaveBeenCalled());
  });
});
