// @vitest-environment jsdom
import "../../testing/resizeObserver.js";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MemoryRouter } from "react-router-dom";
import { ApiError } from "../../api/client.js";
import type { CommunityMember } from "../../api/communityTypes.js";
import { MemberList } from "./MemberList.js";

afterEach(cleanup);

const members: CommunityMember[] = [
  { id: "p-aisha", displayName: "Aisha Karimi", jobTitle: "Lead Service Designer", agency: "DTA", role: "moderator" },
  { id: "p-marcus", displayName: "Marcus Bell", jobTitle: "Data Analyst", agency: "ABS", role: "owner" },
];

function renderList(can: { changeRoles: boolean; transferOwnership: boolean; manageMembers: boolean }, handlers: Partial<Parameters<typeof MemberList>[0]> = {}) {
  const props = {
    members,
    myId: "p-marcus",
    can,
    onChangeRole: vi.fn(async () => undefined),
    onTransfer: vi.fn(async () => undefined),
    onRemove: vi.fn(async () => undefined),
    ...handlers,
  };
  render(
    <MemoryRouter>
      <MemberList {...props} />
    </MemoryRouter>,
  );
  return props;
}

describe("MemberList", () => {
  it("shows roles only, to a member without management abilities", () => {
    renderList({ changeRoles: false, transferOwnership: false, manageMembers: false });
    const list = screen.getByRole("list", { name: "Members" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(2);
    expect(within(list).getByRole("link", { name: "Marcus Bell (you)" }).getAttribute("href")).toBe("/people/p-marcus");
    expect(screen.queryByRole("combobox")).toBeNull();
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("lets an owner change a role, and shows the server's refusal", async () => {
    const onChangeRole = vi.fn(async () => {
      throw new ApiError(403, "community.last_owner", "A community must keep at least one owner; hand over ownership first.");
    });
    renderList({ changeRoles: true, transferOwnership: true, manageMembers: true }, { onChangeRole });
    fireEvent.change(screen.getByRole("combobox", { name: "Role for Marcus Bell" }), { target: { value: "member" } });
    expect((await screen.findByRole("alert")).textContent).toContain("keep at least one owner");
    expect(onChangeRole).toHaveBeenCalledWith("p-marcus", "member");
    expect(screen.queryByRole("button", { name: "Remove Marcus Bell" })).toBeNull();
  });

  it("hands over ownership after asking, and gives focus back to the button", async () => {
    const props = renderList({ changeRoles: true, transferOwnership: true, manageMembers: true });
    fireEvent.click(screen.getByRole("button", { name: "Hand over ownership to Aisha Karimi" }));
    fireEvent.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Hand over ownership" }));
    await waitFor(() => expect(props.onTransfer).toHaveBeenCalledWith("p-aisha"));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("button", { name: "Hand over ownership to Aisha Karimi" })));
  });

  it("removes a member with the reason given", async () => {
    const props = renderList({ changeRoles: true, transferOwnership: true, manageMembers: true });
    fireEvent.click(screen.getByRole("button", { name: "Remove Aisha Karimi" }));
    const dialog = await screen.findByRole("dialog", { name: "Remove Aisha Karimi?" });
    fireEvent.change(within(dialog).getByRole("textbox", { name: /Reason/ }), { target: { value: "Moved on" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Remove member" }));
    await waitFor(() => expect(props.onRemove).toHaveBeenCalledWith("p-aisha", "Moved on"));
  });
});
