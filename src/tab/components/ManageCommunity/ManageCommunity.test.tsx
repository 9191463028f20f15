// @vitest-environment jsdom
import "../../testing/resizeObserver.js";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AGENCIES, detailFor } from "../../testing/fixtures.js";
import { renderIn } from "../../testing/intl.js";
import { ManageCommunity } from "./ManageCommunity.js";

afterEach(cleanup);

const handlers = () => ({
  onEdit: vi.fn(async () => undefined),
  loadProposalContext: vi.fn(async () => ({ agencies: AGENCIES })),
  onEditProposal: vi.fn(async () => undefined),
  onResubmit: vi.fn(async (_input: unknown) => undefined),
  onWithdraw: vi.fn(async () => undefined),
  onUnarchive: vi.fn(async () => undefined),
  onRetryRestore: vi.fn(async () => undefined),
});

describe("ManageCommunity", () => {
  it("shows nothing when the server allows none of it", () => {
    render(<ManageCommunity community={detailFor()} {...handlers()} />);
    expect(screen.queryByRole("group")).toBeNull();
  });

  it("offers an owner Edit community only", () => {
    render(<ManageCommunity community={detailFor({ myRole: "owner" }, { "community.edit": true })} {...handlers()} />);
    expect(within(screen.getByRole("group", { name: "Manage the community" })).getAllByRole("button").map((b) => b.textContent)).toEqual(["Edit community"]);
  });

  it("offers the proposer of a rejected proposal Edit and resubmit and Withdraw; resubmitting sends the edited proposal with its revision", async () => {
    const h = handlers();
    const c = detailFor({ status: "rejected", decisionReason: "Say more." }, { "community.resubmit": true, "community.withdraw": true });
    render(<ManageCommunity community={c} {...h} />);
    fireEvent.click(screen.getByRole("button", { name: "Edit and resubmit" }));
    await waitFor(() => expect(h.loadProposalContext).toHaveBeenCalled());
    fireEvent.change(screen.getByRole("textbox", { name: /Purpose/ }), { target: { value: "For analysts who work outside the capitals." } });
    fireEvent.click(screen.getByRole("button", { name: "Resubmit proposal" }));
    await waitFor(() => expect(h.onResubmit).toHaveBeenCalled());
    expect(h.onResubmit.mock.calls[0]?.[0]).toMatchObject({ revision: 3, purpose: "For analysts who work outside the capitals.", visibility: "closed", classification: "OFFICIAL" });
  });

  it("asks before withdrawing, and withdraws", async () => {
    const h = handlers();
    render(<ManageCommunity community={detailFor({ status: "proposed" }, { "community.withdraw": true, "community.editProposal": true })} {...h} />);
    fireEvent.click(screen.getByRole("button", { name: "Withdraw proposal" }));
    const dialog = await screen.findByRole("dialog");
    fireEvent.click(within(dialog).getByRole("button", { name: "Withdraw proposal" }));
    await waitFor(() => expect(h.onWithdraw).toHaveBeenCalled());
  });

  it("offers a platform owner Un-archive, and shows a failed restore in Teams with a retry", async () => {
    const h = handlers();
    const c = detailFor(
      { teams: { state: "linked", webUrl: null, lastError: null, unarchiveState: "failed", unarchiveError: "Microsoft Teams refused: permission missing." } },
      { "community.retryUnarchive": true },
    );
    render(<ManageCommunity community={c} {...h} />);
    expect(screen.getByRole("status").textContent).toMatch(/did not restore the community's team or channel: Microsoft Teams refused/);
    fireEvent.click(screen.getByRole("button", { name: "Retry restoring in Teams" }));
    await waitFor(() => expect(h.onRetryRestore).toHaveBeenCalled());
    cleanup();
    render(<ManageCommunity community={detailFor({ status: "archived" }, { "community.unarchive": true })} {...h} />);
    fireEvent.click(screen.getByRole("button", { name: "Un-archive" }));
    fireEvent.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Un-archive community" }));
    await waitFor(() => expect(h.onUnarchive).toHaveBeenCalled());
  });

  it("speaks French (fr-CA)", async () => {
    renderIn("fr-CA", <ManageCommunity community={detailFor({ status: "archived" }, { "community.unarchive": true })} {...handlers()} />);
    expect(await screen.findByRole("group", { name: "Gérer la communauté" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Désarchiver" })).toBeTruthy();
  });
});
