// @vitest-environment jsdom
import "../../testing/resizeObserver.js";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NetworkError } from "../../api/client.js";
import { LoadFailure } from "./LoadFailure.js";

afterEach(cleanup);

describe("LoadFailure", () => {
  it("explains and retries", () => {
    const onRetry = vi.fn();
    render(<LoadFailure what="the directory" error={new NetworkError("offline")} onRetry={onRetry} />);
    expect(screen.getByRole("alert").textContent).toContain("Couldn't load the directory");
    expect(screen.getByRole("alert").textContent).toContain("could not be reached");
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(onRetry).toHaveBeenCalledOnce();
  });
});
