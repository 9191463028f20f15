// @vitest-environment jsdom
import "../../testing/resizeObserver.js";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MemoryRouter } from "react-router-dom";
import type { JoinRequest } from "../../api/communityTypes.js";
import { JoinRequests } from "./JoinRequests.js";

afterEach(cleanup);

const requests: JoinRequest[] = [
  { id: "r1", message: "I run the data team\nin Townsville.", createdAt: "2030-03-01T02:00:00.000Z", person: { id: "p-tom", displayName: "Tom Nguyen", agency: "Finance" } },
];

describe("JoinRequests", () => {
  it("approves a request", async () => {
    const onApprove = vi.fn(async () => undefined);
    render(
      <MemoryRouter>
        <JoinRequests requests={requests} onApprove={onApprove} onDecline={vi.fn()} />
      </MemoryRouter>,
    );
    const item = within(screen.getByRole("list", { name: "Requests to join" })).getByRole("listitem");
    expect(item.textContent).toContain("I run the data team\nin Townsville.");
    fireEvent.click(screen.getByRole("button", { name: "Approve Tom Nguyen" }));
    await waitFor(() => expect(onApprove).toHaveBeenCalledWith("r1"));
  });

  it("declines only with a reason", async () => {
    const onDecline = vi.fn(async () => undefined);
    render(
      <MemoryRouter>
        <JoinRequests requests={requests} onApprove={vi.fn()} onDecline={onDecline} />
      </MemoryRouter>,
    );
    fireEvent.click(screen.getByRole("button", { name: "Decline Tom Nguyen" }));
    await screen.findByRole("dialog", { name: "Decline Tom Nguyen's request?" });
    fireEvent.click(screen.getByRole("button", { name: "Decline request" }));
    expect(await screen.findByText("Enter reason.")).toBeTruthy();
    fireEvent.change(screen.getByRole("textbox", { name: /Reason/ }), { target: { value: "Agency staff only for now" } });
    fireEvent.click(screen.getByRole("button", { name: "Decline request" }));
    await waitFor(() => expect(onDecline).toHaveBeenCalledWith("r1", "Agency staff only for now"));
  });

  it("says when no one is waiting", () => {
    render(<JoinRequests requests={[]} onApprove={vi.fn()} onDecline={vi.fn()} />);
    expect(screen.getByText("No one is waiting to join.")).toBeTruthy();
  });
});
