// @vitest-environment jsdom
import "../../testing/resizeObserver.js";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryRouter } from "react-router-dom";
import { LiveAnnouncer } from "../../components/LiveAnnouncer/LiveAnnouncer.js";
import { apiError, stubApi, type StubRoute } from "../../testing/apiStub.js";
import { detailFor, MEMBER_PERMISSIONS, meFor, summaryFor } from "../../testing/fixtures.js";
import { Approvals } from "./Approvals.js";

afterEach(cleanup);

const priya = meFor({ platformOwner: true, permissions: { ...MEMBER_PERMISSIONS, "community.approve": true } });
const proposed = summaryFor({ id: "c-new", name: "Regional Evaluators", status: "proposed", teamsState: null, memberCount: 0 });

function renderPage(routes: Record<string, StubRoute>, me = priya) {
  const stub = stubApi(routes);
  render(
    <MemoryRouter>
      <LiveAnnouncer>
        <Approvals me={me} api={stub.api} />
      </LiveAnnouncer>
    </MemoryRouter>,
  );
  return stub;
}

describe("Approvals", () => {
  it("lists proposals and rejects one with a reason", async () => {
    const stub = renderPage({
      "GET /api/v1/communities": { items: [proposed], total: 1 },
      "POST /api/v1/communities/c-new/decision": detailFor({ id: "c-new", status: "rejected" }),
    });
    const list = await screen.findByRole("list", { name: "Proposed communities" });
    expect(within(list).getByRole("article", { name: "Regional Evaluators" }).textContent).toContain("Awaiting approval");
    expect(stub.calls[0]?.query.get("status")).toBe("proposed");
    fireEvent.click(within(list).getByRole("button", { name: "Reject Regional Evaluators" }));
    fireEvent.change(await screen.findByRole("textbox", { name: /Reason/ }), { target: { value: "Already exists" } });
    fireEvent.click(screen.getByRole("button", { name: "Reject proposal" }));
    expect(await screen.findByText("Regional Evaluators was rejected.")).toBeTruthy();
    expect(stub.calls.at(-1)?.body).toEqual({ decision: "reject", reason: "Already exists" });
    await waitFor(() => expect(screen.getByText("No proposals are waiting.")).toBeTruthy());
  });

  it("shows the look-alike names the server computed and approves under another name after a 409 clash", async () => {
    const clashMessage = '"Regional Evaluators" is the same as, or looks like, the approved community "Regional evaluators". Approve it under another name, or reject it with a reason.';
    const stub = renderPage({
      "GET /api/v1/communities": { items: [proposed], total: 1 },
      "GET /api/v1/communities/c-new": detailFor({ id: "c-new", name: "Regional Evaluators", status: "proposed", nameClashes: [{ id: "c-old", name: "Regional evaluators", status: "approved" }] }),
      "POST /api/v1/communities/c-new/decision": (req) =>
        (req.body as { name?: string }).name === undefined
          ? apiError(409, "community.name_clash", clashMessage, { issues: [{ path: "name", message: "Another approved community has this name, or one that looks the same." }] })
          : detailFor({ id: "c-new", name: "Regional Evaluation Network", status: "approved" }),
    });
    const list = await screen.findByRole("list", { name: "Proposed communities" });
    fireEvent.click(within(list).getByRole("button", { name: "Approve Regional Evaluators" }));
    const dialog = await screen.findByRole("dialog");
    const clashes = await within(dialog).findByRole("list", { name: "Names that look the same" });
    expect(clashes.textContent).toBe("Looks like: Regional evaluators (approved)");
    expect(stub.calls.map((c) => `${c.method} ${c.path}`)).toContain("GET /api/v1/communities/c-new");

    fireEvent.click(within(dialog).getByRole("button", { name: "Approve community" }));
    const field = within(dialog).getByRole("textbox", { name: /^Name/ });
    await waitFor(() => expect(field.getAttribute("aria-invalid")).toBe("true"));
    const describedBy = (field.getAttribute("aria-describedby") ?? "").split(" ").map((id) => document.getElementById(id)?.textContent ?? "");
    expect(describedBy.join(" ")).toContain(clashMessage);
    expect(stub.calls.at(-1)?.body).toEqual({ decision: "approve", reason: "" });
    expect(screen.getByRole("dialog")).toBe(dialog);

    fireEvent.change(field, { target: { value: "Regional Evaluation Network" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Approve community" }));
    expect(await screen.findByText("Regional Evaluators is approved as Regional Evaluation Network.")).toBeTruthy();
    expect(stub.calls.at(-1)?.body).toEqual({ decision: "approve", reason: "", name: "Regional Evaluation Network" });
    await waitFor(() => expect(screen.getByText("No proposals are waiting.")).toBeTruthy());
  });

  it("asks nothing of the server for someone who is not a platform owner", () => {
    const stub = renderPage({}, meFor());
    expect(screen.getByText("Only platform owners approve proposed communities.")).toBeTruthy();
    expect(stub.calls).toHaveLength(0);
  });
});
