// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { renderIn } from "../../testing/intl.js";
import { Terms } from "./Terms.js";

afterEach(cleanup);

describe("Terms", () => {
  it("has one heading and the rules as a list", () => {
    render(<Terms />);
    expect(screen.getAllByRole("heading", { level: 1 })).toHaveLength(1);
    expect(screen.getAllByRole("listitem").length).toBeGreaterThan(2);
  });
});

describe("Terms in fr-CA", () => {
  it("states the terms in French", () => {
    renderIn("fr-CA", <Terms />);
    expect(screen.getByRole("heading", { level: 1, name: "Conditions d’utilisation" })).toBeTruthy();
    expect(screen.getByText(/Ne partagez rien qui dépasse la classification de sécurité/)).toBeTruthy();
  });
});
