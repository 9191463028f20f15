// @vitest-environment jsdom
import "../../testing/resizeObserver.js";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryRouter } from "react-router-dom";
import { LiveAnnouncer } from "../../components/LiveAnnouncer/LiveAnnouncer.js";
import { apiError, stubApi, type StubRoute } from "../../testing/apiStub.js";
import { meFor } from "../../testing/fixtures.js";
import { MyProfile } from "./MyProfile.js";

afterEach(cleanup);

const profile = { id: "p-marcus", displayName: "Marcus Bell", jobTitle: "Data Analyst", interests: ["data visualisation"], agency: { name: "Australian Bureau of Statistics", shortName: "ABS" }, communities: [] };

function renderPage(save: StubRoute) {
  const stub = stubApi({ "GET /api/v1/people/p-marcus": profile, "POST /api/v1/me/profile": save });
  render(
    <MemoryRouter>
      <LiveAnnouncer>
        <MyProfile me={meFor()} api={stub.api} />
      </LiveAnnouncer>
    </MemoryRouter>,
  );
  return stub;
}

describe("MyProfile", () => {
  it("saves the job title and interests", async () => {
    const stub = renderPage((req) => ({ ...profile, ...(req.body as object) }));
    const interests = await screen.findByRole("textbox", { name: /Interests/ });
    expect((interests as HTMLInputElement).value).toBe("data visualisation");
    fireEvent.change(screen.getByRole("textbox", { name: "Job title" }), { target: { value: "Senior Data Analyst" } });
    fireEvent.change(interests, { target: { value: "data visualisation, evaluation, " } });
    fireEvent.click(screen.getByRole("button", { name: "Save profile" }));
    expect(await screen.findByText("Your profile is saved.")).toBeTruthy();
    expect(stub.calls.at(-1)?.body).toEqual({ jobTitle: "Senior Data Analyst", interests: ["data visualisation", "evaluation"] });
  });

  it("shows the server's complaint on the field and keeps the input", async () => {
    renderPage(() => apiError(400, "request.invalid", "The profile is not valid.", { issues: [{ path: "interests.1", message: "Too big" }] }));
    const interests = await screen.findByRole("textbox", { name: /Interests/ });
    fireEvent.change(interests, { target: { value: "a, bbbbbbbb" } });
    fireEvent.click(screen.getByRole("button", { name: "Save profile" }));
    expect(await screen.findByText("Too big")).toBeTruthy();
    expect(interests.getAttribute("aria-invalid")).toBe("true");
    expect((interests as HTMLInputElement).value).toBe("a, bbbbbbbb");
  });
});
