// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { OpenInTeams } from "./OpenInTeams.js";

afterEach(cleanup);

describe("OpenInTeams", () => {
  it("tells the person to open Guildhall in Teams", () => {
    render(<OpenInTeams />);
    expect(screen.getByRole("heading", { level: 1, name: "Open Guildhall in Microsoft Teams" })).toBeTruthy();
  });
});
