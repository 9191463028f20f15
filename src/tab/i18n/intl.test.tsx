// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { AppShell } from "../components/AppShell/AppShell.js";
import { renderIn } from "../testing/intl.js";
import { MemoryRouter } from "react-router-dom";

afterEach(cleanup);

describe("the tab's words", () => {
  it("are en-AU without a provider, and the locale's own with one", () => {
    render(<MemoryRouter><AppShell nav={[]} footer={[]}>x</AppShell></MemoryRouter>);
    expect(screen.getByRole("link", { name: "Skip to main content" })).toBeTruthy();
    cleanup();
    renderIn("fr-CA", <MemoryRouter><AppShell nav={[]} footer={[]}>x</AppShell></MemoryRouter>);
    expect(screen.getByRole("link", { name: "Passer au contenu principal" })).toBeTruthy();
    cleanup();
    renderIn("en-XA", <MemoryRouter><AppShell nav={[]} footer={[]}>x</AppShell></MemoryRouter>);
    expect(screen.getByRole("link").textContent).toMatch(/^\[Šķîþ ţö ɱåîñ çöñţéñţ·/);
  });
});
