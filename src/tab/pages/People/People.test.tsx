// @vitest-environment jsdom
import "../../testing/resizeObserver.js";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryRouter } from "react-router-dom";
import { LiveAnnouncer } from "../../components/LiveAnnouncer/LiveAnnouncer.js";
import { stubApi, type StubRoute } from "../../testing/apiStub.js";
import { meFor } from "../../testing/fixtures.js";
import { People } from "./People.js";

afterEach(cleanup);

function renderPage(routes: Record<string, StubRoute>) {
  const stub = stubApi(routes);
  render(
    <MemoryRouter>
      <LiveAnnouncer>
        <People me={meFor()} api={stub.api} />
      </LiveAnnouncer>
    </MemoryRouter>,
  );
  return stub;
}

describe("People", () => {
  it("suggests people doing similar work, with what is shared", async () => {
    renderPage({
      "GET /api/v1/people/similar": {
        items: [{ id: "p-aisha", displayName: "Aisha Karimi", jobTitle: "Lead Service Designer", agency: "DTA", sharedInterests: ["user research"], sharedCommunities: 2 }],
      },
    });
    const list = await screen.findByRole("list", { name: "People doing similar work" });
    expect(within(list).getByRole("link", { name: "Aisha Karimi" }).getAttribute("href")).toBe("/people/p-aisha");
    expect(within(list).getByRole("list", { name: "Interests you share with Aisha Karimi" }).textContent).toBe("user research");
    expect(within(list).getByText("2 communities in common")).toBeTruthy();
  });

  it("explains an empty list and searches everyone", async () => {
    const stub = renderPage({
      "GET /api/v1/people/similar": { items: [] },
      "GET /api/v1/people": { items: [{ id: "p-tom", displayName: "Tom Nguyen", jobTitle: "Senior Policy Officer", interests: ["evaluation"], agency: "Finance" }] },
    });
    expect(await screen.findByText(/No suggestions yet/)).toBeTruthy();
    fireEvent.change(screen.getByRole("searchbox", { name: /Search people/ }), { target: { value: "evaluation" } });
    fireEvent.click(screen.getByRole("button", { name: "Search" }));
    const found = await screen.findByRole("list", { name: "People found" });
    expect(within(found).getByRole("link", { name: "Tom Nguyen" })).toBeTruthy();
    expect(stub.calls.at(-1)?.query.get("q")).toBe("evaluation");
  });
});
