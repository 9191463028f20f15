// @vitest-environment jsdom
import "../../testing/resizeObserver.js";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MemoryRouter } from "react-router-dom";
import { ApiError } from "../../api/client.js";
import { InvitePeople } from "./InvitePeople.js";

afterEach(cleanup);

const people = [
  { id: "p-tom", displayName: "Tom Nguyen", jobTitle: "Senior Policy Officer", interests: [], agency: "Finance" },
  { id: "p-aisha", displayName: "Aisha Karimi", jobTitle: "Lead Service Designer", interests: [], agency: "DTA" },
];

async function searchFor(onInvite: (id: string) => Promise<void>) {
  render(
    <MemoryRouter>
      <InvitePeople search={async () => people} memberIds={["p-aisha"]} onInvite={onInvite} />
    </MemoryRouter>,
  );
  fireEvent.change(screen.getByRole("searchbox", { name: /Find someone to invite/ }), { target: { value: "a" } });
  fireEvent.click(screen.getByRole("button", { name: "Search" }));
  return screen.findByRole("list", { name: "People found" });
}

describe("InvitePeople", () => {
  it("invites a person who is not yet a member", async () => {
    const onInvite = vi.fn(async () => undefined);
    const list = await searchFor(onInvite);
    expect(within(list).getByText("Already a member")).toBeTruthy();
    fireEvent.click(within(list).getByRole("button", { name: "Invite Tom Nguyen" }));
    expect(await screen.findByText("Invitation sent to Tom Nguyen.")).toBeTruthy();
    expect(onInvite).toHaveBeenCalledWith("p-tom");
    expect(within(list).getByText("Invited")).toBeTruthy();
  });

  it("shows the server's refusal", async () => {
    const list = await searchFor(async () => {
      throw new ApiError(403, "community.agency_only", "This community is for particular agencies only, and that person's agency is not one of them.");
    });
    fireEvent.click(within(list).getByRole("button", { name: "Invite Tom Nguyen" }));
    expect((await screen.findByRole("alert")).textContent).toContain("particular agencies only");
  });
});
