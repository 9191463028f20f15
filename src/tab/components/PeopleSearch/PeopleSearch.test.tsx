// @vitest-environment jsdom
import "../../testing/resizeObserver.js";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MemoryRouter } from "react-router-dom";
import { LiveAnnouncer } from "../LiveAnnouncer/LiveAnnouncer.js";
import { PeopleSearch } from "./PeopleSearch.js";

afterEach(cleanup);

const aisha = { id: "p-aisha", displayName: "Aisha Karimi", jobTitle: "Lead Service Designer", interests: ["user research"], agency: "DTA" };

describe("PeopleSearch", () => {
  it("searches, lists people with links and announces the count", async () => {
    const search = vi.fn(async () => [aisha]);
    render(
      <MemoryRouter>
        <LiveAnnouncer>
          <PeopleSearch label="Find people" search={search} action={(p) => <button type="button">Invite {p.displayName}</button>} />
        </LiveAnnouncer>
      </MemoryRouter>,
    );
    fireEvent.change(screen.getByRole("searchbox", { name: /Find people/ }), { target: { value: " research " } });
    fireEvent.click(screen.getByRole("button", { name: "Search" }));
    const list = await screen.findByRole("list", { name: "People found" });
    expect(search).toHaveBeenCalledWith("research");
    expect(within(list).getByRole("link", { name: "Aisha Karimi" }).getAttribute("href")).toBe("/people/p-aisha");
    expect(within(list).getByRole("button", { name: "Invite Aisha Karimi" })).toBeTruthy();
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("1 person found"));
  });

  it("asks for something to search for rather than sending an empty search", () => {
    const search = vi.fn(async () => []);
    render(
      <MemoryRouter>
        <PeopleSearch label="Find people" search={search} />
      </MemoryRouter>,
    );
    fireEvent.click(screen.getByRole("button", { name: "Search" }));
    expect(screen.getByText("Type part of a name, job title or interest.")).toBeTruthy();
    expect(search).not.toHaveBeenCalled();
  });
});
