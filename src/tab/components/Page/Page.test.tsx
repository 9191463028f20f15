// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { Page, PageFocusScope } from "./Page.js";

afterEach(cleanup);

describe("Page", () => {
  it("renders one level-1 heading and the lead", () => {
    render(<Page title="Privacy" lead="What Guildhall keeps." />);
    expect(screen.getAllByRole("heading", { level: 1 })).toHaveLength(1);
    expect(screen.getByRole("heading", { level: 1, name: "Privacy" })).toBeTruthy();
    expect(screen.getByText("What Guildhall keeps.")).toBeTruthy();
  });

  it("moves focus to the heading of every page after the first", () => {
    const { rerender } = render(
      <PageFocusScope>
        <Page key="a" title="First" />
      </PageFocusScope>,
    );
    expect(document.activeElement).not.toBe(screen.getByRole("heading", { name: "First" }));
    rerender(
      <PageFocusScope>
        <Page key="b" title="Second" />
      </PageFocusScope>,
    );
    expect(document.activeElement).toBe(screen.getByRole("heading", { name: "Second" }));
  });
});
