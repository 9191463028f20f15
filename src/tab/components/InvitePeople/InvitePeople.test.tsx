// @vitest-environment jsdom
import "../../testing/resizeObserver.js";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MemoryRouter } from "react-router-dom";
import { ApiError } from "../../api/client.js";
import type { CommunityInvitations, InviteTarget } from "../../api/communityTypes.js";
import { renderIn } from "../../testing/intl.js";
import { InvitePeople } from "./InvitePeople.js";

afterEach(cleanup);

const people = [
  { id: "p-tom", displayName: "Tom Nguyen", jobTitle: "Senior Policy Officer", interests: [], agency: "Finance" },
  { id: "p-aisha", displayName: "Aisha Karimi", jobTitle: "Lead Service Designer", interests: [], agency: "DTA" },
];

async function searchFor(onInvite: (target: InviteTarget) => Promise<void>) {
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
    expect(onInvite).toHaveBeenCalledWith({ personId: "p-tom" });
    expect(within(list).getByText("Invited")).toBeTruthy();
  });

  it("shows the server's refusal", async () => {
    const list = await searchFor(async () => {
      throw new ApiError(403, "community.agency_only", "This community is for particular agencies only, and that person's agency is not one of them.");
    });
    fireEvent.click(within(list).getByRole("button", { name: "Invite Tom Nguyen" }));
    expect((await screen.findByRole("alert")).textContent).toContain("particular agencies only");
  });

  it("searches the organisation's directory too, and invites someone not yet in Guildhall by object id", async () => {
    const onInvite = vi.fn(async () => undefined);
    const searchDirectory = vi.fn(async () => ({ connected: true, items: [{ objectId: "o-jane", displayName: "Jane Doe", mail: "jane.doe@finance.gov.au", jobTitle: "Policy Officer", invited: false }] }));
    render(
      <MemoryRouter>
        <InvitePeople search={async () => people} searchDirectory={searchDirectory} memberIds={[]} invitations={{ ...invitations, directory: true }} onInvite={onInvite} />
      </MemoryRouter>,
    );
    fireEvent.change(screen.getByRole("searchbox", { name: /Find someone to invite/ }), { target: { value: "jane" } });
    fireEvent.click(screen.getByRole("button", { name: "Search" }));
    const list = await screen.findByRole("list", { name: "People in your organisation's directory" });
    expect(searchDirectory).toHaveBeenCalledWith("jane");
    fireEvent.click(within(list).getByRole("button", { name: "Invite Jane Doe" }));
    expect(await screen.findByText("Invitation recorded for Jane Doe. They will find it when they first open Guildhall.")).toBeTruthy();
    expect(onInvite).toHaveBeenCalledWith({ objectId: "o-jane" });
  });

  it("says honestly when there is no directory (local mode), and still invites by email; a refusal shows beside the field", async () => {
    const onInvite = vi.fn(async (t: InviteTarget) => {
      if ("email" in t && t.email.endsWith("contoso.com")) {
        throw new ApiError(400, "community.invite_outside_allow_list", "Guildhall cannot invite contoso.com addresses: only agencies on its sign-in allow-list can use it.", undefined, undefined, [
          { path: "email", message: "Guildhall cannot invite contoso.com addresses: only agencies on its sign-in allow-list can use it.", messageKey: "community.invite.error.domainNotAllowed", values: { domain: "contoso.com" } },
        ]);
      }
    });
    render(
      <MemoryRouter>
        <InvitePeople search={async () => people} searchDirectory={async () => ({ connected: false, items: [] })} memberIds={[]} invitations={invitations} onInvite={onInvite} />
      </MemoryRouter>,
    );
    expect(screen.getByText(/Microsoft 365 is not connected here, so the search finds only people already in Guildhall/)).toBeTruthy();
    expect(screen.getByText("For someone who has not opened Guildhall yet. Addresses at dta.gov.au or finance.gov.au can be invited.")).toBeTruthy();
    const field = screen.getByRole("textbox", { name: "Invite by email address" });
    fireEvent.change(field, { target: { value: "sam@contoso.com" } });
    fireEvent.click(screen.getAllByRole("button", { name: "Invite" }).at(-1)!);
    expect(await screen.findByText("Guildhall cannot invite contoso.com addresses: only agencies on its sign-in allow-list can use it.")).toBeTruthy();
    fireEvent.change(field, { target: { value: "new.person@dta.gov.au" } });
    fireEvent.click(screen.getAllByRole("button", { name: "Invite" }).at(-1)!);
    expect(await screen.findByText("Invitation recorded for new.person@dta.gov.au. They will find it when they first open Guildhall.")).toBeTruthy();
    expect(onInvite).toHaveBeenLastCalledWith({ email: "new.person@dta.gov.au" });
    // Pending invitations, including people who have not opened Guildhall.
    expect(screen.getByRole("heading", { name: "Invited, not yet joined" })).toBeTruthy();
    expect(screen.getByText("someone@abs.gov.au")).toBeTruthy();
  });

  it("speaks French (fr-CA): the directory note, the email field and the pending list", () => {
    renderIn(
      "fr-CA",
      <MemoryRouter>
        <InvitePeople search={async () => people} memberIds={[]} invitations={invitations} onInvite={async () => undefined} />
      </MemoryRouter>,
    );
    expect(screen.getByText(/Microsoft 365 n’est pas connecté ici; la recherche ne trouve donc que les personnes déjà dans Guildhall/)).toBeTruthy();
    expect(screen.getByRole("textbox", { name: "Inviter par adresse courriel" })).toBeTruthy();
    expect(screen.getByText(/Les adresses dta\.gov\.au ou finance\.gov\.au peuvent être invitées\./)).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Invitations en attente" })).toBeTruthy();
    expect(screen.getByText(/^Invitation de Tom Nguyen le .*\. N’a pas encore ouvert Guildhall\.$/)).toBeTruthy();
  });
});

const invitations: CommunityInvitations = {
  directory: false,
  emailDomains: ["dta.gov.au", "finance.gov.au"],
  pending: [{ id: "i-1", kind: "email", personId: null, objectId: null, displayName: null, email: "someone@abs.gov.au", invitedBy: "Tom Nguyen", createdAt: "2026-03-02T03:00:00Z" }],
};
