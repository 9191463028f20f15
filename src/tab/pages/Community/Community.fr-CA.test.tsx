// @vitest-environment jsdom
import "../../testing/resizeObserver.js";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import type { CommunityDetail } from "../../api/communityTypes.js";
import { CommunityActions, joinBlockedText } from "../../components/CommunityActions/CommunityActions.js";
import { LiveAnnouncer } from "../../components/LiveAnnouncer/LiveAnnouncer.js";
import { PeopleSearch } from "../../components/PeopleSearch/PeopleSearch.js";
import { TeamsPresence } from "../../components/TeamsPresence/TeamsPresence.js";
import { apiError, stubApi, type StubRoute } from "../../testing/apiStub.js";
import { detailFor, meFor } from "../../testing/fixtures.js";
import { intlFor, renderIn } from "../../testing/intl.js";
import { Community } from "./Community.js";

afterEach(cleanup);

const ID = "c0a1b2c3-0000-4000-8000-000000000002";
const BASE = `/api/v1/communities/${ID}`;
const NBSP = "\u00a0";
const noop = async () => () => undefined;

function renderPage(routes: Record<string, StubRoute>) {
  const stub = stubApi(routes);
  renderIn(
    "fr-CA",
    <MemoryRouter initialEntries={[`/communities/${ID}`]}>
      <LiveAnnouncer>
        <Routes>
          <Route path="/communities/:id" element={<Community me={meFor()} api={stub.api} />} />
        </Routes>
      </LiveAnnouncer>
    </MemoryRouter>,
  );
  return stub;
}

const marcus = { id: "p-marcus", displayName: "Marcus Bell", jobTitle: "Data Analyst", agency: "ABS", role: "owner" as const };
const tom = { id: "p-tom", displayName: "Tom Nguyen", jobTitle: null, agency: "Finance", role: "member" as const };

describe("Community page in fr-CA", () => {
  it("speaks French: headings, facts, a singular member count and the ask-to-join dialog with the server's refusal", async () => {
    renderPage({
      [`GET ${BASE}`]: detailFor({ memberCount: 1 }, { "community.request": true }),
      [`POST ${BASE}/requests`]: apiError(403, "community.agency_only", "This community is open only to staff of particular agencies, and yours is not one of them.", {
        messageKey: "policy.denial.agencyOnly",
      }),
    });
    await screen.findByRole("heading", { level: 1, name: "Regional Data Practitioners" });
    const about = screen.getByRole("region", { name: "À propos" });
    expect(within(about).getByText("1 membre")).toBeTruthy();
    // A non-breaking space before the colon (testing-library's text matching would fold it into a space).
    expect(about.textContent).toContain(`Fermée${NBSP}: Les personnes demandent à se joindre; l’équipe de modération de la communauté accepte ou refuse.`);
    expect(within(about).getByText("Non membre")).toBeTruthy();
    expect(within(about).getByRole("heading", { level: 3, name: "Mandat" })).toBeTruthy();
    expect(within(about).getByRole("heading", { level: 3, name: "Code de pratique (version 2)" })).toBeTruthy();
    const teams = screen.getByRole("region", { name: "Microsoft Teams" });
    expect(teams.textContent).toContain(`Présence${NBSP}: Un canal privé dans l’équipe hôte`);

    fireEvent.click(within(screen.getByRole("group", { name: "Actions sur la communauté" })).getByRole("button", { name: "Demander à se joindre" }));
    const dialog = await screen.findByRole("dialog", { name: "Demander à se joindre à Regional Data Practitioners" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Envoyer la demande" }));
    expect(await within(dialog).findByText("Cochez la case pour accepter le code de pratique.")).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("checkbox", { name: "J’accepte le code de pratique" }));
    fireEvent.click(within(dialog).getByRole("button", { name: "Envoyer la demande" }));
    expect((await within(dialog).findByRole("alert")).textContent).toBe("Cette communauté est réservée au personnel de certains organismes, et le vôtre n’en fait pas partie.");
  });

  it("counts members in the plural, dates requests the French way and says the outcome in French", async () => {
    const request = { id: "r1", message: "", createdAt: "2030-03-15T12:00:00.000Z", person: { id: "p-tom", displayName: "Tom Nguyen", agency: "Finance" } };
    const abilities = { "community.decideRequests": true, "community.manageMembers": true, "community.leave": true };
    renderPage({
      [`GET ${BASE}`]: detailFor({ myRole: "owner", memberCount: 2, members: [marcus], joinRequests: [request] }, abilities),
      [`POST ${BASE}/requests/r1/decision`]: detailFor({ myRole: "owner", memberCount: 2, members: [marcus, tom] }, abilities),
    });
    const requests = await screen.findByRole("region", { name: "Demandes d’adhésion" });
    expect(within(screen.getByRole("region", { name: "À propos" })).getByText("2 membres")).toBeTruthy();
    expect(screen.getByText("Vous êtes propriétaire")).toBeTruthy();
    // Midday UTC: the 15th wherever the test runs.
    expect(within(requests).getByText(/^Finance · demande faite le 15 mars 2030/)).toBeTruthy();
    expect(within(requests).getByText("Aucun message.")).toBeTruthy();
    fireEvent.click(within(requests).getByRole("button", { name: "Approuver Tom Nguyen" }));
    expect(await screen.findByText("Tom Nguyen est maintenant membre.")).toBeTruthy();
    expect(screen.getByRole("heading", { level: 2, name: "Membres (2)" })).toBeTruthy();
    expect(within(screen.getByRole("list", { name: "Membres" })).getByRole("link", { name: "Tom Nguyen" })).toBeTruthy();
    expect(within(screen.getByRole("region", { name: "Demandes d’adhésion" })).getByText("Personne n’attend de se joindre à la communauté.")).toBeTruthy();
  });
});

describe("the community's parts in fr-CA", () => {
  it("says why someone of another agency cannot join with the policy's French sentence, and the server's sentence for a denial it does not know", () => {
    const reason = "This community is open only to staff of particular agencies, and yours is not one of them.";
    renderIn(
      "fr-CA",
      <CommunityActions
        community={detailFor({ scope: "agency_only", joinBlockedReason: reason, joinBlockedDenial: "agency_only" })}
        onJoin={noop}
        onRequest={noop}
        onLeave={noop}
        onArchive={noop}
        onDecide={noop}
      />,
    );
    expect(screen.getByText("Cette communauté est réservée au personnel de certains organismes, et le vôtre n’en fait pas partie.").tagName).toBe("P");
    expect(joinBlockedText(intlFor("fr-CA"), { joinBlockedReason: "A newer reason.", joinBlockedDenial: "newer_reason" })).toBe("A newer reason.");
    expect(joinBlockedText(intlFor("fr-CA"), { joinBlockedReason: reason })).toBe(reason);
    expect(joinBlockedText(intlFor("en-AU"), { joinBlockedReason: reason, joinBlockedDenial: "agency_only" })).toBe(reason);
  });

  it("asks before leaving a hidden community, in French", async () => {
    renderIn(
      "fr-CA",
      <CommunityActions
        community={detailFor({ myRole: "member", visibility: "hidden" } satisfies Partial<CommunityDetail>, { "community.leave": true })}
        onJoin={noop}
        onRequest={noop}
        onLeave={noop}
        onArchive={noop}
        onDecide={noop}
      />,
    );
    fireEvent.click(screen.getByRole("button", { name: "Quitter" }));
    const dialog = await screen.findByRole("dialog", { name: "Quitter Regional Data Practitioners?" });
    expect(dialog.textContent).toContain(`Cette communauté est masquée${NBSP}: il vous faudra une nouvelle invitation pour y revenir.`);
    expect(within(dialog).getByRole("button", { name: "Quitter la communauté" })).toBeTruthy();
  });

  it("announces how many people a search found, in French plurals", async () => {
    const aisha = { id: "p-aisha", displayName: "Aisha Karimi", jobTitle: "Lead Service Designer", interests: ["user research", "accessibility"], agency: "DTA" };
    let found = [aisha];
    renderIn(
      "fr-CA",
      <MemoryRouter>
        <LiveAnnouncer>
          <PeopleSearch label="Trouver" search={async () => found} />
        </LiveAnnouncer>
      </MemoryRouter>,
    );
    fireEvent.change(screen.getByRole("searchbox", { name: /Trouver/ }), { target: { value: "a" } });
    fireEvent.click(screen.getByRole("button", { name: "Rechercher" }));
    const list = await screen.findByRole("list", { name: "Personnes trouvées" });
    expect(list.textContent).toContain(`Centres d’intérêt${NBSP}: user research et accessibility`);
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("1 personne trouvée"));
    found = [aisha, { ...aisha, id: "p-other", displayName: "Other Person" }];
    fireEvent.click(screen.getByRole("button", { name: "Rechercher" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("2 personnes trouvées"));
  });

  it("tells the Teams side of an archived community in French, with a French date", () => {
    renderIn(
      "fr-CA",
      <TeamsPresence
        community={{
          status: "archived",
          teamsPresence: "team",
          teams: {
            state: "linked",
            webUrl: "https://teams.microsoft.com/l/team/x",
            lastError: null,
            archiveState: "archiving",
            archiveUpdatedAt: "2026-12-01T12:00:00.000Z",
            archiveAttempts: 2,
            notAdded: [{ displayName: "Gus Ghost", reason: "", retryAt: "2026-12-02T12:00:00.000Z" }],
          },
          provisioning: [{ step: "create_team", status: "done", detail: null }],
        }}
        canRetry={false}
        onRetry={async () => undefined}
      />,
    );
    const region = screen.getByRole("region", { name: "Microsoft Teams" });
    expect(region.textContent).toContain(`État${NBSP}: Liée à Microsoft Teams`);
    expect(region.textContent).toMatch(new RegExp(`Archivage dans Teams${NBSP}: Microsoft Teams est en train de l’archiver \\(depuis le 1 déc\\. 2026, .+; Guildhall a fait la demande à Teams 2 fois\\)`));
    expect(within(region).getByRole("link", { name: "Ouvrir dans Microsoft Teams" })).toBeTruthy();
    expect(within(within(region).getByRole("list", { name: "Étapes de configuration" })).getByText("Terminé")).toBeTruthy();
    expect(within(screen.getByRole("region", { name: "Membres que Teams n’a pas voulu ajouter" })).getByText(/^Teams n’a donné aucun motif\. Guildhall réessaiera après le 2 déc\. 2026/)).toBeTruthy();
  });
});
