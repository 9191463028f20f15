// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { Terms } from "./Terms.js";

afterEach(cleanup);

describe("Terms", () => {
  it("has one heading and the rules as a list", () => {
    render(<Terms />);
    expect(screen.getAllByRole("heading", { level: 1 })).toHaveLength(1);
    expect(screen.getAllByRole("listitem").length).toBeGreaterThan(2);
  });
});
