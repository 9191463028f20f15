// @vitest-environment jsdom
import "../../testing/resizeObserver.js";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DevModeBanner } from "./DevModeBanner.js";

afterEach(cleanup);

const tom = {
  key: "tom",
  displayName: "Tom Nguyen",
  description: "Finance · public servant",
  email: "tom.nguyen@finance.gov.au",
  jobTitle: "Senior Policy Officer",
};

describe("DevModeBanner", () => {
  it("labels local demo mode and offers to switch identity", () => {
    const onSwitch = vi.fn();
    render(<DevModeBanner identity={tom} onSwitch={onSwitch} />);
    expect(screen.getByText("Local demo mode — no Microsoft 365 tenant connected")).toBeTruthy();
    expect(screen.getByText(/as Tom Nguyen/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Switch identity" }));
    expect(onSwitch).toHaveBeenCalledOnce();
  });

  it("has no switch button before anyone is chosen", () => {
    render(<DevModeBanner identity={undefined} onSwitch={() => undefined} />);
    expect(screen.queryByRole("button", { name: "Switch identity" })).toBeNull();
  });
});
