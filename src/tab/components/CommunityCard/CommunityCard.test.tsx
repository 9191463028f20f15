// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryRouter } from "react-router-dom";
import type { CommunitySummary } from "../../api/communityTypes.js";
import { CommunityCard } from "./CommunityCard.js";

afterEach(cleanup);

const summary: CommunitySummary = {
  id: "c1",
  name: "Regional Data Practitioners",
  purpose: "Data analysts working outside the capitals.",
  visibility: "closed",
  scope: "cross_agency",
  classification: "PROTECTED",
  classificationLabel: "PROTECTED",
  tags: ["analytics"],
  status: "proposed",
  memberCount: 2,
  myRole: "owner",
  teamsState: null,
};

describe("CommunityCard", () => {
  it("links the name to the community page and shows classification, status and facts", () => {
    render(
      <MemoryRouter>
        <CommunityCard community={summary} />
      </MemoryRouter>,
    );
    const article = screen.getByRole("article", { name: "Regional Data Practitioners" });
    expect(article).toBeTruthy();
    expect(screen.getByRole("link", { name: "Regional Data Practitioners" }).getAttribute("href")).toBe("/communities/c1");
    expect(article.textContent).toContain("Classification: PROTECTED");
    expect(screen.getByText("Awaiting approval")).toBeTruthy();
    expect(screen.getByText("2 members")).toBeTruthy();
    expect(screen.getByText("Owner")).toBeTruthy();
  });
});
