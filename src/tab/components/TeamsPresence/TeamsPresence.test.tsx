// @vitest-environment jsdom
import "../../testing/resizeObserver.js";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/client.js";
import { TeamsPresence } from "./TeamsPresence.js";

afterEach(cleanup);

describe("TeamsPresence", () => {
  it("says honestly that the Teams link is pending in local mode, with each step waiting", () => {
    render(
      <TeamsPresence
        community={{
          status: "approved",
          teamsPresence: "private_channel",
          teams: { state: "not_connected", webUrl: null, lastError: null },
          provisioning: [
            { step: "create_channel", status: "waiting", detail: "Waiting for a Microsoft 365 tenant connection" },
            { step: "add_owners", status: "waiting", detail: null },
          ],
        }}
        canRetry
        onRetry={async () => undefined}
      />,
    );
    const region = screen.getByRole("region", { name: "Microsoft Teams" });
    expect(within(region).getAllByText("Teams link pending — no Microsoft 365 tenant connected").length).toBeGreaterThan(0);
    const steps = within(region).getByRole("list", { name: "Set-up steps" });
    expect(within(steps).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Create the channelWaitingWaiting for a Microsoft 365 tenant connection",
      "Add the ownersWaiting",
    ]);
    expect(screen.queryByRole("button", { name: /Retry/ })).toBeNull();
  });

  it("shows a failure with a retry, and the server's reason when the retry is refused", async () => {
    const onRetry = vi.fn(async () => {
      throw new ApiError(409, "community.provisioning_running", "The Teams set-up is already running.");
    });
    render(
      <TeamsPresence
        community={{
          status: "approved",
          teamsPresence: "team",
          teams: { state: "failed", webUrl: null, lastError: "Microsoft Graph refused the request (403)." },
          provisioning: [{ step: "create_team", status: "failed", detail: null }],
        }}
        canRetry
        onRetry={onRetry}
      />,
    );
    expect(screen.getByText("Microsoft Graph refused the request (403).")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Retry the Teams set-up" }));
    expect((await screen.findByRole("alert")).textContent).toContain("The Teams set-up is already running.");
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it("offers no retry without the ability", () => {
    render(
      <TeamsPresence
        community={{ status: "approved", teamsPresence: "team", teams: { state: "failed", webUrl: null, lastError: null }, provisioning: [] }}
        canRetry={false}
        onRetry={async () => undefined}
      />,
    );
    expect(screen.queryByRole("button", { name: /Retry/ })).toBeNull();
  });
});
