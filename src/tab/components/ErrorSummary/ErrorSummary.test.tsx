// @vitest-environment jsdom
import "../../testing/resizeObserver.js";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ErrorSummary } from "./ErrorSummary.js";

afterEach(cleanup);

describe("ErrorSummary", () => {
  it("is announced, takes focus, and each link moves focus to its field", () => {
    render(
      <>
        <ErrorSummary title="The proposal needs changes" items={[{ target: "f-name", label: "Name", message: "Too long" }]} attempt={1} />
        <label htmlFor="f-name">Name</label>
        <input id="f-name" />
      </>,
    );
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("The proposal needs changes");
    expect(document.activeElement?.contains(alert)).toBe(true);
    fireEvent.click(within(alert).getByRole("link", { name: "Name: Too long" }));
    expect(document.activeElement).toBe(screen.getByRole("textbox", { name: "Name" }));
  });
});
