// @vitest-environment jsdom
import "../../testing/resizeObserver.js";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/client.js";
import { JoinDialog } from "./JoinDialog.js";

afterEach(cleanup);

const code = "Be respectful.\nShare nothing above OFFICIAL.";

describe("JoinDialog", () => {
  it("shows the code of practice and will not send until it is accepted", async () => {
    const onSubmit = vi.fn(async () => undefined);
    render(<JoinDialog mode="join" communityName="Service Design CoP" codeOfPractice={code} codeVersion={3} onSubmit={onSubmit} />);
    fireEvent.click(screen.getByRole("button", { name: "Join" }));
    const dialog = await screen.findByRole("dialog", { name: "Join Service Design CoP" });
    const region = within(dialog).getByRole("region", { name: "Code of practice (version 3)" });
    expect(region.textContent).toContain("Share nothing above OFFICIAL.");
    fireEvent.click(screen.getByRole("button", { name: "Join community" }));
    expect(await screen.findByText("Tick the box to accept the code of practice.")).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("checkbox", { name: "I accept the code of practice" }));
    fireEvent.click(screen.getByRole("button", { name: "Join community" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(onSubmit).toHaveBeenCalledWith({ codeVersion: 3, message: "" });
  });

  it("asks with a message and shows the server's refusal", async () => {
    const onSubmit = vi.fn(async () => {
      throw new ApiError(403, "community.agency_only", "This community is open only to staff of particular agencies, and yours is not one of them.");
    });
    render(<JoinDialog mode="request" communityName="Procurement Capability" codeOfPractice={code} codeVersion={1} onSubmit={onSubmit} />);
    fireEvent.click(screen.getByRole("button", { name: "Ask to join" }));
    await screen.findByRole("dialog", { name: "Ask to join Procurement Capability" });
    fireEvent.click(screen.getByRole("checkbox", { name: "I accept the code of practice" }));
    fireEvent.change(screen.getByRole("textbox", { name: /Message to the moderators/ }), { target: { value: " I run contracts in Hobart " } });
    fireEvent.click(screen.getByRole("button", { name: "Send request" }));
    expect((await screen.findByRole("alert")).textContent).toContain("open only to staff of particular agencies");
    expect(onSubmit).toHaveBeenCalledWith({ codeVersion: 1, message: "I run contracts in Hobart" });
  });
});
