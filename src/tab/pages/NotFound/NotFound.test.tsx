// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryRouter } from "react-router-dom";
import { NotFound } from "./NotFound.js";

afterEach(cleanup);

describe("NotFound", () => {
  it("says so and links home", () => {
    render(
      <MemoryRouter initialEntries={["/nowhere"]}>
        <NotFound />
      </MemoryRouter>,
    );
    expect(screen.getByRole("heading", { level: 1, name: "Page not found" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Go to the Guildhall home page" }).getAttribute("href")).toBe("/");
  });
});
