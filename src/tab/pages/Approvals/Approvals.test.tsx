// @vitest-environment jsdom
import "../../testing/resizeObserver.js";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryRouter } from "react-router-dom";
import { LiveAnnouncer } from "../../components/LiveAnnouncer/LiveAnnouncer.js";
import { stubApi, type StubRoute } from "../../testing/apiStub.js";
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

  it("asks nothing of the server for someone who is not a platform owner", () => {
    const stub = renderPage({}, meFor());
    expect(screen.getByText("Only platform owners approve proposed communities.")).toBeTruthy();
    expect(stub.calls).toHaveLength(0);
  });
});
