// @vitest-environment jsdom
import "../../testing/resizeObserver.js";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryRouter } from "react-router-dom";
import { LiveAnnouncer } from "../../components/LiveAnnouncer/LiveAnnouncer.js";
import { apiError, stubApi, type StubRoute } from "../../testing/apiStub.js";
import { meFor } from "../../testing/fixtures.js";
import { renderIn } from "../../testing/intl.js";
import { Agencies } from "./Agencies.js";

afterEach(cleanup);

const T = "3c4d5e6f-0000-4000-8000-000000000123";
const finance = {
  id: "a-fin",
  name: "Department of Finance",
  shortName: "Finance",
  tenantId: "7f1c2a4e-0b8d-4c1e-9a51-3d2f6b8e1a01",
  emailDomains: ["finance.gov.au"],
  domains: [{ domain: "finance.gov.au", status: "live" }],
  people: 12,
};
const SIGN_IN = ["finance.gov.au", "pmc.gov.au", ".pmc.gov.au", "one.part.gov.au"];
const owner = meFor({ platformOwner: true, permissions: { ...meFor().permissions, "agency.manage": true } });

function renderPage(routes: Record<string, StubRoute>, me = owner, locale?: "fr-CA") {
  const stub = stubApi(routes);
  const ui = (
    <MemoryRouter>
      <LiveAnnouncer>
        <Agencies me={me} api={stub.api} />
      </LiveAnnouncer>
    </MemoryRouter>
  );
  if (locale) renderIn(locale, ui);
  else render(ui);
  return stub;
}

function fill(form: HTMLElement, fields: { name?: string; shortName?: string; tenantId?: string; domains?: string }) {
  if (fields.name !== undefined) fireEvent.change(within(form).getByRole("textbox", { name: /^Name|^Nom/ }), { target: { value: fields.name } });
  if (fields.shortName !== undefined) fireEvent.change(within(form).getByRole("textbox", { name: /^Short name|^Nom abrégé/ }), { target: { value: fields.shortName } });
  if (fields.tenantId !== undefined) fireEvent.change(within(form).getByRole("textbox", { name: /^Entra tenant id|^ID de locataire/ }), { target: { value: fields.tenantId } });
  if (fields.domains !== undefined) fireEvent.change(within(form).getByRole("textbox", { name: /^Email domains|^Domaines de courriel/ }), { target: { value: fields.domains } });
}

describe("Agencies page", () => {
  it("lists agencies with their tenant, domains and people, and registers a new one", async () => {
    const pmc = { id: "a-pmc", name: "Prime Minister and Cabinet", shortName: "PM&C", tenantId: T, emailDomains: ["pmc.gov.au", ".pmc.gov.au"], people: 3 };
    let registered = false;
    const stub = renderPage({
      "GET /api/v1/agencies": () => ({ items: registered ? [finance, pmc] : [finance], signInDomains: SIGN_IN }),
      "POST /api/v1/agencies": () => {
        registered = true;
        return { ...pmc, matchedPeople: 3 };
      },
    });
    const list = await screen.findByRole("list", { name: "Registered agencies" });
    expect(within(list).getByText(/ · 12 people/)).toBeTruthy();
    expect(within(list).getByRole("list", { name: "Email domains of Department of Finance" }).textContent).toContain("finance.gov.au");
    const form = screen.getByRole("form", { name: "Register an agency" });
    fireEvent.change(within(form).getByRole("textbox", { name: /^Name/ }), { target: { value: "Prime Minister and Cabinet" } });
    fireEvent.change(within(form).getByRole("textbox", { name: /^Short name/ }), { target: { value: "PM&C" } });
    fireEvent.change(within(form).getByRole("textbox", { name: /^Entra tenant id/ }), { target: { value: T } });
    fireEvent.change(within(form).getByRole("textbox", { name: /^Email domains/ }), { target: { value: "pmc.gov.au, .pmc.gov.au" } });
    fireEvent.click(within(form).getByRole("button", { name: "Register agency" }));
    expect((await screen.findAllByText("Prime Minister and Cabinet is registered. 3 people were matched to agencies again.")).length).toBeGreaterThan(0);
    expect(stub.calls.find((c) => c.method === "POST")?.body).toEqual({ name: "Prime Minister and Cabinet", shortName: "PM&C", tenantId: T, emailDomains: ["pmc.gov.au", ".pmc.gov.au"] });
    // Each agency is an item (its domains are a list of their own inside it).
    await waitFor(() => expect(screen.getByRole("list", { name: "Registered agencies" }).children).toHaveLength(2));
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

describe("Agencies page: which domains are live", () => {
  const mixed = {
    id: "a-mix",
    name: "Bureau of Mixed Fortunes",
    shortName: "BMF",
    tenantId: T,
    emailDomains: ["pmc.gov.au", "gone.gov.au", ".part.gov.au"],
    domains: [
      { domain: "pmc.gov.au", status: "live" },
      { domain: "gone.gov.au", status: "inactive" },
      { domain: ".part.gov.au", status: "partial" },
    ],
    people: 0,
  };

  it("shows, per agency, which of its domains are live, in words", async () => {
    renderPage({ "GET /api/v1/agencies": { items: [finance, mixed], signInDomains: SIGN_IN } });
    const domains = await screen.findByRole("list", { name: "Email domains of Bureau of Mixed Fortunes" });
    const rows = within(domains).getAllByRole("listitem").map((li) => li.textContent);
    expect(rows[0]).toMatch(/^pmc\.gov\.auLivePeople there can sign in\.$/);
    expect(rows[1]).toMatch(/^gone\.gov\.auNot liveNot on the sign-in allow-list/);
    expect(rows[2]).toMatch(/^\.part\.gov\.auPartly liveOnly some of its subdomains/);
    expect(screen.getByText(/2 domains are not \(fully\) on the sign-in allow-list/)).toBeTruthy();
    const financeDomains = screen.getByRole("list", { name: "Email domains of Department of Finance" });
    expect(within(financeDomains).getByText("Live")).toBeTruthy();
  });

  it("shows each typed domain's status as the platform owner types; none live cannot be registered", async () => {
    const stub = renderPage({ "GET /api/v1/agencies": { items: [finance], signInDomains: SIGN_IN } });
    await screen.findByRole("list", { name: "Registered agencies" });
    const form = screen.getByRole("form", { name: "Register an agency" });
    fill(form, { domains: "gone.gov.au" });
    expect(within(form).getByText(/None of these domains is on the sign-in allow-list/)).toBeTruthy();
    expect(within(within(form).getByRole("list", { name: "Sign-in status of these domains" })).getByText("Not live")).toBeTruthy();
    expect(within(form).queryByRole("checkbox")).toBeNull();
    fill(form, { domains: "PMC.gov.au, " });
    expect(within(form).getByText("People at every one of these domains can sign in.")).toBeTruthy();
    expect(within(within(form).getByRole("list", { name: "Sign-in status of these domains" })).getByText("Live")).toBeTruthy();
    expect(stub.calls.filter((c) => c.method !== "GET")).toEqual([]);
  });

  it("asks for an acknowledgement when some domains are not live, and sends it", async () => {
    const stub = renderPage({
      "GET /api/v1/agencies": { items: [finance], signInDomains: SIGN_IN },
      "POST /api/v1/agencies": (req) =>
        (req.body as { acknowledgeInactiveDomains?: boolean }).acknowledgeInactiveDomains
          ? { ...mixed, matchedPeople: 0 }
          : apiError(400, "agency.inactive_domains", "2 of the agency's email domains are not fully on the allow-list.", {
              issues: [{ path: "acknowledgeInactiveDomains", message: "Confirm that you are registering the agency knowing that people there cannot sign in yet." }],
            }),
    });
    await screen.findByRole("list", { name: "Registered agencies" });
    const form = screen.getByRole("form", { name: "Register an agency" });
    fill(form, { name: mixed.name, shortName: "BMF", tenantId: T, domains: "pmc.gov.au, gone.gov.au, .part.gov.au" });
    expect(within(form).getByText("2 domains are not (fully) on the sign-in allow-list (ALLOWED_EMAIL_DOMAINS): people there cannot sign in yet.")).toBeTruthy();
    const statuses = within(form).getByRole("list", { name: "Sign-in status of these domains" });
    expect(within(statuses).getAllByRole("listitem").map((li) => li.textContent?.replace(/[A-Z].*$/, ""))).toEqual(["pmc.gov.au", "gone.gov.au", ".part.gov.au"]);
    const acknowledge = within(form).getByRole("checkbox", { name: /Save anyway: I know that people at the 2 domains not on the allow-list cannot sign in/ });
    // Not ticked: the server asks for it, beside the checkbox.
    fireEvent.click(within(form).getByRole("button", { name: "Register agency" }));
    expect(await within(form).findByText("Confirm that you are registering the agency knowing that people there cannot sign in yet.")).toBeTruthy();
    expect(stub.calls.find((c) => c.method === "POST")?.body).not.toHaveProperty("acknowledgeInactiveDomains");
    fireEvent.click(acknowledge);
    fireEvent.click(within(form).getByRole("button", { name: "Register agency" }));
    // Shown in the success bar and, a moment later, in the live region: either may come first.
    expect((await screen.findAllByText(/Bureau of Mixed Fortunes is registered/)).length).toBeGreaterThan(0);
    expect(stub.calls.filter((c) => c.method === "POST").at(-1)?.body).toMatchObject({ emailDomains: ["pmc.gov.au", "gone.gov.au", ".part.gov.au"], acknowledgeInactiveDomains: true });
  });

  it("asks again when another inactive domain is typed after acknowledging", async () => {
    renderPage({ "GET /api/v1/agencies": { items: [finance], signInDomains: SIGN_IN } });
    await screen.findByRole("list", { name: "Registered agencies" });
    const form = screen.getByRole("form", { name: "Register an agency" });
    fill(form, { domains: "pmc.gov.au, gone.gov.au" });
    fireEvent.click(within(form).getByRole("checkbox"));
    expect((within(form).getByRole("checkbox") as HTMLInputElement).checked).toBe(true);
    fill(form, { domains: "pmc.gov.au, gone.gov.au, lost.gov.au" });
    expect((within(form).getByRole("checkbox") as HTMLInputElement).checked).toBe(false);
  });

  it("when changing an agency, asks only about the domains the change adds", async () => {
    renderPage({ "GET /api/v1/agencies": { items: [mixed], signInDomains: SIGN_IN } });
    fireEvent.click(await screen.findByRole("button", { name: "Change Bureau of Mixed Fortunes" }));
    const form = screen.getByRole("form", { name: "Change Bureau of Mixed Fortunes" });
    expect(within(form).getByText(/2 domains are not \(fully\) on the sign-in allow-list/)).toBeTruthy();
    expect(within(form).queryByRole("checkbox")).toBeNull();
    fill(form, { domains: "pmc.gov.au, gone.gov.au, .part.gov.au, new.gov.au" });
    expect(within(form).getByRole("checkbox", { name: /the domain not on the allow-list/ })).toBeTruthy();
  });

  it("is in French (fr-CA): statuses, the live note and the acknowledgement", async () => {
    renderPage({ "GET /api/v1/agencies": { items: [finance, mixed], signInDomains: SIGN_IN } }, owner, "fr-CA");
    const domains = await screen.findByRole("list", { name: "Domaines de courriel de Bureau of Mixed Fortunes" });
    expect(within(domains).getByText("Actif")).toBeTruthy();
    expect(within(domains).getByText("Inactif")).toBeTruthy();
    expect(within(domains).getByText("Partiellement actif")).toBeTruthy();
    const form = screen.getByRole("form", { name: "Inscrire un organisme" });
    fill(form, { domains: "pmc.gov.au, gone.gov.au" });
    expect(within(form).getByText(/1\sdomaine n’est pas \(entièrement\) inscrit/)).toBeTruthy();
    expect(within(form).getByRole("checkbox", { name: /^Enregistrer quand même/ })).toBeTruthy();
  });
});
