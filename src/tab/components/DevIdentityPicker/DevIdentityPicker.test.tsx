// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEMO_IDENTITIES } from "../../../domain/demo.js";
import type { DevIdentity } from "../../api/types.js";
import { DevIdentityPicker } from "./DevIdentityPicker.js";

const identities: DevIdentity[] = [
  {
    key: "priya",
    displayName: "Priya Raman",
    description: "Finance · platform owner",
    email: "priya.raman@finance.gov.au",
    jobTitle: "Director, Procurement Capability",
  },
  {
    key: "guest",
    displayName: "Jordan Lee (Guest)",
    description: "Guest account in Finance's tenant",
    email: "jordan.lee@consultancy.example.com",
    jobTitle: "Consultant",
  },
];

afterEach(cleanup);

describe("DevIdentityPicker", () => {
  it("lists every identity with its name and description", () => {
    render(<DevIdentityPicker identities={identities} onChoose={() => undefined} />);
    const list = screen.getByRole("list", { name: "Demo identities" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(2);
    expect(screen.getByRole("button", { name: /Priya Raman.*Finance · platform owner/ })).toBeTruthy();
    expect(screen.getByRole("button", { name: /Jordan Lee \(Guest\).*Guest account/ })).toBeTruthy();
  });

  it("offers every demo person the server lists: eight public servants across three agencies, a guest and an outsider", () => {
    const demo: DevIdentity[] = DEMO_IDENTITIES.map(({ key, displayName, description, email, jobTitle }) => ({ key, displayName, description, email, jobTitle }));
    render(<DevIdentityPicker identities={demo} onChoose={() => undefined} />);
    const buttons = within(screen.getByRole("list", { name: "Demo identities" })).getAllByRole("button");
    expect(buttons.map((b) => b.textContent)).toEqual([
      "Priya RamanFinance · platform owner",
      "Tom NguyenFinance · public servant",
      "Grace OkaforFinance · runs a grants program",
      "Liam WalshFinance · new to contract management",
      "Aisha KarimiDTA · community facilitator",
      "Mei ChenDTA · accessibility specialist",
      "Marcus BellABS · works alone in a regional office",
      "Ravi PatelABS · survey methodologist",
      "Jordan Lee (Guest)Guest account in Finance's tenant",
      "Sam OutsiderTenant not on the allow-list",
    ]);
  });

  it("calls back with the chosen identity's key", () => {
    const onChoose = vi.fn();
    render(<DevIdentityPicker identities={identities} onChoose={onChoose} />);
    fireEvent.click(screen.getByRole("button", { name: /Jordan Lee/ }));
    expect(onChoose).toHaveBeenCalledWith("guest");
  });

  it("disables the choices while one is being signed in", () => {
    const onChoose = vi.fn();
    render(<DevIdentityPicker identities={identities} onChoose={onChoose} pendingKey="priya" />);
    const button = screen.getByRole("button", { name: /Jordan Lee/ });
    expect(button.getAttribute("aria-disabled")).toBe("true");
    fireEvent.click(button);
    expect(onChoose).not.toHaveBeenCalled();
  });
});
