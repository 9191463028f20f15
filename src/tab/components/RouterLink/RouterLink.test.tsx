// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { RouterLink } from "./RouterLink.js";

afterEach(cleanup);

describe("RouterLink", () => {
  it("marks the current page and navigates without reloading", () => {
    render(
      <MemoryRouter initialEntries={["/"]}>
        <RouterLink to="/">Home</RouterLink>
        <RouterLink to="/privacy">Privacy</RouterLink>
        <Routes>
          <Route path="/" element={<p>home page</p>} />
          <Route path="/privacy" element={<p>privacy page</p>} />
        </Routes>
      </MemoryRouter>,
    );
    expect(screen.getByRole("link", { name: "Home" }).getAttribute("aria-current")).toBe("page");
    fireEvent.click(screen.getByRole("link", { name: "Privacy" }));
    expect(screen.getByText("privacy page")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Privacy" }).getAttribute("aria-current")).toBe("page");
  });
});
