// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryRouter } from "react-router-dom";
import { LiveAnnouncer } from "../../components/LiveAnnouncer/LiveAnnouncer.js";
import { UnreadNoticesProvider, useUnreadNotices } from "../../components/UnreadNotices/UnreadNotices.js";
import { apiError, stubApi, type StubRequest } from "../../testing/apiStub.js";
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

const notice = (n: number, read = false) => ({ id: `n${n}`, kind: "test", communityId: null, text: `Notice ${n}`, createdAt: `2030-01-${String(n + 1).padStart(2, "0")}T00:00:00.000Z`, read });

/** What the navigation would show: the count the page hands over. */
function Count() {
  const { count } = useUnreadNotices();
  return <output aria-label="unread count">{count === undefined ? "unknown" : String(count)}</output>;
}

function renderNotices(routes: Parameters<typeof stubApi>[0], locale?: "fr-CA") {
  const stub = stubApi({ "GET /api/v1/notifications/unread": { unread: 0 }, ...routes });
  const ui = (
    <MemoryRouter>
      <LiveAnnouncer>
        <UnreadNoticesProvider api={undefined}>
          <Notices me={meFor()} api={stub.api} />
        </UnreadNoticesProvider>
      </LiveAnnouncer>
    </MemoryRouter>
  );
  if (locale) renderIn(locale, ui);
  else render(ui);
  return stub;
}
const posts = (calls: StubRequest[]) => calls.filter((c) => c.method === "POST");

describe("Notices: reading", () => {
  it("marks the unread notices it has shown as read, once, and keeps their New badge for this visit", async () => {
    const stub = renderNotices({
      "GET /api/v1/notifications": { items: [notice(3), notice(2), notice(1, true)], unread: 2, total: 3, nextBefore: null },
      "POST /api/v1/notifications/read": { marked: 2, unread: 0 },
    });
    const list = await screen.findByRole("list", { name: "Notices, newest first" });
    await waitFor(() => expect(posts(stub.calls)).toHaveLength(1));
    expect(posts(stub.calls)[0]).toMatchObject({ path: "/api/v1/notifications/read", body: { ids: ["n3", "n2"] } });
    const items = within(list).getAllByRole("listitem");
    expect(items[0]?.textContent).toContain("New");
    expect(items[2]?.textContent).not.toContain("New");
    // Nothing more is sent on later renders.
    await new Promise((r) => setTimeout(r, 20));
    expect(posts(stub.calls)).toHaveLength(1);
  });

  it("hands the server's new count to the navigation", async () => {
    const stub = stubApi({
      "GET /api/v1/notifications": { items: [notice(1)], unread: 4, total: 4, nextBefore: "n1" },
      "GET /api/v1/notifications/unread": { unread: 4 },
      "POST /api/v1/notifications/read": { marked: 1, unread: 3 },
    });
    render(
      <MemoryRouter>
        <UnreadNoticesProvider api={stub.api}>
          <Count />
          <Notices me={meFor()} api={stub.api} />
        </UnreadNoticesProvider>
      </MemoryRouter>,
    );
    await waitFor(() => expect(screen.getByRole("status", { name: "unread count" }).textContent).toBe("3"));
  });

  it("marks all as read up to the newest shown, clears the badges and says so", async () => {
    const stub = renderNotices({
      "GET /api/v1/notifications": { items: [notice(5), notice(4)], unread: 5, total: 5, nextBefore: "n4" },
      "POST /api/v1/notifications/read": { marked: 2, unread: 3 },
      "POST /api/v1/notifications/read-all": { marked: 3, unread: 0 },
    });
    const button = await screen.findByRole("button", { name: "Mark all as read" });
    fireEvent.click(button);
    expect(await screen.findAllByText("All your notices are marked as read.")).not.toHaveLength(0);
    expect(posts(stub.calls).find((c) => c.path === "/api/v1/notifications/read-all")?.body).toEqual({ upTo: "n5" });
    expect(within(screen.getByRole("list", { name: "Notices, newest first" })).queryByText("New")).toBeNull();
    expect(screen.queryByRole("button", { name: "Mark all as read" })).toBeNull();
  });

  it("shows older notices a page at a time and marks those read too", async () => {
    const stub = renderNotices({
      "GET /api/v1/notifications": (req: StubRequest) =>
        req.query.get("before") === "n4"
          ? { items: [notice(3), notice(2, true)], unread: 1, total: 4, nextBefore: null }
          : { items: [notice(5, true), notice(4, true)], unread: 1, total: 4, nextBefore: "n4" },
      "POST /api/v1/notifications/read": { marked: 1, unread: 0 },
    });
    fireEvent.click(await screen.findByRole("button", { name: "Show older notices" }));
    await waitFor(() => expect(within(screen.getByRole("list", { name: "Notices, newest first" })).getAllByRole("listitem")).toHaveLength(4));
    expect(screen.queryByRole("button", { name: "Show older notices" })).toBeNull();
    await waitFor(() => expect(posts(stub.calls)).toEqual([expect.objectContaining({ body: { ids: ["n3"] } })]));
    expect(stub.calls.find((c) => c.query.get("before") === "n4")?.query.get("limit")).toBe("20");
  });

  it("says when marking all fails, with the server's reason", async () => {
    renderNotices({
      "GET /api/v1/notifications": { items: [notice(1)], unread: 1, total: 1, nextBefore: null },
      "POST /api/v1/notifications/read": { marked: 1, unread: 0 },
      "POST /api/v1/notifications/read-all": apiError(429, "rate_limited", "Too many requests. Wait a moment and try again."),
    });
    fireEvent.click(await screen.findByRole("button", { name: "Mark all as read" }));
    expect((await screen.findAllByText(/Couldn't mark your notices as read\. Too many requests/)).length).toBeGreaterThan(0);
  });

  it("is in French (fr-CA): mark all as read", async () => {
    renderNotices(
      {
        "GET /api/v1/notifications": { items: [notice(2), notice(1)], unread: 2, total: 2, nextBefore: "n1" },
        "POST /api/v1/notifications/read": { marked: 2, unread: 0 },
        "POST /api/v1/notifications/read-all": { marked: 0, unread: 0 },
      },
      "fr-CA",
    );
    expect(await screen.findByRole("button", { name: "Afficher les avis plus anciens" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Tout marquer comme lu" }));
    expect((await screen.findAllByText("Tous vos avis sont marqués comme lus.")).length).toBeGreaterThan(0);
  });
});
