// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ServiceProblem } from "./ServiceProblem.js";

afterEach(cleanup);

describe("ServiceProblem", () => {
  it("shows the problem with a retry button", () => {
    const onRetry = vi.fn();
    render(<ServiceProblem message="Guildhall's server could not be reached." onRetry={onRetry} />);
    expect(screen.getByRole("heading", { level: 1, name: "Guildhall isn't responding" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(onRetry).toHaveBeenCalledOnce();
  });
});
