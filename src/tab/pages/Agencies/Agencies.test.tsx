// @vitest-environment jsdom
import "../../testing/resizeObserver.js";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryRouter } from "react-router-dom";
import { LiveAnnouncer } from "../../components/LiveAnnouncer/LiveAnnouncer.js";
import { apiError, stubApi, type StubRoute } from "../../testing/apiStub.js";
import { meFor } from "../../testing/fixtures.js";
import { Agencies } from "./Agencies.js";

afterEach(cleanup);

const T = "3c4d5e6f-0000-4000-8000-000000000123";
const finance = { id: "a-fin", name: "Department of Finance", shortName: "Finance", tenantId: "7f1c2a4e-0b8d-4c1e-9a51-3d2f6b8e1a01", emailDomains: ["finance.gov.au"], people: 12 };
const owner = meFor({ platformOwner: true, permissions: { ...meFor().permissions, "agency.manage": true } });

function renderPage(routes: Record<string, StubRoute>, me = owner) {
  const stub = stubApi(routes);
  render(
    <MemoryRouter>
      <LiveAnnouncer>
        <Agencies me={me} api={stub.api} />
      </LiveAnnouncer>
    </MemoryRouter>,
  );
  return stub;
}

describe("Agencies page", () => {
  it("lists agencies with their tenant, domains and people, and registers a new one", async () => {
    const pmc = { id: "a-pmc", name: "Prime Minister and Cabinet", shortName: "PM&C", tenantId: T, emailDomains: ["pmc.gov.au", ".pmc.gov.au"], people: 3 };
    let registered = false;
    const stub = renderPage({
      "GET /api/v1/agencies": () => ({ items: registered ? [finance, pmc] : [finance] }),
      "POST /api/v1/agencies": () => {
        registered = true;
        return { ...pmc, matchedPeople: 3 };
      },
    });
    const list = await screen.findByRole("list", { name: "Registered agencies" });
    expect(within(list).getByText(/finance\.gov\.au · 12 people/)).toBeTruthy();
    const form = screen.getByRole("form", { name: "Register an agency" });
    fireEvent.change(within(form).getByRole("textbox", { name: /^Name/ }), { target: { value: "Prime Minister and Cabinet" } });
    fireEvent.change(within(form).getByRole("textbox", { name: /^Short name/ }), { target: { value: "PM&C" } });
    fireEvent.change(within(form).getByRole("textbox", { name: /^Entra tenant id/ }), { target: { value: T } });
    fireEvent.change(within(form).getByRole("textbox", { name: /^Email domains/ }), { target: { value: "pmc.gov.au, .pmc.gov.au" } });
    fireEvent.click(within(form).getByRole("button", { name: "Register agency" }));
    expect(await screen.findByText("Prime Minister and Cabinet is registered. 3 people were matched to agencies again.")).toBeTruthy();
    expect(stub.calls.find((c) => c.method === "POST")?.body).toEqual({ name: "Prime Minister and Cabinet", shortName: "PM&C", tenantId: T, emailDomains: ["pmc.gov.au", ".pmc.gov.au"] });
    await waitFor(() => expect(within(screen.getByRole("list", { name: "Registered agencies" })).getAllByRole("listitem")).toHaveLength(2));
  });

  it("puts the server's complaint on the field at fault", async () => {
    renderPage({
      "GET /api/v1/agencies": { items: [finance] },
      "POST /api/v1/agencies": apiError(400, "agency.tenant_not_allowed", "That tenant is not on Guildhall's tenant allow-list.", { issues: [{ path: "tenantId", message: "This tenant is not on the allow-list." }] }),
    });
    const form = await screen.findByRole("form", { name: "Register an agency" });
    fireEvent.click(within(form).getByRole("button", { name: "Register agency" }));
    await within(form).findByText(/not on Guildhall's tenant allow-list/);
    expect(within(form).getAllByRole("alert").map((a) => a.textContent).join(" ")).toContain("not on Guildhall's tenant allow-list");
    expect(within(form).getByText("This tenant is not on the allow-list.")).toBeTruthy();
  });

  it("changes an agency in place", async () => {
    const stub = renderPage({
      "GET /api/v1/agencies": { items: [finance] },
      "PUT /api/v1/agencies/a-fin": { ...finance, emailDomains: ["finance.gov.au", "dofd.gov.au"], matchedPeople: 1 },
    });
    fireEvent.click(await screen.findByRole("button", { name: "Change Department of Finance" }));
    const form = screen.getByRole("form", { name: "Change Department of Finance" });
    expect((within(form).getByRole("textbox", { name: /^Entra tenant id/ }) as HTMLInputElement).value).toBe(finance.tenantId);
    fireEvent.change(within(form).getByRole("textbox", { name: /^Email domains/ }), { target: { value: "finance.gov.au, dofd.gov.au" } });
    fireEvent.click(within(form).getByRole("button", { name: "Save changes" }));
    expect(await screen.findByText("Department of Finance is changed. 1 person was matched to agencies again.")).toBeTruthy();
    expect(stub.calls.find((c) => c.method === "PUT")?.body).toMatchObject({ emailDomains: ["finance.gov.au", "dofd.gov.au"] });
  });

  it("tells anyone else the page is for platform owners, and asks the server nothing", async () => {
    const stub = renderPage({}, meFor());
    expect(screen.getByRole("heading", { level: 1, name: "Agencies" })).toBeTruthy();
    expect(screen.getByText(/Only platform owners register agencies/)).toBeTruthy();
    expect(screen.queryByRole("form")).toBeNull();
    expect(stub.calls).toEqual([]);
  });
});
