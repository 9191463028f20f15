// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ClassificationBadge } from "./ClassificationBadge.js";

afterEach(cleanup);

describe("ClassificationBadge", () => {
  it("shows the server's label and says what it is to screen readers", () => {
    render(<ClassificationBadge classification="OFFICIAL_SENSITIVE" label="OFFICIAL: Sensitive" />);
    expect(screen.getByText("OFFICIAL: Sensitive", { exact: false }).textContent).toBe("Classification: OFFICIAL: Sensitive");
  });
});
