// @vitest-environment jsdom
import "../../testing/resizeObserver.js";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { ReactElement } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryRouter } from "react-router-dom";
import { LiveAnnouncer } from "../../components/LiveAnnouncer/LiveAnnouncer.js";
import { apiError, stubApi, type StubRoute } from "../../testing/apiStub.js";
import type { ProposalSummary } from "../../api/communityTypes.js";
import { detailFor, MEMBER_PERMISSIONS, meFor } from "../../testing/fixtures.js";
import { renderIn } from "../../testing/intl.js";
import { Approvals } from "./Approvals.js";

afterEach(cleanup);

const priya = meFor({ platformOwner: true, permissions: { ...MEMBER_PERMISSIONS, "community.approve": true } });
/** A proposal as GET /api/v1/proposals sends it. */
const proposalFor = (over: Partial<ProposalSummary> = {}): ProposalSummary => ({
  id: "c-new",
  name: "Regional Evaluators",
  purpose: "Evaluators outside the capitals sharing methods.",
  termsOfReference: "We meet monthly.\nMinutes are shared with members.",
  codeOfPractice: "Be kind.\nShare what you can.",
  visibility: "closed",
  scope: "cross_agency",
  agencies: [],
  classification: "OFFICIAL",
  classificationLabel: "OFFICIAL",
  tags: ["evaluation", "regions"],
  teamsPresence: "private_channel",
  status: "proposed",
  proposedAt: "2026-03-02T01:30:00.000Z",
  proposer: { id: "p-marcus", displayName: "Marcus Bell", jobTitle: "Statistician", agency: { name: "Australian Bureau of Statistics", shortName: "ABS" } },
  ...over,
});
const proposed = proposalFor();

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
      "GET /api/v1/proposals": { items: [proposed], total: 1 },
      "POST /api/v1/communities/c-new/decision": detailFor({ id: "c-new", status: "rejected" }),
    });
    const list = await screen.findByRole("list", { name: "Proposed communities" });
    expect(within(list).getByRole("article", { name: "Regional Evaluators" })).toBeTruthy();
    expect(stub.calls[0]?.path).toBe("/api/v1/proposals");
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
      "GET /api/v1/proposals": { items: [proposed], total: 1 },
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

  const second = proposalFor({
    id: "c-two",
    name: "Data Stewards",
    scope: "agency_only",
    agencies: [
      { id: "a-fin", name: "Department of Finance", shortName: "Finance" },
      { id: "a-dta", name: "Digital Transformation Agency", shortName: "DTA" },
    ],
    visibility: "open",
    teamsPresence: "team",
    tags: [],
    proposer: { id: "p-tom", displayName: "Tom Nguyen", jobTitle: null, agency: { name: "Department of Finance", shortName: "Finance" } },
  });
  const french = () =>
    renderPage(
      {
        "GET /api/v1/proposals": { items: [proposed, second], total: 2 },
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
  it("shows who proposed, when, the purpose and settings, and the terms and code of practice behind buttons that expand them", async () => {
    renderPage({ "GET /api/v1/proposals": { items: [proposed], total: 1 } });
    const list = await screen.findByRole("list", { name: "Proposed communities" });
    const article = within(list).getByRole("article", { name: "Regional Evaluators" });
    expect(within(article).getByRole("heading", { level: 2, name: "Regional Evaluators" })).toBeTruthy();
    const facts = article.querySelector("dl")!;
    const terms = within(facts).getAllByRole("term").map((t) => t.textContent);
    expect(terms).toEqual(["Proposed by", "Proposed on", "Purpose", "Classification", "Visibility", "Who can join", "In Microsoft Teams", "Tags"]);
    const value = (term: string) => within(facts).getAllByRole("definition")[terms.indexOf(term)]!.textContent;
    expect(value("Proposed by")).toBe("Marcus Bell, Statistician (ABS)");
    expect(value("Proposed on")).toMatch(/2 Mar 2026/);
    expect(within(facts).getByText("2 Mar 2026", { exact: false }).closest("time")?.getAttribute("dateTime")).toBe(proposed.proposedAt);
    expect(value("Purpose")).toBe("Evaluators outside the capitals sharing methods.");
    expect(value("Visibility")).toBe("Closed: People ask to join; the community's moderators approve or decline.");
    expect(value("Who can join")).toBe("Cross-agency: Open to public servants from any agency.");
    expect(value("In Microsoft Teams")).toBe("A private channel in the host team");
    expect(value("Tags")).toBe("evaluation, regions");
    // Long texts are collapsed at first, each a heading with a button that says whether it is expanded.
    const termsButton = within(article).getByRole("button", { name: "Terms of reference" });
    const codeButton = within(article).getByRole("button", { name: "Code of practice" });
    expect(termsButton.closest("h3")).toBeTruthy();
    expect(termsButton.getAttribute("aria-expanded")).toBe("false");
    expect(within(article).queryByText(/We meet monthly/)).toBeNull();
    fireEvent.click(termsButton);
    fireEvent.click(codeButton);
    await waitFor(() => expect(termsButton.getAttribute("aria-expanded")).toBe("true"));
    expect(codeButton.getAttribute("aria-expanded")).toBe("true");
    // As written: line breaks kept, never parsed.
    expect(within(article).getByText((_, el) => el?.tagName === "P" && el.textContent === "We meet monthly.\nMinutes are shared with members.")).toBeTruthy();
    expect(within(article).getByText((_, el) => el?.tagName === "P" && el.textContent === "Be kind.\nShare what you can.")).toBeTruthy();
    fireEvent.click(termsButton);
    await waitFor(() => expect(termsButton.getAttribute("aria-expanded")).toBe("false"));
  });

  it("names the admitted agencies of an agency-only proposal, a proposer without a registered agency, and no tags", async () => {
    renderPage({ "GET /api/v1/proposals": { items: [second, proposalFor({ id: "c-3", name: "Loners", proposer: { id: "p-x", displayName: "Sam Lee", jobTitle: null, agency: null } })], total: 2 } });
    const list = await screen.findByRole("list", { name: "Proposed communities" });
    const stewards = within(list).getByRole("article", { name: "Data Stewards" }).querySelector("dl")!;
    expect(stewards.textContent).toContain("Agency-only: Department of Finance and Digital Transformation Agency");
    expect(stewards.textContent).toContain("Tom Nguyen (Finance)");
    expect(stewards.textContent).toContain("TagsNone");
    expect(within(list).getByRole("article", { name: "Loners" }).textContent).toContain("Sam Lee (no registered agency)");
  });

  it("approves with a note to the proposer, and counts proposals beyond those listed", async () => {
    const next = proposalFor({ id: "c-next", name: "Next In Line" });
    const stub = renderPage({
      "GET /api/v1/proposals": () => (stub.calls.some((c) => c.method === "POST") ? { items: [next], total: 2 } : { items: [proposed], total: 3 }),
      "GET /api/v1/communities/c-new": detailFor({ id: "c-new", name: "Regional Evaluators", status: "proposed" }),
      "POST /api/v1/communities/c-new/decision": detailFor({ id: "c-new", name: "Regional Evaluators", status: "approved" }),
    });
    const list = await screen.findByRole("list", { name: "Proposed communities" });
    expect(screen.getByText("3 proposals are waiting.")).toBeTruthy();
    expect(screen.getByText("The oldest proposal is shown here; decide them to see the rest.")).toBeTruthy();
    fireEvent.click(within(list).getByRole("button", { name: "Approve Regional Evaluators" }));
    const dialog = await screen.findByRole("dialog");
    const note = within(dialog).getByRole("textbox", { name: /Note to the proposer/ });
    expect(within(dialog).getByText(/The proposer is told it with the approval/)).toBeTruthy();
    fireEvent.change(note, { target: { value: "  Please add a second owner.  " } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Approve community" }));
    expect(await screen.findByText("Regional Evaluators is approved.")).toBeTruthy();
    expect(stub.calls.find((c) => c.method === "POST")?.body).toEqual({ decision: "approve", reason: "Please add a second owner." });
    // The listed one decided, the next oldest are fetched.
    expect(await screen.findByRole("article", { name: "Next In Line" })).toBeTruthy();
    expect(screen.getByText("2 proposals are waiting.")).toBeTruthy();
    expect(stub.calls.filter((c) => c.method === "GET" && c.path === "/api/v1/proposals")).toHaveLength(2);
  });

  it("shows a proposal's details in Canadian French", async () => {
    french();
    const list = await screen.findByRole("list", { name: "Communautés proposées" });
    const article = within(list).getByRole("article", { name: "Data Stewards" });
    const facts = article.querySelector("dl")!;
    const terms = within(facts).getAllByRole("term").map((t) => t.textContent);
    expect(terms).toEqual(["Proposée par", "Date de la proposition", "Objet", "Classification de sécurité", "Visibilité", "Qui peut se joindre", "Dans Microsoft Teams", "Mots-clés"]);
    const value = (term: string) => within(facts).getAllByRole("definition")[terms.indexOf(term)]!.textContent;
    expect(value("Proposée par")).toBe("Tom Nguyen (Finance)");
    expect(value("Date de la proposition")).toMatch(/2 mars 2026/);
    expect(value("Mots-clés")).toBe("Aucun");
    expect(value("Qui peut se joindre")).toMatch(/^.+\u00a0: Department of Finance et Digital Transformation Agency$/);
    expect(within(article).getByRole("button", { name: "Mandat" }).getAttribute("aria-expanded")).toBe("false");
    expect(within(article).getByRole("button", { name: "Code de pratique" })).toBeTruthy();
  });
});
