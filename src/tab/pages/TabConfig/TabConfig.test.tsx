// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Host, TabConfig as Config } from "../../host/host.js";
import { HostProvider } from "../../host/HostContext.js";
import { TabConfig } from "./TabConfig.js";

afterEach(cleanup);

function fakeHost(kind: Host["kind"], saved: Config[]): Host {
  return {
    kind,
    initialTheme: "light",
    onThemeChange: () => () => undefined,
    notifyReady: vi.fn(),
    notifyAuthFailure: vi.fn(),
    registerTabConfig(config) {
      saved.push(config);
      return kind === "teams";
    },
  };
}

describe("TabConfig", () => {
  it("in Teams, registers this origin as the tab's content URL and says to save", () => {
    const saved: Config[] = [];
    const host = fakeHost("teams", saved);
    render(
      <HostProvider host={host}>
        <TabConfig />
      </HostProvider>,
    );
    expect(saved[0]?.contentUrl).toBe(`${window.location.origin}/`);
    expect(screen.getByText(/to add Guildhall as a tab/)).toBeTruthy();
    expect(host.notifyReady).toHaveBeenCalled();
  });

  it("outside Teams, explains what the page is for", () => {
    render(
      <HostProvider host={fakeHost("standalone", [])}>
        <TabConfig />
      </HostProvider>,
    );
    expect(screen.getByRole("heading", { level: 1, name: "Add Guildhall to this channel" })).toBeTruthy();
    expect(screen.getByText(/adds Guildhall as a tab in a channel/)).toBeTruthy();
  });
});
