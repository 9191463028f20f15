// @vitest-environment jsdom
import "../../testing/resizeObserver.js";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import type { CommunityDetail } from "../../api/communityTypes.js";
import { LiveAnnouncer } from "../../components/LiveAnnouncer/LiveAnnouncer.js";
import { apiError, stubApi, type StubRoute } from "../../testing/apiStub.js";
import { detailFor, meFor } from "../../testing/fixtures.js";
import { Community } from "./Community.js";

afterEach(cleanup);

const ID = "c0a1b2c3-0000-4000-8000-000000000002";
const BASE = `/api/v1/communities/${ID}`;

function renderPage(routes: Record<string, StubRoute>, me = meFor()) {
  const stub = stubApi(routes);
  render(
    <MemoryRouter initialEntries={[`/communities/${ID}`]}>
      <LiveAnnouncer>
        <Routes>
          <Route path="/communities/:id" element={<Community me={me} api={stub.api} />} />
          <Route path="/communities" element={<p>directory</p>} />
        </Routes>
      </LiveAnnouncer>
    </MemoryRouter>,
  );
  return stub;
}

const tom = meFor({ person: { id: "p-tom", displayName: "Tom Nguyen", email: "tom.nguyen@finance.gov.au", jobTitle: "Senior Policy Officer", interests: [] } });
const marcusMember = { id: "p-marcus", displayName: "Marcus Bell", jobTitle: "Data Analyst", agency: "ABS", role: "owner" as const };

describe("Community page", () => {
  it("shows the community, its plain-text terms and the pending Teams link, and lets a visitor ask to join", async () => {
    const requested: CommunityDetail = detailFor({ requested: true }, { "community.request": true });
    const stub = renderPage({ [`GET ${BASE}`]: detailFor({}, { "community.request": true }), [`POST ${BASE}/requests`]: requested }, tom);
    await screen.findByRole("heading", { level: 1, name: "Regional Data Practitioners" });
    await waitFor(() => expect(document.title).toBe("Regional Data Practitioners · Guildhall"));
    expect(document.body.textContent).toContain("Classification: OFFICIAL");
    expect(within(screen.getByRole("region", { name: "About" })).getByText(/We meet monthly/).textContent).toBe("We meet monthly.\nMinutes are shared.");
    expect(within(screen.getByRole("region", { name: "Microsoft Teams" })).getAllByText("Teams link pending — no Microsoft 365 tenant connected").length).toBeGreaterThan(0);
    expect(screen.queryByRole("button", { name: "Join" })).toBeNull();
    expect(screen.queryByRole("region", { name: "Requests to join" })).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Ask to join" }));
    fireEvent.click(await screen.findByRole("checkbox", { name: "I accept the code of practice" }));
    fireEvent.change(screen.getByRole("textbox", { name: /Message to the moderators/ }), { target: { value: "Hello" } });
    fireEvent.click(screen.getByRole("button", { name: "Send request" }));
    expect(await screen.findByText("You asked to join Regional Data Practitioners.")).toBeTruthy();
    expect(stub.calls.find((c) => c.method === "POST")?.body).toEqual({ acceptCodeOfPractice: true, codeVersion: 2, message: "Hello" });
    expect(screen.getByText(/You have asked to join/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Ask to join" })).toBeNull();
  });

  it("shows the server's refusal when joining is refused", async () => {
    renderPage({
      [`GET ${BASE}`]: detailFor({ visibility: "open" }, { "community.join": true }),
      [`POST ${BASE}/join`]: apiError(403, "community.agency_only", "This community is open only to staff of particular agencies, and yours is not one of them.", { reason: "agency_only" }),
    });
    fireEvent.click(await screen.findByRole("button", { name: "Join" }));
    fireEvent.click(await screen.findByRole("checkbox", { name: "I accept the code of practice" }));
    fireEvent.click(screen.getByRole("button", { name: "Join community" }));
    const dialog = screen.getByRole("dialog");
    expect((await within(dialog).findByRole("alert")).textContent).toContain("open only to staff of particular agencies");
  });

  it("lets a moderator approve a request to join", async () => {
    const request = { id: "r1", message: "", createdAt: "2030-01-01T00:00:00.000Z", person: { id: "p-tom", displayName: "Tom Nguyen", agency: "Finance" } };
    const abilities = { "community.decideRequests": true, "community.manageMembers": true, "community.leave": true };
    const stub = renderPage({
      [`GET ${BASE}`]: detailFor({ myRole: "owner", members: [marcusMember], joinRequests: [request] }, abilities),
      [`POST ${BASE}/requests/r1/decision`]: detailFor(
        { myRole: "owner", memberCount: 3, members: [marcusMember, { id: "p-tom", displayName: "Tom Nguyen", jobTitle: null, agency: "Finance", role: "member" }] },
        abilities,
      ),
    });
    const requests = await screen.findByRole("region", { name: "Requests to join" });
    fireEvent.click(within(requests).getByRole("button", { name: "Approve Tom Nguyen" }));
    expect(await screen.findByText("Tom Nguyen is now a member.")).toBeTruthy();
    expect(stub.calls.at(-1)?.body).toEqual({ decision: "approve", reason: "" });
    expect(within(screen.getByRole("list", { name: "Members" })).getAllByRole("listitem")).toHaveLength(2);
    expect(within(screen.getByRole("region", { name: "Requests to join" })).getByText("No one is waiting to join.")).toBeTruthy();
  });

  it("clears the earlier success when a later role change fails, leaving only the error", async () => {
    const tomOwner = { id: "p-tom", displayName: "Tom Nguyen", jobTitle: null, agency: "Finance", role: "owner" as const };
    const abilities = { "community.changeRoles": true, "community.leave": true };
    const asModerator = detailFor({ myRole: "owner", members: [{ ...marcusMember, role: "moderator" }, tomOwner] }, abilities);
    let calls = 0;
    renderPage(
      {
        [`GET ${BASE}`]: detailFor({ myRole: "owner", members: [{ ...marcusMember, role: "member" }, tomOwner] }, abilities),
        [`POST ${BASE}/members/role`]: () =>
          ++calls === 1 ? asModerator : apiError(409, "community.last_owner", "A community must keep at least one owner; hand over ownership first."),
      },
      tom,
    );
    // The page's message bars (not the screen-reader announcer, which only speaks each outcome once).
    const successBars = () => screen.queryAllByRole("group").filter((g) => g.textContent === "The role was changed.");
    fireEvent.change(await screen.findByRole("combobox", { name: "Role for Marcus Bell" }), { target: { value: "moderator" } });
    await waitFor(() => expect(successBars()).toHaveLength(1));
    fireEvent.change(screen.getByRole("combobox", { name: "Role for Marcus Bell" }), { target: { value: "owner" } });
    expect((await screen.findByRole("alert")).textContent).toContain("at least one owner");
    expect(successBars()).toHaveLength(0);
  });

  it("lets a platform owner approve a proposal", async () => {
    renderPage({
      [`GET ${BASE}`]: detailFor({ status: "proposed", teams: null }, { "community.decideProposal": true }),
      [`POST ${BASE}/decision`]: detailFor({ status: "approved" }),
    });
    expect((await screen.findAllByText("Awaiting approval")).length).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole("button", { name: "Approve Regional Data Practitioners" }));
    fireEvent.click(await screen.findByRole("button", { name: "Approve community" }));
    expect(await screen.findByText("Regional Data Practitioners is approved.")).toBeTruthy();
  });

  it("shows a platform owner the look-alike names from the community view and approves under another name", async () => {
    const clashes = [
      { id: "c-old", name: "Regional data practitioners", status: "approved" as const },
      { id: "c-other", name: "Regional Data Practitioners ", status: "proposed" as const },
    ];
    const stub = renderPage({
      [`GET ${BASE}`]: detailFor({ status: "proposed", teams: null, nameClashes: clashes }, { "community.decideProposal": true }),
      [`POST ${BASE}/decision`]: detailFor({ name: "Regional Data Peers", status: "approved" }),
    });
    fireEvent.click(await screen.findByRole("button", { name: "Approve Regional Data Practitioners" }));
    const dialog = await screen.findByRole("dialog");
    expect(within(within(dialog).getByRole("list", { name: "Names that look the same" })).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Looks like: Regional data practitioners (approved)",
      "Looks like: Regional Data Practitioners  (awaiting approval)",
    ]);
    // The view already carries them: nothing more is fetched.
    expect(stub.calls.filter((c) => c.method === "GET")).toHaveLength(1);
    const field = within(dialog).getByRole("textbox", { name: /^Name/ });
    expect((field as HTMLInputElement).value).toBe("Regional Data Practitioners");
    fireEvent.change(field, { target: { value: "Regional Data Peers" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Approve community" }));
    expect(await screen.findByText("Regional Data Practitioners is approved as Regional Data Peers.")).toBeTruthy();
    expect(stub.calls.at(-1)?.body).toEqual({ decision: "approve", reason: "", name: "Regional Data Peers" });
    await screen.findByRole("heading", { level: 1, name: "Regional Data Peers" });
  });

  it("goes back to the directory after leaving a community the person can no longer see", async () => {
    renderPage({ [`GET ${BASE}`]: detailFor({ myRole: "member", visibility: "hidden" }, { "community.leave": true }), [`POST ${BASE}/leave`]: { left: true } });
    fireEvent.click(await screen.findByRole("button", { name: "Leave" }));
    expect((await screen.findByRole("dialog")).textContent).toContain("new invitation");
    fireEvent.click(screen.getByRole("button", { name: "Leave community" }));
    expect(await screen.findByText("directory")).toBeTruthy();
  });

  it("answers not found without revealing anything", async () => {
    renderPage({});
    expect(await screen.findByRole("heading", { level: 1, name: "Page not found" })).toBeTruthy();
    await waitFor(() => expect(document.title).toBe("Page not found · Guildhall"));
    expect(document.body.textContent).not.toContain("Regional");
  });

  it("retries a failed Teams set-up and follows each step until the channel is ready", async () => {
    const failed = detailFor(
      { myRole: "owner", teams: { state: "failed", webUrl: null, lastError: "Microsoft Teams refused the request." }, provisioning: [{ step: "create_channel", status: "failed", detail: "Forbidden" }] },
      { "community.retryProvisioning": true },
    );
    const queued = { ...failed, teams: { state: "queued" as const, webUrl: null, lastError: null }, provisioning: [{ step: "create_channel" as const, status: "pending" as const, detail: null }] };
    const running = { ...queued, teams: { ...queued.teams, state: "provisioning" as const }, provisioning: [{ step: "create_channel" as const, status: "running" as const, detail: null }] };
    const linked = { ...queued, teams: { state: "linked" as const, webUrl: "https://teams.microsoft.com/l/channel/19%3Aabc", lastError: null }, provisioning: [{ step: "create_channel" as const, status: "done" as const, detail: null }] };
    const answers = [failed, running, linked];
    const stub = renderPage({ [`GET ${BASE}`]: () => answers.shift() ?? linked, [`POST ${BASE}/provisioning/retry`]: queued });
    const teams = await screen.findByRole("region", { name: "Microsoft Teams" });
    expect(teams.textContent).toContain("Microsoft Teams refused the request.");
    fireEvent.click(within(teams).getByRole("button", { name: "Retry the Teams set-up" }));
    await waitFor(() => expect(within(teams).queryByRole("button", { name: "Retry the Teams set-up" })).toBeNull());
    // The page asks again by itself while the set-up runs, and stops once the link is there.
    const link = await within(teams).findByRole("link", { name: "Open in Microsoft Teams" }, { timeout: 8_000 });
    expect(link.getAttribute("href")).toBe("https://teams.microsoft.com/l/channel/19%3Aabc");
    const gets = stub.calls.filter((c) => c.method === "GET").length;
    expect(gets).toBe(3);
    await new Promise((r) => setTimeout(r, 2_500));
    expect(stub.calls.filter((c) => c.method === "GET").length).toBe(gets);
  }, 20_000);

  it("shows why a retry was refused", async () => {
    renderPage({
      [`GET ${BASE}`]: detailFor(
        { myRole: "owner", teams: { state: "failed", webUrl: null, lastError: "Graph refused." }, provisioning: [{ step: "create_channel", status: "failed", detail: null }] },
        { "community.retryProvisioning": true },
      ),
      [`POST ${BASE}/provisioning/retry`]: apiError(409, "community.not_connected", "No Microsoft 365 tenant is connected, so there is nothing to retry yet."),
    });
    fireEvent.click(await screen.findByRole("button", { name: "Retry the Teams set-up" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("nothing to retry yet"));
  });
});
