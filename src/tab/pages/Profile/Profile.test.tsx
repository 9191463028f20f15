// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { stubApi, type StubRoute } from "../../testing/apiStub.js";
import { meFor, summaryFor } from "../../testing/fixtures.js";
import { renderIn } from "../../testing/intl.js";
import { Profile } from "./Profile.js";

afterEach(cleanup);

function renderPage(id: string, routes: Record<string, StubRoute>) {
  const stub = stubApi({ "GET /api/v1/communities": { items: [summaryFor({ id: "c-shared", myRole: "member" })], total: 1 }, ...routes });
  render(
    <MemoryRouter initialEntries={[`/people/${id}`]}>
      <Routes>
        <Route path="/people/:id" element={<Profile me={meFor()} api={stub.api} />} />
      </Routes>
    </MemoryRouter>,
  );
  return stub;
}

describe("Profile", () => {
  it("shows the person's work, interests and the communities you share", async () => {
    const stub = renderPage("p-aisha", {
      "GET /api/v1/people/p-aisha": {
        id: "p-aisha",
        displayName: "Aisha Karimi",
        jobTitle: "Lead Service Designer",
        interests: ["service design", "data visualisation"],
        agency: { name: "Digital Transformation Agency", shortName: "DTA" },
        communities: [
          { id: "c-shared", name: "Regional Data Practitioners", role: "moderator" },
          { id: "c-other", name: "Service Design CoP", role: "owner" },
        ],
      },
    });
    await screen.findByRole("heading", { level: 1, name: "Aisha Karimi" });
    expect(screen.getByText("Lead Service Designer · Digital Transformation Agency (DTA)")).toBeTruthy();
    const communities = screen.getByRole("list", { name: "Communities" });
    const items = within(communities).getAllByRole("listitem");
    expect(items[0]?.textContent).toContain("You are a member too");
    expect(items[1]?.textContent).not.toContain("You are a member too");
    expect(within(communities).getByRole("link", { name: "Service Design CoP" }).getAttribute("href")).toBe("/communities/c-other");
    expect(stub.calls.find((c) => c.path === "/api/v1/communities")?.query.get("mine")).toBe("true");
  });

  it("answers not found for someone who cannot be shown", async () => {
    renderPage("nobody", {});
    expect(await screen.findByRole("heading", { level: 1, name: "Page not found" })).toBeTruthy();
  });

  it("is in French, roles from the shared vocabulary, the title in the browser tab too", async () => {
    const stub = stubApi({
      "GET /api/v1/communities": { items: [summaryFor({ id: "c-shared", myRole: "member" })], total: 1 },
      "GET /api/v1/people/p-aisha": {
        id: "p-aisha",
        displayName: "Aisha Karimi",
        jobTitle: "Lead Service Designer",
        interests: [],
        agency: { name: "Digital Transformation Agency", shortName: "DTA" },
        communities: [{ id: "c-shared", name: "Regional Data Practitioners", role: "owner" }],
      },
    });
    renderIn(
      "fr-CA",
      <MemoryRouter initialEntries={["/people/p-aisha"]}>
        <Routes>
          <Route path="/people/:id" element={<Profile me={meFor()} api={stub.api} />} />
        </Routes>
      </MemoryRouter>,
    );
    await screen.findByRole("heading", { level: 1, name: "Aisha Karimi" });
    expect(screen.getByRole("heading", { level: 2, name: "Centres d’intérêt" })).toBeTruthy();
    expect(screen.getByText("Aucun pour l’instant.")).toBeTruthy();
    const communities = screen.getByRole("list", { name: "Communautés" });
    expect(within(communities).getByText("Propriétaire")).toBeTruthy();
    expect(await within(communities).findByText("Vous en êtes membre aussi")).toBeTruthy();
    expect(document.title).toBe("Aisha Karimi · Guildhall");
  });
});
