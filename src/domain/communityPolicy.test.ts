import { describe, expect, it } from "vitest";
import { authorizeCommunity, communityAbilities, denialText, joinBlockedReason, type CommunityFacts, type ViewerFacts } from "./communityPolicy.js";
import { actorFor } from "./policy.js";

const FINANCE = "a-finance";
const ABS = "a-abs";

const TENANT = "7f1c2a4e-0b8d-4c1e-9a51-3d2f6b8e1a01";
const actor = actorFor(
  { tenantId: TENANT, objectId: "a0000000-0000-4000-8000-000000000002", displayName: "Tom", email: "tom@finance.gov.au", isGuest: false, homeTenantId: TENANT, roles: [], groups: [] },
  { allowedTenantIds: new Set([TENANT]), allowedEmailDomains: ["finance.gov.au"], allowGuestsFromAllowedTenants: false, platformOwnerRole: "Guildhall.PlatformOwner", platformOwnerGroupIds: new Set() },
);

const community = (over: Partial<CommunityFacts> = {}): CommunityFacts => ({ status: "approved", visibility: "closed", scope: "cross_agency", agencyIds: [], ...over });
const viewer = (over: Partial<ViewerFacts> = {}): ViewerFacts => ({ actor, agencyId: FINANCE, role: null, invited: false, requested: false, proposer: false, ...over });

describe("joining a community", () => {
  it("offers a stranger to a closed community a request, not a join", () => {
    const can = communityAbilities(community(), viewer());
    expect(can["community.join"]).toBe(false);
    expect(can["community.request"]).toBe(true);
  });

  it("offers someone invited to a closed community Join only: the invitation lets them in", () => {
    const can = communityAbilities(community(), viewer({ invited: true }));
    expect(can["community.join"]).toBe(true);
    expect(can["community.request"]).toBe(false);
    expect(authorizeCommunity(community(), viewer({ invited: true }), "community.request")).toEqual({ allowed: false, reason: "invited" });
  });

  it("gives a person of another agency the reason they cannot join an agency-only community", () => {
    const c = community({ scope: "agency_only", agencyIds: [FINANCE] });
    expect(communityAbilities(c, viewer({ agencyId: ABS }))).toMatchObject({ "community.join": false, "community.request": false });
    expect(joinBlockedReason(c, viewer({ agencyId: ABS }))).toBe(denialText("agency_only"));
    expect(joinBlockedReason(c, viewer({ agencyId: null }))).toBe(denialText("agency_only"));
    expect(joinBlockedReason(community({ scope: "agency_only", agencyIds: [FINANCE], visibility: "open" }), viewer({ agencyId: ABS }))).toBe(denialText("agency_only"));
  });

  it("gives no reason to those who can join or ask, to members, or where the page already says why", () => {
    const c = community({ scope: "agency_only", agencyIds: [FINANCE] });
    expect(joinBlockedReason(c, viewer())).toBeNull();
    expect(joinBlockedReason(community({ visibility: "open" }), viewer())).toBeNull();
    expect(joinBlockedReason(c, viewer({ agencyId: ABS, role: "member" }))).toBeNull();
    expect(joinBlockedReason({ ...c, status: "archived" }, viewer({ agencyId: ABS }))).toBeNull();
  });
});
