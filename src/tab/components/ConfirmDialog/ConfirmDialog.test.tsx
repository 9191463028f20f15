// @vitest-environment jsdom
import "../../testing/resizeObserver.js";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/client.js";
import { ConfirmDialog } from "./ConfirmDialog.js";

afterEach(cleanup);

describe("ConfirmDialog", () => {
  it("asks first, then confirms and closes", async () => {
    const onConfirm = vi.fn(async () => undefined);
    render(
      <ConfirmDialog triggerLabel="Leave" title="Leave this community?" confirmLabel="Leave community" onConfirm={onConfirm}>
        You can ask to join again later.
      </ConfirmDialog>,
    );
    expect(screen.queryByRole("dialog")).toBeNull();
    const trigger = screen.getByRole("button", { name: "Leave" });
    expect(trigger.getAttribute("aria-haspopup")).toBe("dialog");
    trigger.focus();
    fireEvent.click(trigger);
    const dialog = await screen.findByRole("dialog", { name: "Leave this community?" });
    expect(dialog.textContent).toContain("You can ask to join again later.");
    fireEvent.click(screen.getByRole("button", { name: "Leave community" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(onConfirm).toHaveBeenCalledWith("");
    await waitFor(() => expect(document.activeElement).toBe(trigger));
  });

  it("requires a reason when asked, and keeps the dialog open with the server's message on failure", async () => {
    const onConfirm = vi.fn(async () => {
      throw new ApiError(403, "community.last_owner", "A community must keep at least one owner; hand over ownership first.");
    });
    render(
      <ConfirmDialog triggerLabel="Remove" triggerAriaLabel="Remove Aisha Karimi" title="Remove Aisha Karimi?" confirmLabel="Remove member" reason={{ label: "Reason", required: true }} onConfirm={onConfirm} />,
    );
    fireEvent.click(screen.getByRole("button", { name: "Remove Aisha Karimi" }));
    await screen.findByRole("dialog");
    fireEvent.click(screen.getByRole("button", { name: "Remove member" }));
    expect(await screen.findByText("Enter reason.")).toBeTruthy();
    expect(onConfirm).not.toHaveBeenCalled();
    fireEvent.change(screen.getByRole("textbox", { name: /Reason/ }), { target: { value: "Left the APS" } });
    fireEvent.click(screen.getByRole("button", { name: "Remove member" }));
    expect((await screen.findByRole("alert")).textContent).toContain("keep at least one owner");
    expect(onConfirm).toHaveBeenCalledWith("Left the APS");
    expect(screen.getByRole("dialog")).toBeTruthy();
  });

  it("applies the action's result only once the dialog has closed", async () => {
    const seen: boolean[] = [];
    const after = vi.fn(() => seen.push(screen.queryByRole("dialog") === null));
    render(<ConfirmDialog triggerLabel="Archive" title="Archive?" confirmLabel="Archive community" onConfirm={async () => after} />);
    fireEvent.click(screen.getByRole("button", { name: "Archive" }));
    fireEvent.click(await screen.findByRole("button", { name: "Archive community" }));
    await waitFor(() => expect(after).toHaveBeenCalledOnce());
    expect(seen).toEqual([true]);
  });
});
