// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { CommunityFacts } from "./CommunityFacts.js";

afterEach(cleanup);

describe("CommunityFacts", () => {
  it("names visibility, scope, members, role, Teams state and tags", () => {
    render(
      <CommunityFacts visibility="closed" scope="agency_only" agencies={["Finance", "DTA"]} memberCount={1} myRole={null} teamsState="not_connected" tags={["procurement"]} explained />,
    );
    expect(screen.getByText(/^Closed: People ask to join/)).toBeTruthy();
    expect(screen.getByText(/^Agency-only \(Finance, DTA\)/)).toBeTruthy();
    expect(screen.getByText("1 member")).toBeTruthy();
    expect(screen.getByText("Not a member")).toBeTruthy();
    expect(screen.getByText("Teams link pending — no Microsoft 365 tenant connected")).toBeTruthy();
    expect(within(screen.getByRole("list")).getByText("procurement")).toBeTruthy();
  });
});
