// @vitest-environment jsdom
import { cleanup, render as renderInDom, screen, within } from "@testing-library/react";
import type { ReactElement } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryRouter } from "react-router-dom";
import type { Me, Permissions } from "../../api/types.js";
import { renderIn } from "../../testing/intl.js";
import { Home } from "./Home.js";

afterEach(cleanup);

const render = (ui: ReactElement) => renderInDom(<MemoryRouter>{ui}</MemoryRouter>);

const member: Permissions = {
  "guildhall.use": true,
  "profile.read": true,
  "profile.update": true,
  "directory.browse": true,
  "community.propose": true,
  "community.approve": false,
  "agency.manage": false,
};

function meFor(overrides: Partial<Me>): Me {
  return {
    person: {
      id: "p-tom",
      displayName: "Tom Nguyen",
      email: "tom.nguyen@finance.gov.au",
      jobTitle: "Senior Policy Officer",
      interests: ["budget policy", "evaluation"],
    },
    agency: { id: "a-fin", name: "Department of Finance", shortName: "Finance" },
    tenantId: "7f1c2a4e-0b8d-4c1e-9a51-3d2f6b8e1a01",
    platformOwner: false,
    permissions: member,
    ...overrides,
  };
}

describe("Home", () => {
  it("shows who the person is and their agency", () => {
    render(<Home me={meFor({})} />);
    expect(screen.getByRole("heading", { level: 1, name: "Welcome, Tom Nguyen" })).toBeTruthy();
    const profile = screen.getByRole("region", { name: "Your profile" });
    expect(within(profile).getByText("tom.nguyen@finance.gov.au")).toBeTruthy();
    expect(within(profile).getByText("Senior Policy Officer")).toBeTruthy();
    expect(within(profile).getByText("Department of Finance (Finance)")).toBeTruthy();
    const interests = within(profile).getByRole("list", { name: "Interests" });
    expect(within(interests).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["budget policy", "evaluation"]);
    expect(within(profile).getByRole("link", { name: "Edit your job title and interests" }).getAttribute("href")).toBe("/people/me");
  });

  it("lists a member's permissions in plain words, with approval not available", () => {
    render(<Home me={meFor({})} />);
    const may = screen.getByRole("list", { name: "What you may do" });
    expect(within(may).getByText("Propose a new community of practice")).toBeTruthy();
    expect(within(may).queryByText(/Approve proposed communities/)).toBeNull();
    const mayNot = screen.getByRole("list", { name: "Not available to you" });
    expect(within(mayNot).getByText(/Approve proposed communities/)).toBeTruthy();
    expect(screen.queryByText("Platform owner")).toBeNull();
  });

  it("shows the platform owner badge and approval when the server grants it", () => {
    render(
      <Home
        me={meFor({
          person: { id: "p", displayName: "Priya Raman", email: "priya.raman@finance.gov.au", jobTitle: "Director", interests: [] },
          platformOwner: true,
          permissions: { ...member, "community.approve": true, "agency.manage": true },
        })}
      />,
    );
    expect(screen.getByText("Platform owner")).toBeTruthy();
    const may = screen.getByRole("list", { name: "What you may do" });
    expect(within(may).getByText(/Approve proposed communities/)).toBeTruthy();
    expect(screen.queryByRole("list", { name: "Not available to you" })).toBeNull();
    expect(screen.getByText("None added yet")).toBeTruthy();
  });

  it("shows only what the server sent, and copes with no agency", () => {
    render(<Home me={meFor({ agency: null, permissions: { ...member, "directory.browse": false } })} />);
    expect(screen.getByText(/agency is not registered/)).toBeTruthy();
    const mayNot = screen.getByRole("list", { name: "Not available to you" });
    expect(within(mayNot).getByText("Browse the directory of people and communities")).toBeTruthy();
  });
});

describe("Home in fr-CA", () => {
  it("welcomes the person and lists what they may do in French", () => {
    renderIn("fr-CA", <MemoryRouter><Home me={meFor({ platformOwner: true })} /></MemoryRouter>);
    expect(screen.getByRole("heading", { level: 1, name: "Bienvenue, Tom Nguyen" })).toBeTruthy();
    expect(screen.getByText("Responsable de la plateforme")).toBeTruthy();
    const profile = screen.getByRole("region", { name: "Votre profil" });
    expect(within(profile).getByText("Organisme")).toBeTruthy();
    expect(within(profile).getByRole("list", { name: "Centres d’intérêt" })).toBeTruthy();
    const may = screen.getByRole("list", { name: "Ce que vous pouvez faire" });
    expect(within(may).getByText("Proposer une nouvelle communauté de pratique")).toBeTruthy();
    const mayNot = screen.getByRole("list", { name: "Ce qui ne vous est pas permis" });
    expect(within(mayNot).getByText("Approuver les communautés proposées (responsable de la plateforme)")).toBeTruthy();
  });

  it("keeps a permission this tab does not know as the server sent it", () => {
    renderIn("fr-CA", <MemoryRouter><Home me={meFor({ permissions: { ...member, "community.future": true } as Permissions })} /></MemoryRouter>);
    expect(within(screen.getByRole("list", { name: "Ce que vous pouvez faire" })).getByText("community.future")).toBeTruthy();
  });
});
