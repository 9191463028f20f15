// @vitest-environment jsdom
import "../../testing/resizeObserver.js";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { detailFor } from "../../testing/fixtures.js";
import { CommunityActions } from "./CommunityActions.js";

afterEach(cleanup);

const handlers = () => ({
  onJoin: vi.fn(async () => undefined),
  onRequest: vi.fn(async () => undefined),
  onLeave: vi.fn(async () => undefined),
  onArchive: vi.fn(async () => undefined),
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

  it("confirms before archiving", async () => {
    const h = handlers();
    render(<CommunityActions community={detailFor({}, { "community.archive": true })} {...h} />);
    fireEvent.click(screen.getByRole("button", { name: "Archive" }));
    expect((await screen.findByRole("dialog")).textContent).toContain("read-only");
    fireEvent.click(screen.getByRole("button", { name: "Archive community" }));
    await waitFor(() => expect(h.onArchive).toHaveBeenCalledOnce());
  });
});
