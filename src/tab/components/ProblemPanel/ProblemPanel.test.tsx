// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ProblemPanel } from "./ProblemPanel.js";

afterEach(cleanup);

describe("ProblemPanel", () => {
  it("announces the problem and offers a retry", () => {
    const onRetry = vi.fn();
    render(<ProblemPanel title="Can't connect" message="The server could not be reached." requestId="r-1" onRetry={onRetry} />);
    expect(screen.getByRole("alert").textContent).toContain("The server could not be reached.");
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(onRetry).toHaveBeenCalledOnce();
    expect(screen.getByText(/r-1/)).toBeTruthy();
  });
});
