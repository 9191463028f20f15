// @vitest-environment jsdom
import "../../testing/resizeObserver.js";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/client.js";
import { intlFor } from "../../testing/intl.js";
import { TeamsPresence } from "./TeamsPresence.js";

afterEach(cleanup);

const archived = (teams: Record<string, unknown>) => ({
  status: "archived" as const,
  teamsPresence: "private_channel" as const,
  teams: { state: "linked" as const, webUrl: "https://teams.microsoft.com/l/channel/x", lastError: null, ...teams },
  provisioning: [],
});

describe("the Teams side of an archived community", () => {
  it("says Teams is still archiving rather than calling it archived", () => {
    render(<TeamsPresence community={archived({ archiveState: "archiving" })} canRetry={false} onRetry={async () => undefined} />);
    const region = screen.getByRole("region", { name: "Microsoft Teams" });
    expect(region.textContent).toContain("Archive in Teams: Microsoft Teams is archiving it");
    expect(region.textContent).not.toContain("Archived in Teams");
  });

  it("says since when the archive state stands, and how often Teams was asked once that is more than once", () => {
    const at = "2026-12-01T03:02:00.000Z";
    // Formatted like every date in the tab: the locale's medium date and short time, in the person's time zone.
    const since = intlFor("en-AU").formatDateTime(at);
    render(<TeamsPresence community={archived({ archiveState: "archiving", archiveUpdatedAt: at, archiveAttempts: 2 })} canRetry={false} onRetry={async () => undefined} />);
    const region = screen.getByRole("region", { name: "Microsoft Teams" });
    expect(region.textContent).toContain(`Microsoft Teams is archiving it (since ${since}; Guildhall has asked Teams 2 times)`);
    cleanup();
    render(<TeamsPresence community={archived({ archiveState: "queued", archiveUpdatedAt: at, archiveAttempts: 0 })} canRetry={false} onRetry={async () => undefined} />);
    expect(screen.getByRole("region", { name: "Microsoft Teams" }).textContent).toContain(`Waiting to be archived in Teams (since ${since})`);
  });

  it("shows Teams' refusal to the owner with a retry, and the server's answer when the retry is refused", async () => {
    const onRetryArchive = vi.fn(async () => {
      throw new ApiError(409, "community.archive_not_failed", "Archiving in Teams has not failed; there is nothing to retry.");
    });
    render(
      <TeamsPresence
        community={archived({ archiveState: "failed", archiveError: "Guildhall's app registration lacks a Microsoft Graph permission this step needs (Graph needs one of: ChannelSettings.ReadWrite.All)." })}
        canRetry={false}
        onRetry={async () => undefined}
        canRetryArchive
        onRetryArchive={onRetryArchive}
      />,
    );
    expect(screen.getByText(/Not archived in Teams: it may still accept messages there/)).toBeTruthy();
    expect(screen.getByText(/ChannelSettings\.ReadWrite\.All/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Retry archiving in Teams" }));
    expect((await screen.findByRole("alert")).textContent).toContain("nothing to retry");
    expect(onRetryArchive).toHaveBeenCalledOnce();
  });

  it("offers no archive retry without the ability", () => {
    render(<TeamsPresence community={archived({ archiveState: "failed", archiveError: null })} canRetry={false} onRetry={async () => undefined} />);
    expect(screen.queryByRole("button", { name: /Retry/ })).toBeNull();
  });

  it("lists the members Teams would not add, with Teams' reason", () => {
    render(
      <TeamsPresence
        community={{ ...archived({ notAdded: [{ displayName: "Gus Ghost", reason: "NotFound", retryAt: "2026-12-01T06:00:00Z" }] }), status: "approved" }}
        canRetry={false}
        onRetry={async () => undefined}
      />,
    );
    const list = screen.getByRole("region", { name: "Members Teams would not add" });
    expect(within(list).getAllByRole("listitem").map((li) => li.textContent)).toEqual([expect.stringMatching(/^Gus GhostNotFound Guildhall tries again after /)]);
  });
});
