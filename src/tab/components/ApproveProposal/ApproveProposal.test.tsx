// @vitest-environment jsdom
import "../../testing/resizeObserver.js";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/client.js";
import type { NameClash } from "../../api/communityTypes.js";
import { ApproveProposal } from "./ApproveProposal.js";

afterEach(cleanup);

/** A proposal whose name has a Cyrillic "о": it looks like the approved "Budget Policy Network". */
const LOOKALIKE = "Budget Policy Netw\u043Erk";

const CLASHES: NameClash[] = [
  { id: "c-approved", name: "Budget Policy Network", status: "approved" },
  { id: "c-waiting", name: "Budget policy  network", status: "proposed" },
];

/** The text of the elements an element's aria-describedby points at. */
function description(element: HTMLElement): string {
  return (element.getAttribute("aria-describedby") ?? "")
    .split(/\s+/)
    .map((id) => (id ? (document.getElementById(id)?.textContent ?? "") : ""))
    .join(" ");
}

async function openDialog(name = LOOKALIKE) {
  fireEvent.click(screen.getByRole("button", { name: `Approve ${name}` }));
  return screen.findByRole("dialog");
}

describe("ApproveProposal", () => {
  it("shows the look-alike names the server computed, with a plain explanation, and approves as proposed", async () => {
    const onApprove = vi.fn(async () => undefined);
    render(<ApproveProposal communityName={LOOKALIKE} nameClashes={CLASHES} onApprove={onApprove} />);
    const dialog = await openDialog();
    const list = within(dialog).getByRole("list", { name: "Names that look the same" });
    expect(within(list).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Looks like: Budget Policy Network (approved)",
      "Looks like: Budget policy  network (awaiting approval)",
    ]);
    expect(dialog.textContent).toContain("differ only in capitals, spacing or letters that look alike");
    const field = within(dialog).getByRole("textbox", { name: /^Name/ });
    expect((field as HTMLInputElement).value).toBe(LOOKALIKE);
    fireEvent.click(within(dialog).getByRole("button", { name: "Approve community" }));
    await waitFor(() => expect(onApprove).toHaveBeenCalledWith({ reason: "" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });

  it("says nothing about look-alikes when the server found none", async () => {
    render(<ApproveProposal communityName="Regional Evaluators" nameClashes={[]} onApprove={async () => undefined} />);
    const dialog = await openDialog("Regional Evaluators");
    expect(within(dialog).queryByRole("list")).toBeNull();
    expect(dialog.textContent).not.toContain("Looks like");
  });

  it("fetches the look-alikes when it opens, once, if the caller does not have them", async () => {
    let answer: (items: NameClash[]) => void = () => undefined;
    const load = vi.fn(() => new Promise<NameClash[]>((resolve) => (answer = resolve)));
    render(<ApproveProposal communityName={LOOKALIKE} loadNameClashes={load} onApprove={async () => undefined} />);
    expect(load).not.toHaveBeenCalled();
    const dialog = await openDialog();
    expect(within(dialog).getByRole("progressbar")).toBeTruthy();
    expect(dialog.textContent).toContain("Checking for communities with a name that looks the same");
    answer(CLASHES.slice(0, 1));
    const list = await within(dialog).findByRole("list", { name: "Names that look the same" });
    expect(list.textContent).toBe("Looks like: Budget Policy Network (approved)");
    fireEvent.change(within(dialog).getByRole("textbox", { name: /^Name/ }), { target: { value: "Budget Policy Peers" } });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("says so when the look-alikes could not be fetched, and still lets the approver decide", async () => {
    const onApprove = vi.fn(async () => undefined);
    render(<ApproveProposal communityName="Regional Evaluators" loadNameClashes={() => Promise.reject(new ApiError(500, "internal", "Something broke."))} onApprove={onApprove} />);
    const dialog = await openDialog("Regional Evaluators");
    await waitFor(() => expect(dialog.textContent).toContain("could not check for names that look the same (Something broke.)"));
    fireEvent.click(within(dialog).getByRole("button", { name: "Approve community" }));
    await waitFor(() => expect(onApprove).toHaveBeenCalledWith({ reason: "" }));
  });

  it("approves under another name with a note", async () => {
    const onApprove = vi.fn(async () => undefined);
    render(<ApproveProposal communityName={LOOKALIKE} nameClashes={CLASHES} onApprove={onApprove} />);
    const dialog = await openDialog();
    fireEvent.change(within(dialog).getByRole("textbox", { name: /^Name/ }), { target: { value: "  Budget Policy Peers " } });
    fireEvent.change(within(dialog).getByRole("textbox", { name: /Note to the proposer/ }), { target: { value: "Renamed: the old name was taken." } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Approve community" }));
    await waitFor(() => expect(onApprove).toHaveBeenCalledWith({ reason: "Renamed: the old name was taken.", name: "Budget Policy Peers" }));
  });

  it("shows a 409 name clash beside the name field, keeps the dialog open and puts focus on the name", async () => {
    const message = '"Budget Policy Netw\u043Erk" is the same as, or looks like, the approved community "Budget Policy Network". Approve it under another name, or reject it with a reason.';
    const onApprove = vi
      .fn<(input: { reason: string; name?: string }) => Promise<void>>()
      .mockRejectedValueOnce(new ApiError(409, "community.name_clash", message, "req-1", undefined, [{ path: "name", message: "Another approved community has this name, or one that looks the same." }]))
      .mockResolvedValueOnce(undefined);
    render(<ApproveProposal communityName={LOOKALIKE} nameClashes={CLASHES} onApprove={onApprove} />);
    const dialog = await openDialog();
    fireEvent.click(within(dialog).getByRole("button", { name: "Approve community" }));
    const field = within(dialog).getByRole("textbox", { name: /^Name/ });
    await waitFor(() => expect(description(field)).toContain(message));
    expect(field.getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(field);
    expect(screen.getByRole("dialog")).toBe(dialog);
    // Beside the field only, not again in a banner below.
    expect(within(dialog).getAllByText(message)).toHaveLength(1);

    fireEvent.change(field, { target: { value: "Budget Policy Peers" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Approve community" }));
    await waitFor(() => expect(onApprove).toHaveBeenLastCalledWith({ reason: "", name: "Budget Policy Peers" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });

  it("shows the server's field error for a name the naming policy refuses", async () => {
    const message = "The new name does not follow the naming policy (Teams' characters, blocked words, length with prefix and suffix).";
    const onApprove = vi.fn(() => Promise.reject(new ApiError(400, "community.name_blocked_word", message, "req-2", undefined, [{ path: "name", message }])));
    render(<ApproveProposal communityName="Regional Evaluators" nameClashes={[]} onApprove={onApprove} />);
    const dialog = await openDialog("Regional Evaluators");
    const field = within(dialog).getByRole("textbox", { name: /^Name/ });
    fireEvent.change(field, { target: { value: "Regional Secret Evaluators" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Approve community" }));
    await waitFor(() => expect(description(field)).toContain(message));
    expect(document.activeElement).toBe(field);
    expect(screen.getByRole("dialog")).toBe(dialog);
  });

  it("shows any other refusal as an alert, not beside the name", async () => {
    const onApprove = vi.fn(() => Promise.reject(new ApiError(403, "community.forbidden", "You cannot decide this proposal.")));
    render(<ApproveProposal communityName="Regional Evaluators" nameClashes={[]} onApprove={onApprove} />);
    const dialog = await openDialog("Regional Evaluators");
    fireEvent.click(within(dialog).getByRole("button", { name: "Approve community" }));
    expect((await within(dialog).findByRole("alert")).textContent).toContain("You cannot decide this proposal.");
    expect(description(within(dialog).getByRole("textbox", { name: /^Name/ }))).not.toContain("You cannot decide");
  });
});
