// @vitest-environment jsdom
import "../../testing/resizeObserver.js";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { ReactElement } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { LiveAnnouncer } from "../../components/LiveAnnouncer/LiveAnnouncer.js";
import { apiError, json, stubApi, type StubRoute } from "../../testing/apiStub.js";
import { AGENCIES, detailFor, meFor } from "../../testing/fixtures.js";
import { renderIn } from "../../testing/intl.js";
import { ProposeCommunity } from "./ProposeCommunity.js";

afterEach(cleanup);

function renderForm(propose: StubRoute, more: Record<string, StubRoute> = {}, locale?: "fr-CA") {
  const stub = stubApi({ "GET /api/v1/agencies": { items: AGENCIES }, "POST /api/v1/communities": propose, ...more });
  (locale ? (ui: ReactElement) => renderIn(locale, ui) : render)(
    <MemoryRouter initialEntries={["/communities/new"]}>
      <LiveAnnouncer>
        <Routes>
          <Route path="/communities/new" element={<ProposeCommunity me={meFor()} api={stub.api} />} />
          <Route path="/communities/:id" element={<p>community page</p>} />
        </Routes>
      </LiveAnnouncer>
    </MemoryRouter>,
  );
  return stub;
}

/** The error summary (Fluent also gives each field's message role="alert"). */
async function findSummary(): Promise<HTMLElement> {
  const title = await screen.findByText("The proposal needs changes");
  const alert = title.closest<HTMLElement>("[role=alert]");
  if (!alert) throw new Error("the summary is not an alert");
  return alert;
}

const type = (name: RegExp, value: string) => fireEvent.change(screen.getByRole("textbox", { name }), { target: { value } });

function fillIn() {
  type(/^Name/, "Regional Evaluators");
  type(/^Purpose/, "Evaluators outside the capitals sharing methods.");
  type(/^Terms of reference/, "Monthly calls.\nShared library.");
  type(/^Code of practice/, "Be kind.");
  fireEvent.click(screen.getByRole("radio", { name: /^Closed/ }));
  fireEvent.click(screen.getByRole("radio", { name: /^OFFICIAL: Routine/ }));
  type(/^Tags/, "evaluation, data, evaluation");
}

describe("ProposeCommunity", () => {
  it("sends the proposal and opens the new community's page", async () => {
    const stub = renderForm(() => json(201, detailFor({ id: "new-id", status: "proposed" })));
    expect(screen.getByRole("heading", { level: 1, name: "Propose a community" })).toBeTruthy();
    fillIn();
    expect(screen.getByText(/19 of 50 characters/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Send proposal" }));
    await screen.findByText("community page");
    expect(stub.calls.find((c) => c.method === "POST")?.body).toEqual({
      name: "Regional Evaluators",
      purpose: "Evaluators outside the capitals sharing methods.",
      termsOfReference: "Monthly calls.\nShared library.",
      codeOfPractice: "Be kind.",
      visibility: "closed",
      scope: "cross_agency",
      classification: "OFFICIAL",
      tags: ["evaluation", "data"],
    });
  });

  it("puts the server's complaints on their fields and keeps what was typed", async () => {
    renderForm(() =>
      apiError(400, "request.invalid", "The proposal is not complete.", {
        issues: [
          { path: "purpose", message: "Say in a sentence or two what the community is for" },
          { path: "tags.1", message: "Too big: expected string to have <=40 characters" },
        ],
      }),
    );
    fillIn();
    fireEvent.click(screen.getByRole("button", { name: "Send proposal" }));
    const summary = await findSummary();
    expect(within(summary).getByRole("link", { name: /Purpose: Say in a sentence/ })).toBeTruthy();
    expect(within(summary).getByRole("link", { name: /Tags: Too big/ })).toBeTruthy();
    const purpose = screen.getByRole("textbox", { name: /^Purpose/ });
    expect(purpose.getAttribute("aria-invalid")).toBe("true");
    expect((purpose as HTMLTextAreaElement).value).toBe("Evaluators outside the capitals sharing methods.");
    expect((screen.getByRole("textbox", { name: /^Name/ }) as HTMLInputElement).value).toBe("Regional Evaluators");
  });

  it("shows a naming-policy refusal and a presence mismatch on their fields", async () => {
    let call = 0;
    renderForm(() =>
      ++call === 1
        ? apiError(409, "community.name_taken", 'A community called "Regional Evaluators" already exists or is awaiting approval.')
        : apiError(400, "community.presence_mismatch", "A closed or hidden community needs a private channel or its own team."),
    );
    fillIn();
    fireEvent.click(screen.getByRole("button", { name: "Send proposal" }));
    expect(await screen.findByRole("link", { name: /Name: A community called/ })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Send proposal" }));
    expect(await screen.findByRole("link", { name: /Place in Microsoft Teams: A closed or hidden/ })).toBeTruthy();
  });

  it("asks for the choices before sending, and names agencies for an agency-only community", async () => {
    const stub = renderForm(() => json(201, detailFor({ id: "new-id" })));
    fireEvent.click(screen.getByRole("button", { name: "Send proposal" }));
    const summary = await findSummary();
    expect(summary.textContent).toContain("Choose who can see and join the community.");
    expect(summary.textContent).toContain("Choose the highest classification");
    expect(stub.calls.some((c) => c.method === "POST")).toBe(false);

    fillIn();
    fireEvent.click(screen.getByRole("radio", { name: /^Agency-only/ }));
    const agencies = await screen.findByRole("group", { name: "Agencies" });
    await waitFor(() => expect(within(agencies).getAllByRole("checkbox")).toHaveLength(3));
    expect((within(agencies).getByRole("checkbox", { name: /Australian Bureau of Statistics/ }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(agencies).getByRole("checkbox", { name: /Digital Transformation Agency/ }));
    fireEvent.click(screen.getByRole("button", { name: "Send proposal" }));
    await screen.findByText("community page");
    expect(stub.calls.find((c) => c.method === "POST")?.body).toMatchObject({ scope: "agency_only", agencyIds: [AGENCIES[0]?.id, AGENCIES[2]?.id] });
  });

  it("offers only the classifications the deployment may hold, and shows a ceiling refusal on the classification field", async () => {
    const reason = "This Guildhall is accredited to hold information up to OFFICIAL: Sensitive. Choose OFFICIAL: Sensitive or lower.";
    const ceiling = { max: "OFFICIAL_SENSITIVE", allowed: ["OFFICIAL", "OFFICIAL_SENSITIVE"], ceilingReason: reason };
    renderForm(() => apiError(400, "community.classification_above_ceiling", reason, { issues: [{ path: "classification", message: reason }] }), {
      "GET /api/v1/client-config": { authMode: "dev", clientId: "client", cloud: "Public", classifications: ceiling },
    });
    await waitFor(() => expect((screen.getByRole("radio", { name: /^PROTECTED/ }) as HTMLInputElement).disabled).toBe(true));
    expect((screen.getByRole("radio", { name: /^OFFICIAL: Sensitive/ }) as HTMLInputElement).disabled).toBe(false);
    expect(screen.getAllByText(/accredited to hold information up to OFFICIAL: Sensitive/).length).toBeGreaterThan(0);
    fillIn();
    fireEvent.click(screen.getByRole("button", { name: "Send proposal" }));
    const summary = await findSummary();
    expect(within(summary).getByRole("link", { name: /Classification: This Guildhall is accredited/ })).toBeTruthy();
  });

  it("counts the name's characters and says when it is too long", () => {
    renderForm(() => json(201, {}));
    type(/^Name/, "x".repeat(53));
    expect(screen.getByText(/53 of 50 characters/)).toBeTruthy();
    expect(screen.getByText("The name is 3 characters too long for Teams.")).toBeTruthy();
  });

  it("speaks Canadian French: labels, the form's own checks, the length of the name and the server's field problems", async () => {
    const reason = "This Guildhall is accredited to hold information up to OFFICIAL: Sensitive.";
    const ceiling = { max: "OFFICIAL_SENSITIVE", allowed: ["OFFICIAL", "OFFICIAL_SENSITIVE"], ceilingReason: reason };
    const stub = renderForm(
      () =>
        apiError(400, "community.classification_above_ceiling", reason, {
          issues: [{ path: "classification", message: reason, messageKey: "classification.ceiling.reason", values: { max: "OFFICIAL_SENSITIVE" } }],
        }),
      { "GET /api/v1/client-config": { authMode: "dev", clientId: "client", cloud: "Public", classifications: ceiling } },
      "fr-CA",
    );
    expect(screen.getByRole("heading", { level: 1, name: "Proposer une communauté" })).toBeTruthy();
    expect(screen.getByRole("textbox", { name: /^Mandat/ })).toBeTruthy();
    expect(screen.getByRole("radio", { name: /^Fermée\u00a0: / })).toBeTruthy();
    await waitFor(() => expect(screen.getByRole<HTMLInputElement>("radio", { name: /^PROTÉGÉ — .*Non offerte dans ce Guildhall\.$/ }).disabled).toBe(true));
    expect(screen.getAllByText(/accrédité pour conserver des renseignements jusqu’au niveau OFFICIEL\s: Sensible/).length).toBeGreaterThan(0);

    // The tab's own checks, in French.
    fireEvent.click(screen.getByRole("button", { name: "Envoyer la proposition" }));
    const summary = (await screen.findByText("La proposition doit être modifiée")).closest<HTMLElement>("[role=alert]");
    expect(summary?.textContent).toContain("Choisissez qui peut voir la communauté et s’y joindre.");
    expect(summary?.textContent).toContain("Choisissez la classification de sécurité la plus élevée");
    expect(stub.calls.some((c) => c.method === "POST")).toBe(false);

    // Too long by one, then by three: a plural.
    fireEvent.change(screen.getByRole("textbox", { name: /^Nom/ }), { target: { value: "x".repeat(51) } });
    expect(screen.getByText("Le nom a 1 caractère de trop pour Teams.")).toBeTruthy();
    expect(screen.getByText(/51 sur 50 caractères/)).toBeTruthy();
    fireEvent.change(screen.getByRole("textbox", { name: /^Nom/ }), { target: { value: "x".repeat(53) } });
    expect(screen.getByText("Le nom a 3 caractères de trop pour Teams.")).toBeTruthy();

    // A field problem from the server, in French beside its field.
    fireEvent.change(screen.getByRole("textbox", { name: /^Nom/ }), { target: { value: "Évaluateurs régionaux" } });
    fireEvent.click(screen.getByRole("radio", { name: /^Ouverte/ }));
    fireEvent.click(screen.getByRole("radio", { name: /^OFFICIEL — / }));
    fireEvent.click(screen.getByRole("button", { name: "Envoyer la proposition" }));
    await waitFor(() => expect(stub.calls.some((c) => c.method === "POST")).toBe(true));
    const link = await screen.findByRole("link", { name: /accrédité pour conserver/ });
    expect(link.getAttribute("href")).toBe("#proposal-classification");
    expect(link.textContent).toContain("Classification de sécurité");
  });
});
