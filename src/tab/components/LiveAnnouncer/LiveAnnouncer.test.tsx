// @vitest-environment jsdom
import { render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { cleanup } from "@testing-library/react";
import { LiveAnnouncer, useAnnouncement } from "./LiveAnnouncer.js";

function Speaker({ text }: { text: string }) {
  useAnnouncement(text);
  return null;
}

afterEach(cleanup);

describe("LiveAnnouncer", () => {
  it("puts announcements in a polite status region", async () => {
    render(
      <LiveAnnouncer>
        <Speaker text="Signed in as Tom Nguyen" />
      </LiveAnnouncer>,
    );
    const region = screen.getByRole("status");
    expect(region.getAttribute("aria-live")).toBe("polite");
    await waitFor(() => expect(region.textContent).toBe("Signed in as Tom Nguyen"));
  });
});
