// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
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
