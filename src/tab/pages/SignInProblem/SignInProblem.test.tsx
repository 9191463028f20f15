// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SignInProblem } from "./SignInProblem.js";

afterEach(cleanup);

describe("SignInProblem", () => {
  it("explains the problem and retries", () => {
    const onRetry = vi.fn();
    render(<SignInProblem message="The token has expired." onRetry={onRetry} />);
    expect(screen.getByRole("heading", { level: 1, name: "We couldn't sign you in" })).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toContain("The token has expired.");
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(onRetry).toHaveBeenCalledOnce();
    expect(screen.queryByRole("button", { name: "Choose another identity" })).toBeNull();
  });
});
