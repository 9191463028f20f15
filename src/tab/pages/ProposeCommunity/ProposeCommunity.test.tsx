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
    expect(screen.getByText(/19 of 100 characters/)).toBeTruthy();
    expect(screen.getByText("In Teams:", { exact: false }).textContent).toBe("In Teams: Regional Evaluators");
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

  it("one submit shows every problem at once: the form's own checks and the server's, each beside its field and in the summary", async () => {
    const stub = renderForm(() =>
      apiError(400, "request.invalid", "The proposal is not complete.", {
        issues: [
          { path: "name", message: "Teams needs at least one letter or digit in the name.", messageKey: "validation.community.nameNothingForTeams" },
          { path: "purpose", message: "Say in a sentence or two what the community is for.", messageKey: "validation.community.purposeRequired" },
          { path: "visibility", message: "Choose who can see and join the community.", messageKey: "validation.community.chooseVisibility" },
          { path: "classification", message: "Choose the highest classification members may share.", messageKey: "validation.community.chooseClassification" },
          { path: "tags.1", message: "The tag \u201Cevaluation-and-xxxxxxxxx…\u201D is 15 characters too long: use at most 40 characters.", messageKey: "validation.text.itemTooLong", values: { field: "tag", value: "evaluation-and-xxxxxxxxx…", over: 15, max: 40 } },
          { path: "tags.2", message: "The tag \u201Canother-very-long-tag-xx…\u201D is 2 characters too long: use at most 40 characters.", messageKey: "validation.text.itemTooLong", values: { field: "tag", value: "another-very-long-tag-xx…", over: 2, max: 40 } },
        ],
      }),
    );
    type(/^Name/, "???");
    type(/^Purpose/, "Short");
    type(/^Tags/, `data, evaluation-and-${"x".repeat(40)}, another-very-long-tag-${"x".repeat(20)}`);
    fireEvent.click(screen.getByRole("button", { name: "Send proposal" }));
    const summary = await findSummary();
    // One request: the server was asked although the form had found problems of its own.
    expect(stub.calls.filter((c) => c.method === "POST")).toHaveLength(1);
    const links = within(summary).getAllByRole("link").map((a) => a.textContent);
    expect(links).toEqual([
      "Name: Teams needs at least one letter or digit in the name; the name has only characters Teams does not allow (such as ? # % or *).",
      "Purpose: Say in a sentence or two what the community is for.",
      "Who can see and join: Choose who can see and join the community.",
      "Classification: Choose the highest classification members may share.",
      "Tags: The tag \u201Cevaluation-and-xxxxxxxxx…\u201D is 15 characters too long: use at most 40 characters. The tag \u201Canother-very-long-tag-xx…\u201D is 2 characters too long: use at most 40 characters.",
    ]);
    for (const name of [/^Name/, /^Purpose/, /^Tags/]) expect(screen.getByRole("textbox", { name }).getAttribute("aria-invalid")).toBe("true");
    // Each link takes the person to its field.
    fireEvent.click(within(summary).getByRole("link", { name: /^Tags:/ }));
    expect(document.activeElement).toBe(screen.getByRole("textbox", { name: /^Tags/ }));
  });

  it("asks for the choices even when the server cannot be reached, and names agencies for an agency-only community", async () => {
    let call = 0;
    const stub = renderForm(() => (++call === 1 ? apiError(503, "unavailable", "Guildhall is not available right now.") : json(201, detailFor({ id: "new-id" }))));
    fireEvent.click(screen.getByRole("button", { name: "Send proposal" }));
    const summary = await findSummary();
    expect(summary.textContent).toContain("Choose who can see and join the community.");
    expect(summary.textContent).toContain("Choose the highest classification");
    expect(stub.calls.find((c) => c.method === "POST")?.body).not.toHaveProperty("visibility");

    fillIn();
    fireEvent.click(screen.getByRole("radio", { name: /^Agency-only/ }));
    const agencies = await screen.findByRole("group", { name: "Agencies" });
    await waitFor(() => expect(within(agencies).getAllByRole("checkbox")).toHaveLength(3));
    expect((within(agencies).getByRole("checkbox", { name: /Australian Bureau of Statistics/ }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(agencies).getByRole("checkbox", { name: /Digital Transformation Agency/ }));
    fireEvent.click(screen.getByRole("button", { name: "Send proposal" }));
    await screen.findByText("community page");
    expect(stub.calls.filter((c) => c.method === "POST").at(-1)?.body).toMatchObject({ scope: "agency_only", agencyIds: [AGENCIES[0]?.id, AGENCIES[2]?.id] });
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
    type(/^Name/, "x".repeat(103));
    expect(screen.getByText(/103 of 100 characters/)).toBeTruthy();
    expect(screen.getByText("The name is 3 characters too long.")).toBeTruthy();
  });

  it("shows the Teams name live as the person types, with the deployment's prefix and suffix", async () => {
    const config = { authMode: "dev", clientId: "client", cloud: "Public", classifications: { max: "PROTECTED", allowed: ["OFFICIAL", "OFFICIAL_SENSITIVE", "PROTECTED"], ceilingReason: "" }, locales: ["en-AU"], naming: { prefix: "CoP - ", suffix: "" } };
    renderForm(() => json(201, detailFor({ id: "new-id" })), { "GET /api/v1/client-config": config });
    await waitFor(() => expect(screen.queryByText(/accredited/)).toBeNull());
    const inTeams = () => screen.getByText("In Teams:", { exact: false }).textContent;
    type(/^Name/, "Data & Analytics");
    await waitFor(() => expect(inTeams()).toBe("In Teams: CoP - Data and Analytics"));
    expect(screen.getByText(/Teams does not allow some characters .* so the name is adjusted/)).toBeTruthy();
    type(/^Name/, "Women's Network");
    expect(inTeams()).toBe("In Teams: CoP - Women\u2019s Network");
    type(/^Name/, "Regional Evaluators");
    expect(inTeams()).toBe("In Teams: CoP - Regional Evaluators");
    expect(screen.getByText("Your organisation's naming prefix and suffix are added.")).toBeTruthy();
    // A team keeps the name as typed (a team name allows these characters, up to 256).
    type(/^Name/, "Data & Analytics");
    fireEvent.change(screen.getByRole("combobox", { name: /^Place in Microsoft Teams/ }), { target: { value: "team" } });
    expect(inTeams()).toBe("In Teams: CoP - Data & Analytics");
    type(/^Name/, "???");
    fireEvent.change(screen.getByRole("combobox", { name: /^Place in Microsoft Teams/ }), { target: { value: "" } });
    expect(screen.getByText("In Teams: no name yet. Teams needs at least one letter or digit.")).toBeTruthy();
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
    // The server was asked at the same time: its problems come in the same round.
    expect(stub.calls.filter((c) => c.method === "POST")).toHaveLength(1);

    // Too long by one, then by three: a plural.
    fireEvent.change(screen.getByRole("textbox", { name: /^Nom/ }), { target: { value: "x".repeat(101) } });
    expect(screen.getByText("Le nom compte 1 caractère de trop.")).toBeTruthy();
    expect(screen.getByText(/101 sur 100 caractères/)).toBeTruthy();
    fireEvent.change(screen.getByRole("textbox", { name: /^Nom/ }), { target: { value: "x".repeat(103) } });
    expect(screen.getByText("Le nom compte 3 caractères de trop.")).toBeTruthy();

    // The Teams name, live, in French words.
    fireEvent.change(screen.getByRole("textbox", { name: /^Nom/ }), { target: { value: "Évaluation\u00a0: méthodes" } });
    expect(screen.getByText("Dans Teams", { exact: false }).textContent).toBe("Dans Teams\u00a0: Évaluation - méthodes");
    expect(screen.getByText(/^Teams n’accepte pas certains caractères/)).toBeTruthy();

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
