// @vitest-environment jsdom
import "../../testing/resizeObserver.js";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { ReactElement } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryRouter } from "react-router-dom";
import { LiveAnnouncer } from "../../components/LiveAnnouncer/LiveAnnouncer.js";
import { apiError, stubApi } from "../../testing/apiStub.js";
import { renderIn } from "../../testing/intl.js";
import { AGENCIES, meFor, summaryFor } from "../../testing/fixtures.js";
import { Directory } from "./Directory.js";

afterEach(cleanup);

const regional = summaryFor({ myRole: "owner" });
const design = summaryFor({ id: "c1", name: "Service Design CoP", visibility: "open", classification: "OFFICIAL_SENSITIVE", classificationLabel: "OFFICIAL: Sensitive", memberCount: 1 });

function renderDirectory(routes: Parameters<typeof stubApi>[0], path = "/communities", locale?: "fr-CA") {
  const stub = stubApi({ "GET /api/v1/agencies": { items: AGENCIES }, ...routes });
  (locale ? (ui: ReactElement) => renderIn(locale, ui) : render)(
    <MemoryRouter initialEntries={[path]}>
      <LiveAnnouncer>
        <Directory me={meFor()} api={stub.api} />
      </LiveAnnouncer>
    </MemoryRouter>,
  );
  return stub;
}

describe("Directory", () => {
  it("lists what the server found, announces the count and offers to propose", async () => {
    renderDirectory({ "GET /api/v1/communities": { items: [regional, design], total: 2 } });
    const list = await screen.findByRole("list", { name: "Communities found" });
    expect(within(list).getAllByRole("article").map((a) => a.getAttribute("aria-labelledby"))).toHaveLength(2);
    const card = within(list).getByRole("article", { name: "Service Design CoP" });
    expect(card.textContent).toContain("Classification: OFFICIAL: Sensitive");
    expect(card.textContent).toContain("Open");
    expect(within(list).getByRole("article", { name: "Regional Data Practitioners" }).textContent).toContain("Owner");
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("2 communities found"));
    expect(screen.getByRole("link", { name: "Propose a community" }).getAttribute("href")).toBe("/communities/new");
  });

  it("sends the filters to the server", async () => {
    const stub = renderDirectory({
      "GET /api/v1/communities": (req) => (req.query.get("mine") === "true" ? { items: [regional], total: 1 } : { items: [regional, design], total: 2 }),
    });
    await screen.findByRole("list", { name: "Communities found" });
    fireEvent.change(screen.getByRole("searchbox", { name: /Search/ }), { target: { value: "data" } });
    fireEvent.click(screen.getByRole("button", { name: "Search" }));
    await waitFor(() => expect(stub.calls.some((c) => c.query.get("q") === "data")).toBe(true));
    fireEvent.click(screen.getByRole("checkbox", { name: "My communities only" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("1 community found"));
    const last = stub.calls.filter((c) => c.path === "/api/v1/communities").at(-1);
    expect(Object.fromEntries(last?.query ?? [])).toEqual({ q: "data", mine: "true", limit: "24" });
  });

  it("says when nothing matches and shows a failure with a retry", async () => {
    let fail = true;
    renderDirectory({
      "GET /api/v1/communities": () => (fail ? apiError(500, "internal", "Something went wrong on our side.") : { items: [], total: 0 }),
    });
    expect((await screen.findByRole("alert")).textContent).toContain("Something went wrong on our side.");
    fail = false;
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByText(/No communities match/)).toBeTruthy();
  });

  it("speaks Canadian French: labels, classifications and the count of communities found", async () => {
    renderDirectory(
      { "GET /api/v1/communities": (req) => (req.query.get("mine") === "true" ? { items: [regional], total: 1 } : { items: [regional, design], total: 2 }) },
      "/communities",
      "fr-CA",
    );
    expect(screen.getByRole("heading", { level: 1, name: "Communautés" })).toBeTruthy();
    const list = await screen.findByRole("list", { name: "Communautés trouvées" });
    const card = within(list).getByRole("article", { name: "Service Design CoP" });
    // Named from the code, not from the server's en-AU label.
    expect(card.textContent).toContain("Classification de sécurité\u00a0: OFFICIEL\u00a0: Sensible");
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("2 communautés trouvées"));
    expect(screen.getByRole("link", { name: "Proposer une communauté" })).toBeTruthy();
    expect(screen.getByRole("combobox", { name: "Classification de sécurité" }).textContent).toContain("PROTÉGÉ");
    fireEvent.click(screen.getByRole("checkbox", { name: "Mes communautés seulement" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("1 communauté trouvée"));
    expect(screen.getByRole("button", { name: "Rechercher" })).toBeTruthy();
  });
});
