import { describe, expect, it } from "vitest";
import type { Principal } from "./identity.js";
import { actorFor, assessEligibility, authorize, domainAllowed, isTenantAllowed, permissionsFor, type EligibilitySettings } from "./policy.js";

const A = "7f1c2a4e-0b8d-4c1e-9a51-3d2f6b8e1a01";
const B = "2b9e6d10-5c3a-4f7e-8d21-6a4c9e0f3b02";
const X = "c0ffee00-1111-4222-8333-444455556666";

const settings = (over: Partial<EligibilitySettings> = {}): EligibilitySettings => ({
  allowedTenantIds: new Set([A, B]),
  allowedEmailDomains: ["finance.gov.au", ".abs.gov.au", "dta.gov.au"],
  allowGuestsFromAllowedTenants: false,
  platformOwnerRole: "Guildhall.PlatformOwner",
  platformOwnerGroupIds: new Set(["aaaaaaaa-0000-4000-8000-000000000001"]),
  ...over,
});

const person = (over: Partial<Principal> = {}): Principal => ({
  tenantId: A,
  objectId: "a0000000-0000-4000-8000-000000000002",
  displayName: "Tom",
  email: "tom@finance.gov.au",
  isGuest: false,
  homeTenantId: A,
  roles: [],
  groups: [],
  ...over,
});

describe("eligibility", () => {
  it("admits a member of an allow-listed tenant with an allow-listed domain", () => {
    expect(assessEligibility(person(), settings())).toEqual({ eligible: true, domain: "finance.gov.au" });
  });

  it("refuses a tenant that is not allow-listed even with a good domain", () => {
    expect(assessEligibility(person({ tenantId: X }), settings())).toEqual({ eligible: false, reason: "tenant_not_allowed" });
  });

  it("refuses guests by default, even from allow-listed home tenants", () => {
    expect(assessEligibility(person({ isGuest: true, homeTenantId: B, email: "x@dta.gov.au" }), settings())).toEqual({
      eligible: false,
      reason: "guest_not_allowed",
    });
  });

  it("admits a guest only when configured and their home tenant is allow-listed", () => {
    const s = settings({ allowGuestsFromAllowedTenants: true });
    expect(assessEligibility(person({ isGuest: true, homeTenantId: B, email: "x@dta.gov.au" }), s).eligible).toBe(true);
    expect(assessEligibility(person({ isGuest: true, homeTenantId: X, email: "x@dta.gov.au" }), s)).toEqual({
      eligible: false,
      reason: "guest_home_tenant_not_allowed",
    });
    expect(assessEligibility(person({ isGuest: true, homeTenantId: undefined, email: "x@dta.gov.au" }), s).eligible).toBe(false);
  });

  it("refuses a domain not on the list, and a missing address", () => {
    expect(assessEligibility(person({ email: "tom@gmail.com" }), settings())).toEqual({ eligible: false, reason: "domain_not_allowed" });
    expect(assessEligibility(person({ email: undefined }), settings())).toEqual({ eligible: false, reason: "no_verified_email" });
  });

  it("matches exact domains and dotted suffixes only", () => {
    const list = ["finance.gov.au", ".abs.gov.au"];
    expect(domainAllowed("finance.gov.au", list)).toBe(true);
    expect(domainAllowed("evilfinance.gov.au", list)).toBe(false);
    expect(domainAllowed("sub.finance.gov.au", list)).toBe(false);
    expect(domainAllowed("stats.abs.gov.au", list)).toBe(true);
    expect(domainAllowed("abs.gov.au", list)).toBe(false);
    expect(domainAllowed("notabs.gov.au", list)).toBe(false);
  });

  it("checks tenants for bot entry points", () => {
    expect(isTenantAllowed(A, settings())).toBe(true);
    expect(isTenantAllowed(A.toUpperCase(), settings())).toBe(true);
    expect(isTenantAllowed(X, settings())).toBe(false);
    expect(isTenantAllowed(undefined, settings())).toBe(false);
  });
});

describe("authorize", () => {
  it("denies every action to an ineligible person, with the eligibility reason", () => {
    const actor = actorFor(person({ tenantId: X }), settings());
    expect(authorize(actor, "guildhall.use")).toEqual({ allowed: false, reason: "tenant_not_allowed" });
    expect(Object.values(permissionsFor(actor)).every((v) => v === false)).toBe(true);
  });

  it("lets public servants use Guildhall and propose, but not approve", () => {
    const actor = actorFor(person(), settings());
    expect(authorize(actor, "community.propose").allowed).toBe(true);
    expect(authorize(actor, "community.approve")).toEqual({ allowed: false, reason: "not_platform_owner" });
  });

  it("platform owners come from the app role or a configured group", () => {
    expect(authorize(actorFor(person({ roles: ["Guildhall.PlatformOwner"] }), settings()), "community.approve").allowed).toBe(true);
    expect(authorize(actorFor(person({ groups: ["aaaaaaaa-0000-4000-8000-000000000001"] }), settings()), "community.approve").allowed).toBe(true);
    expect(authorize(actorFor(person({ roles: ["Other"] }), settings()), "community.approve").allowed).toBe(false);
  });

  it("an ineligible platform owner is not a platform owner", () => {
    const actor = actorFor(person({ roles: ["Guildhall.PlatformOwner"], isGuest: true }), settings());
    expect(actor.platformOwner).toBe(false);
  });

  it("denies an action it does not know", () => {
    const actor = actorFor(person(), settings());
    expect(authorize(actor, "community.delete-everything" as never)).toEqual({ allowed: false, reason: "unknown_action" });
  });
});
