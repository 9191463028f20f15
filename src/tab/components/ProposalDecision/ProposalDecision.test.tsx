// @vitest-environment jsdom
import "../../testing/resizeObserver.js";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ProposalDecision } from "./ProposalDecision.js";

afterEach(cleanup);

describe("ProposalDecision", () => {
  it("approves without a reason and rejects only with one", async () => {
    const onDecide = vi.fn(async () => undefined);
    render(<ProposalDecision communityName="Regional Evaluators" onDecide={onDecide} />);
    fireEvent.click(screen.getByRole("button", { name: "Approve Regional Evaluators" }));
    fireEvent.click(await screen.findByRole("button", { name: "Approve community" }));
    await waitFor(() => expect(onDecide).toHaveBeenCalledWith("approve", ""));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());

    fireEvent.click(screen.getByRole("button", { name: "Reject Regional Evaluators" }));
    fireEvent.click(await screen.findByRole("button", { name: "Reject proposal" }));
    expect(await screen.findByText("Enter reason.")).toBeTruthy();
    fireEvent.change(screen.getByRole("textbox", { name: /Reason/ }), { target: { value: "Duplicates an existing community" } });
    fireEvent.click(screen.getByRole("button", { name: "Reject proposal" }));
    await waitFor(() => expect(onDecide).toHaveBeenCalledWith("reject", "Duplicates an existing community"));
  });
});
