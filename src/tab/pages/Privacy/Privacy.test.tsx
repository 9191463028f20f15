// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { renderIn } from "../../testing/intl.js";
import { Privacy } from "./Privacy.js";

afterEach(cleanup);

describe("Privacy", () => {
  it("says where data lives and that there is no telemetry", () => {
    render(<Privacy />);
    expect(screen.getByRole("heading", { level: 1, name: "Privacy" })).toBeTruthy();
    expect(screen.getByRole("heading", { level: 2, name: "Where your data lives" })).toBeTruthy();
    expect(screen.getByText(/sends no telemetry/)).toBeTruthy();
  });
});

describe("Privacy in fr-CA", () => {
  it("is French, headings and all", () => {
    renderIn("fr-CA", <Privacy />);
    expect(screen.getByRole("heading", { level: 1, name: "Confidentialité" })).toBeTruthy();
    expect(screen.getByRole("heading", { level: 2, name: "Où vos données sont conservées" })).toBeTruthy();
    expect(screen.getByText(/aucune donnée de télémétrie/)).toBeTruthy();
    expect(screen.queryByText(/telemetry/)).toBeNull();
  });
});
