// @vitest-environment jsdom
import "../../testing/resizeObserver.js";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { ReactElement } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryRouter } from "react-router-dom";
import { LiveAnnouncer } from "../../components/LiveAnnouncer/LiveAnnouncer.js";
import { apiError, stubApi, type StubRoute } from "../../testing/apiStub.js";
import { detailFor, MEMBER_PERMISSIONS, meFor, summaryFor } from "../../testing/fixtures.js";
import { renderIn } from "../../testing/intl.js";
import { Approvals } from "./Approvals.js";

afterEach(cleanup);

const priya = meFor({ platformOwner: true, permissions: { ...MEMBER_PERMISSIONS, "community.approve": true } });
const proposed = summaryFor({ id: "c-new", name: "Regional Evaluators", status: "proposed", teamsState: null, memberCount: 0 });

function renderPage(routes: Record<string, StubRoute>, me = priya, locale?: "fr-CA") {
  const stub = stubApi(routes);
  (locale ? (ui: ReactElement) => renderIn(locale, ui) : render)(
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

  const second = summaryFor({ id: "c-two", name: "Data Stewards", status: "proposed", teamsState: null, memberCount: 0 });
  const french = () =>
    renderPage(
      {
        "GET /api/v1/communities": { items: [proposed, second], total: 2 },
        "GET /api/v1/communities/c-new": detailFor({ id: "c-new", name: "Regional Evaluators", status: "proposed", nameClashes: [{ id: "c-old", name: "Regional evaluators", status: "approved" }] }),
        "POST /api/v1/communities/c-two/decision": detailFor({ id: "c-two", status: "rejected" }),
      },
      priya,
      "fr-CA",
    );

  it("speaks Canadian French: the list, its count and a rejection", async () => {
    french();
    expect(screen.getByRole("heading", { level: 1, name: "Approbations" })).toBeTruthy();
    const list = await screen.findByRole("list", { name: "Communautés proposées" });
    expect(screen.getByText("2 propositions en attente.")).toBeTruthy();
    expect(within(list).getByRole("article", { name: "Regional Evaluators" }).textContent).toContain("Classification de sécurité\u00a0: OFFICIEL");
    fireEvent.click(within(list).getByRole("button", { name: "Refuser Data Stewards" }));
    fireEvent.change(await screen.findByRole("textbox", { name: /Motif/ }), { target: { value: "Existe déjà" } });
    fireEvent.click(screen.getByRole("button", { name: "Refuser la proposition" }));
    // (The text matcher reads the no-break spaces inside « » as spaces.)
    expect(await screen.findByText("La communauté « Data Stewards » a été refusée.")).toBeTruthy();
    await waitFor(() => expect(screen.getByText("1 proposition en attente.")).toBeTruthy());
  });

  it("speaks Canadian French in the approve dialog: the look-alike names and the fields", async () => {
    french();
    const list = await screen.findByRole("list", { name: "Communautés proposées" });
    fireEvent.click(within(list).getByRole("button", { name: "Approuver Regional Evaluators" }));
    const dialog = await screen.findByRole("dialog");
    const clashes = await within(dialog).findByRole("list", { name: "Noms semblables" });
    expect(clashes.textContent).toBe("Ressemble à\u00a0: Regional evaluators (approuvée)");
    expect(within(dialog).getByRole("textbox", { name: /^Nom/ })).toBeTruthy();
    expect(within(dialog).getByRole("textbox", { name: /^Note à la personne qui a proposé la communauté/ })).toBeTruthy();
    expect(within(dialog).getByRole("button", { name: "Approuver la communauté" })).toBeTruthy();
  });
});
