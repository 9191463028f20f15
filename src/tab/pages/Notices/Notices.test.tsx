// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryRouter } from "react-router-dom";
import { stubApi } from "../../testing/apiStub.js";
import { meFor } from "../../testing/fixtures.js";
import { renderIn } from "../../testing/intl.js";
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

  it("is in French: a notice written from a catalog message is shown in the reader's language, an older one as sent", async () => {
    const { api } = stubApi({
      "GET /api/v1/notifications": {
        items: [
          {
            id: "n3",
            kind: "joinRequestDecided",
            communityId: "c1",
            text: 'You are now a member of "Regional Data Practitioners".',
            messageKey: "notice.joinRequest.approved",
            values: { community: "Regional Data Practitioners" },
            createdAt: "2030-01-02T09:30:00.000Z",
            read: false,
          },
          { id: "n2", kind: "future", communityId: null, text: "A kind of notice this tab has no words for.", messageKey: "notice.not.in.catalog", values: {}, createdAt: "2030-01-01T12:00:00.000Z", read: true },
          { id: "n1", kind: "invited", communityId: null, text: "Welcome to Guildhall.", createdAt: "2030-01-01T00:00:00.000Z", read: true },
        ],
      },
    });
    renderIn(
      "fr-CA",
      <MemoryRouter>
        <Notices me={meFor()} api={api} />
      </MemoryRouter>,
    );
    expect(screen.getByRole("heading", { level: 1, name: "Avis" })).toBeTruthy();
    const list = await screen.findByRole("list", { name: "Avis, du plus récent au plus ancien" });
    const items = within(list).getAllByRole("listitem");
    expect(items[0]?.textContent).toContain("Nouveau");
    expect(items[0]?.textContent).toContain("Vous êtes maintenant membre de «\u00a0Regional Data Practitioners\u00a0».");
    expect(within(items[0] as HTMLElement).getByRole("link", { name: "Ouvrir la communauté" })).toBeTruthy();
    // The date in French (the formatter's own date, in the time zone the test runs in).
    const time = items[0]?.querySelector("time");
    expect(time?.getAttribute("dateTime")).toBe("2030-01-02T09:30:00.000Z");
    expect(time?.textContent).toMatch(/janv\.? 2030/);
    expect(items[1]?.textContent).toContain("A kind of notice this tab has no words for.");
    expect(items[2]?.textContent).toContain("Welcome to Guildhall.");
    expect(items[2]?.textContent).not.toContain("Nouveau");
  });

  it("says when there is nothing, in French", async () => {
    const { api } = stubApi({ "GET /api/v1/notifications": { items: [] } });
    renderIn(
      "fr-CA",
      <MemoryRouter>
        <Notices me={meFor()} api={api} />
      </MemoryRouter>,
    );
    expect(await screen.findByText("Rien pour l’instant.")).toBeTruthy();
  });
});
