// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { NotEligible } from "./NotEligible.js";

afterEach(cleanup);

describe("NotEligible", () => {
  it("shows the heading and the server's reason", () => {
    render(
      <NotEligible
        message="Guest accounts cannot use Guildhall. Sign in with your own agency account."
        reason="guest_not_allowed"
        requestId="req-42"
      />,
    );
    expect(
      screen.getByRole("heading", { level: 1, name: "Guildhall is open to verified public servants only" }),
    ).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toContain("Guest accounts cannot use Guildhall.");
    expect(screen.getByText(/Reason code: guest_not_allowed/)).toBeTruthy();
    expect(screen.getByText(/req-42/)).toBeTruthy();
  });
});
