// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryRouter } from "react-router-dom";
import { stubApi } from "../../testing/apiStub.js";
import { meFor } from "../../testing/fixtures.js";
import { Notices } from "./Notices.js";

afterEach(cleanup);

describe("Notices", () => {
  it("lists notices newest first, marks unread ones and links to the community", async () => {
    const { api } = stubApi({
      "GET /api/v1/notifications": {
        items: [
          { id: "n2", kind: "joinRequestDecided", communityId: "c1", text: 'You are now a member of "Regional Data Practitioners".', createdAt: "2030-01-02T00:00:00.000Z", read: false },
          { id: "n1", kind: "invited", communityId: null, text: "Welcome to Guildhall.", createdAt: "2030-01-01T00:00:00.000Z", read: true },
        ],
      },
    });
    render(
      <MemoryRouter>
        <Notices me={meFor()} api={api} />
      </MemoryRouter>,
    );
    const list = await screen.findByRole("list", { name: "Notices, newest first" });
    const items = within(list).getAllByRole("listitem");
    expect(items[0]?.textContent).toContain("New");
    expect(items[0]?.textContent).toContain("You are now a member");
    expect(within(items[0] as HTMLElement).getByRole("link", { name: "Open the community" }).getAttribute("href")).toBe("/communities/c1");
    expect(items[1]?.textContent).not.toContain("New");
  });

  it("says when there is nothing", async () => {
    const { api } = stubApi({ "GET /api/v1/notifications": { items: [] } });
    render(
      <MemoryRouter>
        <Notices me={meFor()} api={api} />
      </MemoryRouter>,
    );
    expect(await screen.findByText("Nothing yet.")).toBeTruthy();
  });
});
