/** Issue 8's abilities in the policy: editing, the code of practice, visibility, a proposal's life, un-archiving. */
import { describe, expect, it } from "vitest";
import { authorizeCommunity, authorizeVisibilityChange, communityAbilities, type CommunityAction, type CommunityFacts, type ViewerFacts } from "./communityPolicy.js";
import { actorFor } from "./policy.js";

const TENANT = "7f1c2a4e-0b8d-4c1e-9a51-3d2f6b8e1a01";
const settings = { allowedTenantIds: new Set([TENANT]), allowedEmailDomains: ["finance.gov.au"], allowGuestsFromAllowedTenants: false, platformOwnerRole: "Guildhall.PlatformOwner", platformOwnerGroupIds: new Set<string>() };
const principal = { tenantId: TENANT, objectId: "a0000000-0000-4000-8000-000000000002", displayName: "Tom", email: "tom@finance.gov.au", isGuest: false, homeTenantId: TENANT, groups: [] };
const actor = actorFor({ ...principal, roles: [] }, settings);
const platformOwner = actorFor({ ...principal, roles: ["Guildhall.PlatformOwner"] }, settings);
const ineligible = actorFor({ ...principal, email: "tom@example.com", roles: [] }, settings);

const community = (over: Partial<CommunityFacts> = {}): CommunityFacts => ({ status: "approved", visibility: "closed", scope: "cross_agency", agencyIds: [], teamsPresence: "private_channel", ...over });
const viewer = (over: Partial<ViewerFacts> = {}): ViewerFacts => ({ actor, agencyId: null, role: null, invited: false, requested: false, proposer: false, ...over });

const owner = viewer({ role: "owner" });
const moderator = viewer({ role: "moderator" });
const member = viewer({ role: "member" });
const stranger = viewer();
const po = viewer({ actor: platformOwner });
const proposer = viewer({ proposer: true });

const allowed = (c: CommunityFacts, v: ViewerFacts, a: CommunityAction) => authorizeCommunity(c, v, a).allowed;
const reason = (c: CommunityFacts, v: ViewerFacts, a: CommunityAction) => {
  const d = authorizeCommunity(c, v, a);
  return d.allowed ? "allowed" : d.reason;
};

describe("editing a live community", () => {
  it.each(["community.edit", "community.editCode", "community.changeVisibility"] as const)("%s: owners and platform owners only", (a) => {
    expect(allowed(community(), owner, a)).toBe(true);
    expect(allowed(community(), po, a)).toBe(true);
    expect(reason(community(), moderator, a)).toBe("not_owner");
    expect(reason(community(), member, a)).toBe("not_owner");
    expect(reason(community(), stranger, a)).toBe("not_owner");
    expect(reason(community(), viewer({ actor: ineligible, role: "owner" }), a)).toBe("ineligible");
  });

  it.each(["community.edit", "community.editCode", "community.changeVisibility"] as const)("%s: never an archived community or a proposal", (a) => {
    expect(reason(community({ status: "archived" }), owner, a)).toBe("archived");
    expect(reason(community({ status: "proposed" }), po, a)).toBe("not_active");
    expect(reason(community({ status: "rejected" }), viewer({ proposer: true, role: "owner" }), a)).toBe("not_active");
  });

  it("a hidden community is not found by someone who may not see it, even to edit", () => {
    expect(reason(community({ visibility: "hidden" }), stranger, "community.edit")).toBe("not_found");
  });

  it("a community in a standard channel (or an unknown presence) can never change its visibility", () => {
    expect(reason(community({ visibility: "open", teamsPresence: "standard_channel" }), owner, "community.changeVisibility")).toBe("fixed_visibility");
    expect(reason(community({ visibility: "open", teamsPresence: undefined }), po, "community.changeVisibility")).toBe("fixed_visibility");
    expect(allowed(community({ visibility: "open", teamsPresence: "standard_channel" }), owner, "community.edit")).toBe(true);
    expect(allowed(community({ teamsPresence: "team" }), owner, "community.changeVisibility")).toBe(true);
  });
});

describe("moving between visibilities", () => {
  const move = (from: CommunityFacts["visibility"], to: CommunityFacts["visibility"], v: ViewerFacts, pending = 0) => {
    const d = authorizeVisibilityChange(community({ visibility: from }), v, to, pending);
    return d.allowed ? "allowed" : d.reason;
  };
  it("open ↔ closed is safe for a private channel or a team", () => {
    expect(move("open", "closed", owner)).toBe("allowed");
    expect(move("closed", "open", owner)).toBe("allowed");
    expect(authorizeVisibilityChange(community({ visibility: "open", teamsPresence: "team" }), owner, "closed", 0).allowed).toBe(true);
  });
  it("hiding waits until no request to join is pending", () => {
    expect(move("closed", "hidden", owner)).toBe("allowed");
    expect(move("closed", "hidden", owner, 2)).toBe("pending_requests");
    expect(move("open", "hidden", po, 1)).toBe("pending_requests");
  });
  it("revealing a hidden community is a platform owner's decision", () => {
    expect(move("hidden", "closed", owner)).toBe("reveal_hidden");
    expect(move("hidden", "open", owner)).toBe("reveal_hidden");
    expect(move("hidden", "open", po)).toBe("allowed");
  });
  it("the same visibility again is allowed; the base ability still applies", () => {
    expect(move("hidden", "hidden", owner)).toBe("allowed");
    expect(move("closed", "open", member)).toBe("not_owner");
    expect(authorizeVisibilityChange(community({ visibility: "open", teamsPresence: "standard_channel" }), owner, "closed", 0)).toEqual({ allowed: false, reason: "fixed_visibility" });
  });
});

describe("a proposal's life", () => {
  it("the proposer withdraws a proposal awaiting approval or not approved, nothing else", () => {
    expect(allowed(community({ status: "proposed" }), proposer, "community.withdraw")).toBe(true);
    expect(allowed(community({ status: "rejected" }), proposer, "community.withdraw")).toBe(true);
    expect(reason(community({ status: "approved" }), viewer({ proposer: true, role: "owner" }), "community.withdraw")).toBe("not_pending");
    expect(reason(community({ status: "archived" }), viewer({ proposer: true, role: "owner" }), "community.withdraw")).toBe("not_pending");
  });
  it("the proposer edits only while it awaits approval, and resubmits only when it was not approved", () => {
    expect(allowed(community({ status: "proposed" }), proposer, "community.editProposal")).toBe(true);
    expect(reason(community({ status: "rejected" }), proposer, "community.editProposal")).toBe("not_pending");
    expect(allowed(community({ status: "rejected" }), proposer, "community.resubmit")).toBe(true);
    expect(reason(community({ status: "proposed" }), proposer, "community.resubmit")).toBe("not_rejected");
  });
  it.each(["community.withdraw", "community.editProposal", "community.resubmit"] as const)("%s: not a platform owner, nor anyone else", (a) => {
    expect(reason(community({ status: "proposed" }), po, a)).toBe("not_proposer");
    expect(reason(community({ status: "rejected" }), po, a)).toBe("not_proposer");
    // Others cannot even see a proposal.
    expect(reason(community({ status: "proposed" }), stranger, a)).toBe("not_found");
    expect(reason(community({ status: "rejected" }), viewer({ actor: ineligible, proposer: true }), a)).toBe("ineligible");
  });
});

describe("un-archiving", () => {
  it("platform owners un-archive an archived community; owners cannot", () => {
    expect(allowed(community({ status: "archived" }), po, "community.unarchive")).toBe(true);
    expect(reason(community({ status: "archived" }), owner, "community.unarchive")).toBe("not_platform_owner");
    expect(reason(community({ status: "archived" }), member, "community.unarchive")).toBe("not_platform_owner");
    expect(reason(community({ status: "approved" }), po, "community.unarchive")).toBe("not_archived");
    expect(reason(community({ status: "proposed" }), po, "community.unarchive")).toBe("not_archived");
  });
  it("owners and platform owners retry a failed restore in Teams once it is active again", () => {
    expect(allowed(community(), owner, "community.retryUnarchive")).toBe(true);
    expect(allowed(community(), po, "community.retryUnarchive")).toBe(true);
    expect(reason(community(), member, "community.retryUnarchive")).toBe("not_owner");
    expect(reason(community({ status: "archived" }), owner, "community.retryUnarchive")).toBe("archived");
  });
  it("the abilities the tab receives carry every new action", () => {
    const can = communityAbilities(community({ status: "archived" }), po);
    expect(can).toMatchObject({ "community.unarchive": true, "community.edit": false, "community.withdraw": false });
  });
});
