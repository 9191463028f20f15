// @vitest-environment jsdom
import "../../testing/resizeObserver.js";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/client.js";
import { detailFor } from "../../testing/fixtures.js";
import { renderIn } from "../../testing/intl.js";
import { EditCommunity } from "./EditCommunity.js";

afterEach(cleanup);

const owner = (over = {}) =>
  detailFor(
    {
      myRole: "owner",
      visibilityChoices: [
        { visibility: "open", allowed: true, denial: null, messageKey: null },
        { visibility: "closed", allowed: true, denial: null, messageKey: null },
        { visibility: "hidden", allowed: false, denial: "pending_requests", messageKey: "manage.denial.pendingRequests" },
      ],
      ...over,
    },
    { "community.edit": true, "community.editCode": true, "community.changeVisibility": true },
  );

describe("EditCommunity", () => {
  it("sends only what changed, with the revision it was read at", async () => {
    const onSave = vi.fn(async () => undefined);
    render(<EditCommunity community={owner()} onSave={onSave} />);
    fireEvent.click(screen.getByRole("button", { name: "Edit community" }));
    fireEvent.change(screen.getByRole("textbox", { name: /Purpose/ }), { target: { value: "A clearer purpose for everyone." } });
    fireEvent.change(screen.getByRole("textbox", { name: /Tags/ }), { target: { value: "analytics, data" } });
    fireEvent.click(screen.getByRole("radio", { name: /^Open/ }));
    fireEvent.click(screen.getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(onSave).toHaveBeenCalledWith({ revision: 3, purpose: "A clearer purpose for everyone.", tags: ["analytics", "data"], visibility: "open" }));
  });

  it("says a new code of practice becomes the next version, and offers a refused visibility disabled with the server's reason", () => {
    render(<EditCommunity community={owner()} onSave={vi.fn()} />);
    fireEvent.click(screen.getByRole("button", { name: "Edit community" }));
    expect(screen.getByText(/makes it version 3: every member is told/)).toBeTruthy();
    const hidden = screen.getByRole("radio", { name: /Decide the pending requests to join first/ });
    expect((hidden as HTMLInputElement).disabled).toBe(true);
  });

  it("shows the server's field problem beside its field, and a write lost to another owner above the buttons", async () => {
    const onSave = vi
      .fn()
      .mockRejectedValueOnce(new ApiError(400, "request.invalid", "The changes are not complete.", undefined, undefined, [{ path: "purpose", message: "Say in a sentence or two what the community is for." }]))
      .mockRejectedValueOnce(new ApiError(409, "community.edited_meanwhile", "Someone else changed this community while you were editing it. Reload to see their changes, then make yours again.", undefined, undefined, [], "manage.errors.editedMeanwhile"));
    render(<EditCommunity community={owner()} onSave={onSave} />);
    fireEvent.click(screen.getByRole("button", { name: "Edit community" }));
    fireEvent.change(screen.getByRole("textbox", { name: /Purpose/ }), { target: { value: "Short" } });
    fireEvent.click(screen.getByRole("button", { name: "Save changes" }));
    expect(await screen.findByText("Say in a sentence or two what the community is for.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Save changes" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/Someone else changed this community/);
    expect(screen.getByRole("dialog")).toBeTruthy();
  });

  it("says nothing changed rather than sending an empty edit", async () => {
    const onSave = vi.fn();
    render(<EditCommunity community={owner()} onSave={onSave} />);
    fireEvent.click(screen.getByRole("button", { name: "Edit community" }));
    fireEvent.click(screen.getByRole("button", { name: "Save changes" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Nothing has changed yet.");
    expect(onSave).not.toHaveBeenCalled();
  });

  it("speaks French (fr-CA), the refused visibility's reason included", async () => {
    renderIn("fr-CA", <EditCommunity community={owner()} onSave={vi.fn()} />);
    fireEvent.click(await screen.findByRole("button", { name: "Modifier la communauté" }));
    expect(screen.getByRole("heading", { name: "Modifier Regional Data Practitioners" })).toBeTruthy();
    expect(screen.getByRole("radio", { name: /Traitez d’abord les demandes d’adhésion en attente/ })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Enregistrer les modifications" })).toBeTruthy();
  });
});
