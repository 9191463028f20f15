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
