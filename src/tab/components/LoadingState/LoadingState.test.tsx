// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { LoadingState } from "./LoadingState.js";

afterEach(cleanup);

describe("LoadingState", () => {
  it("shows a labelled progress indicator", () => {
    render(<LoadingState message="Checking who you are…" />);
    expect(screen.getByRole("progressbar", { name: "Checking who you are…" })).toBeTruthy();
  });
});
