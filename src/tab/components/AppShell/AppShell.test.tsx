// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryRouter } from "react-router-dom";
import { AppShell } from "./AppShell.js";

afterEach(cleanup);

describe("AppShell", () => {
  it("provides a skip link and the header, navigation, main and footer landmarks", () => {
    render(
      <MemoryRouter>
        <AppShell nav={[{ to: "/", label: "Home" }]} footer={[{ to: "/privacy", label: "Privacy" }]}>
          <p>content</p>
        </AppShell>
      </MemoryRouter>,
    );
    const skip = screen.getByRole("link", { name: "Skip to main content" });
    expect(skip.getAttribute("href")).toBe("#main");
    expect(screen.getByRole("banner")).toBeTruthy();
    expect(screen.getByRole("navigation", { name: "Guildhall" })).toBeTruthy();
    expect(screen.getByRole("main").id).toBe("main");
    expect(screen.getByRole("contentinfo")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Privacy" })).toBeTruthy();
  });

  it("shows a link's count in a badge and says it in the link's name", () => {
    render(
      <MemoryRouter>
        <AppShell nav={[{ to: "/notices", label: "Notices", badge: { text: "3", name: "Notices, 3 unread" } }]} footer={[]}>
          <p>content</p>
        </AppShell>
      </MemoryRouter>,
    );
    const link = screen.getByRole("link", { name: "Notices, 3 unread" });
    expect(link.querySelector("[aria-hidden='true'] + [aria-hidden='true']")?.textContent).toBe("3");
  });
});
