// @vitest-environment jsdom
import "../../testing/resizeObserver.js";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/client.js";
import { detailFor } from "../../testing/fixtures.js";
import { CommunityActions } from "./CommunityActions.js";

afterEach(cleanup);

const handlers = () => ({
  onJoin: vi.fn(async () => undefined),
  onRequest: vi.fn(async () => undefined),
  onLeave: vi.fn(async () => undefined),
  onArchive: vi.fn(async (_reason: string) => undefined),
  onDecide: vi.fn(async () => undefined),
});

describe("CommunityActions", () => {
  it("shows nothing when the server allows nothing", () => {
    render(<CommunityActions community={detailFor()} {...handlers()} />);
    expect(screen.queryByRole("group", { name: "Community actions" })).toBeNull();
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("offers someone invited to a closed community Join only, as the server computed", () => {
    render(<CommunityActions community={detailFor({ invited: true }, { "community.join": true })} {...handlers()} />);
    const group = screen.getByRole("group", { name: "Community actions" });
    expect(within(group).getAllByRole("button").map((b) => b.textContent)).toEqual(["Join"]);
    expect(screen.queryByRole("button", { name: "Ask to join" })).toBeNull();
  });

  it("says in words why this person can neither join nor ask to join, where those buttons would be", () => {
    const reason = "This community is open only to staff of particular agencies, and yours is not one of them.";
    const { rerender } = render(<CommunityActions community={detailFor({ scope: "agency_only", joinBlockedReason: reason })} {...handlers()} />);
    expect(screen.getByText(reason).tagName).toBe("P");
    expect(screen.queryByRole("button")).toBeNull();
    rerender(<CommunityActions community={detailFor({ scope: "agency_only", joinBlockedReason: reason }, { "community.archive": true })} {...handlers()} />);
    expect(within(screen.getByRole("group", { name: "Community actions" })).getByText(reason)).toBeTruthy();
  });

  it("shows exactly the allowed actions", () => {
    render(<CommunityActions community={detailFor({ myRole: "owner" }, { "community.leave": true, "community.archive": true })} {...handlers()} />);
    const group = screen.getByRole("group", { name: "Community actions" });
    expect(within(group).getAllByRole("button").map((b) => b.textContent)).toEqual(["Leave", "Archive"]);
  });

  it("asks to join with the current code version, and hides the button once asked", async () => {
    const h = handlers();
    const { rerender } = render(<CommunityActions community={detailFor({}, { "community.request": true })} {...h} />);
    fireEvent.click(screen.getByRole("button", { name: "Ask to join" }));
    fireEvent.click(await screen.findByRole("checkbox", { name: "I accept the code of practice" }));
    fireEvent.click(screen.getByRole("button", { name: "Send request" }));
    await waitFor(() => expect(h.onRequest).toHaveBeenCalledWith({ codeVersion: 2, message: "" }));
    rerender(<CommunityActions community={detailFor({ requested: true }, { "community.request": true })} {...h} />);
    expect(screen.queryByRole("button", { name: "Ask to join" })).toBeNull();
  });

  it("confirms before archiving, asking why (required; the server's problem with it shown beside it)", async () => {
    const h = handlers();
    h.onArchive.mockRejectedValueOnce(
      new ApiError(400, "validation", "The request is not valid.", undefined, undefined, [{ path: "reason", message: "The reason must be at most 1000 characters." }]),
    );
    render(<CommunityActions community={detailFor({}, { "community.archive": true })} {...h} />);
    fireEvent.click(screen.getByRole("button", { name: "Archive" }));
    const dialog = await screen.findByRole("dialog");
    expect(dialog.textContent).toContain("read-only");
    const reason = within(dialog).getByRole("textbox", { name: /Reason/ });
    expect(within(dialog).getByText(/Every member is told this reason/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "Archive community" }));
    expect(await within(dialog).findByText("Enter reason.")).toBeTruthy();
    expect(h.onArchive).not.toHaveBeenCalled();
    fireEvent.change(reason, { target: { value: "  The program ended.  " } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Archive community" }));
    expect(await within(dialog).findByText("The reason must be at most 1000 characters.")).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "Archive community" }));
    await waitFor(() => expect(h.onArchive).toHaveBeenCalledTimes(2));
    expect(h.onArchive).toHaveBeenLastCalledWith("The program ended.");
  });
});
