/**
 * Who may see and do what in a community. Part of the one policy module (re-exported by policy.ts);
 * deny by default. A hidden community is invisible to anyone who may not see it: callers answer 404.
 */
import { sourceFormatter } from "../i18n/format.js";
import type { Actor } from "./policy.js";
import { DENIAL_MESSAGES } from "./policyText.js";
import type { CommunityStatus, Role, Scope, TeamsPresence, Visibility } from "./communities.js";

export interface CommunityFacts {
  status: CommunityStatus;
  visibility: Visibility;
  scope: Scope;
  /** Agencies admitted when scope is agency_only. */
  agencyIds: readonly string[];
  /** Where it lives in Teams; unknown, its visibility cannot change (deny by default). */
  teamsPresence?: TeamsPresence;
}

export interface ViewerFacts {
  actor: Actor;
  /** The viewer's agency (resolved from tenant + domain), if known. */
  agencyId: string | null;
  /** The viewer's active membership role in this community, if any. */
  role: Role | null;
  /** The viewer has a pending invitation to this community. */
  invited: boolean;
  /** The viewer has a pending join request. */
  requested: boolean;
  /** The viewer proposed this community. */
  proposer: boolean;
}

export const COMMUNITY_ACTIONS = [
  "community.view",
  "community.join",
  "community.request",
  "community.leave",
  "community.invite",
  "community.decideRequests",
  "community.manageMembers",
  "community.changeRoles",
  "community.transferOwnership",
  "community.decideProposal",
  "community.retryProvisioning",
  "community.archive",
  "community.retryArchive",
  "community.edit",
  "community.editCode",
  "community.changeVisibility",
  "community.withdraw",
  "community.editProposal",
  "community.resubmit",
  "community.unarchive",
  "community.retryUnarchive",
] as const;
export type CommunityAction = (typeof COMMUNITY_ACTIONS)[number];

export type CommunityDenial =
  | "ineligible"
  | "not_found"
  | "agency_only"
  | "not_open"
  | "not_closed"
  | "invited"
  | "already_member"
  | "not_member"
  | "not_moderator"
  | "not_owner"
  | "not_platform_owner"
  | "archived"
  | "not_active"
  | "last_owner"
  | "not_proposer"
  | "not_pending"
  | "not_rejected"
  | "not_archived"
  | "fixed_visibility"
  | "reveal_hidden"
  | "pending_requests";

export type CommunityDecision = { allowed: true } | { allowed: false; reason: CommunityDenial };

const sourceText = sourceFormatter();

const allow: CommunityDecision = { allowed: true };
const deny = (reason: CommunityDenial): CommunityDecision => ({ allowed: false, reason });

/** May the viewer know this community exists? */
export function canSee(c: CommunityFacts, v: ViewerFacts): boolean {
  if (!v.actor.eligibility.eligible) return false;
  if (v.actor.platformOwner) return true;
  if (v.role !== null || v.proposer) return true;
  if (c.status !== "approved" && c.status !== "archived") return false;
  if (c.visibility === "hidden") return v.invited;
  return true;
}

export function agencyAdmitted(c: CommunityFacts, agencyId: string | null): boolean {
  return c.scope === "cross_agency" || (agencyId !== null && c.agencyIds.includes(agencyId));
}

const isModerator = (r: Role | null) => r === "owner" || r === "moderator";

/** Every community permission. Anything not explicitly allowed is denied. */
export function authorizeCommunity(c: CommunityFacts, v: ViewerFacts, action: CommunityAction): CommunityDecision {
  if (!v.actor.eligibility.eligible) return deny("ineligible");
  if (!canSee(c, v)) return deny("not_found");
  const active = c.status === "approved";
  switch (action) {
    case "community.view":
      return allow;
    case "community.join":
      if (!active) return deny(c.status === "archived" ? "archived" : "not_active");
      if (v.role) return deny("already_member");
      if (!agencyAdmitted(c, v.agencyId)) return deny("agency_only");
      if (c.visibility === "open" || v.invited) return allow;
      return deny("not_open");
    case "community.request":
      if (!active) return deny(c.status === "archived" ? "archived" : "not_active");
      if (v.role) return deny("already_member");
      if (!agencyAdmitted(c, v.agencyId)) return deny("agency_only");
      if (c.visibility !== "closed") return deny("not_closed");
      // An invitation already lets them in: they join, with no request for the moderators to decide.
      return v.invited ? deny("invited") : allow;
    case "community.leave":
      return v.role ? allow : deny("not_member");
    case "community.invite":
    case "community.decideRequests":
    case "community.manageMembers":
      if (!active) return deny(c.status === "archived" ? "archived" : "not_active");
      return isModerator(v.role) ? allow : deny("not_moderator");
    case "community.changeRoles":
    case "community.transferOwnership":
    case "community.edit":
    case "community.editCode":
      if (!active) return deny(c.status === "archived" ? "archived" : "not_active");
      return v.role === "owner" || v.actor.platformOwner ? allow : deny("not_owner");
    case "community.changeVisibility":
      if (!active) return deny(c.status === "archived" ? "archived" : "not_active");
      if (v.role !== "owner" && !v.actor.platformOwner) return deny("not_owner");
      // A standard channel is seen by everyone in the host team: its community can only ever be open.
      return c.teamsPresence === "private_channel" || c.teamsPresence === "team" ? allow : deny("fixed_visibility");
    case "community.withdraw":
      if (!v.proposer) return deny("not_proposer");
      return c.status === "proposed" || c.status === "rejected" ? allow : deny("not_pending");
    case "community.editProposal":
      if (!v.proposer) return deny("not_proposer");
      return c.status === "proposed" ? allow : deny("not_pending");
    case "community.resubmit":
      if (!v.proposer) return deny("not_proposer");
      return c.status === "rejected" ? allow : deny("not_rejected");
    case "community.unarchive":
      if (c.status !== "archived") return deny("not_archived");
      return v.actor.platformOwner ? allow : deny("not_platform_owner");
    case "community.archive":
      if (c.status === "archived") return deny("archived");
      if (!active) return deny("not_active");
      return v.role === "owner" || v.actor.platformOwner ? allow : deny("not_owner");
    case "community.decideProposal":
      if (c.status !== "proposed") return deny("not_active");
      return v.actor.platformOwner ? allow : deny("not_platform_owner");
    case "community.retryProvisioning":
      if (!active) return deny("not_active");
      return v.role === "owner" || v.actor.platformOwner ? allow : deny("not_owner");
    case "community.retryUnarchive":
      if (!active) return deny(c.status === "archived" ? "archived" : "not_active");
      return v.role === "owner" || v.actor.platformOwner ? allow : deny("not_owner");
    case "community.retryArchive":
      if (c.status !== "archived") return deny("not_active");
      return v.role === "owner" || v.actor.platformOwner ? allow : deny("not_owner");
    default:
      return deny("not_found");
  }
}

/**
 * May the viewer move this community from its visibility to `to`? On top of `community.changeVisibility`:
 * - open ↔ closed: Teams already admits members only (a private channel or a team), so only Guildhall's door
 *   changes; safe.
 * - to hidden: the community disappears for everyone not a member or invited, so it waits until no one has a
 *   request to join pending (they would lose sight of it without an answer).
 * - from hidden: reveals that it exists, its name and purpose, to every public servant; a platform owner decides.
 * The same visibility again is allowed (nothing changes).
 */
export function authorizeVisibilityChange(c: CommunityFacts, v: ViewerFacts, to: Visibility, pendingRequests: number): CommunityDecision {
  const base = authorizeCommunity(c, v, "community.changeVisibility");
  if (!base.allowed || to === c.visibility) return base;
  if (c.visibility === "hidden" && !v.actor.platformOwner) return deny("reveal_hidden");
  if (to === "hidden" && pendingRequests > 0) return deny("pending_requests");
  return allow;
}

/** The abilities the tab shows for one community. */
export function communityAbilities(c: CommunityFacts, v: ViewerFacts): Record<CommunityAction, boolean> {
  const out = {} as Record<CommunityAction, boolean>;
  for (const a of COMMUNITY_ACTIONS) out[a] = authorizeCommunity(c, v, a).allowed;
  return out;
}

/**
 * Why this person cannot join or ask to join, in plain words, when the tab should say so where those
 * actions would be: today only a community for other agencies. Null when they can join or ask, are a
 * member already, or the community is not open to joining for reasons the page shows otherwise.
 */
export function joinBlockedReason(c: CommunityFacts, v: ViewerFacts): string | null {
  const denial = joinBlockedDenial(c, v);
  return denial ? denialText(denial) : null;
}

/** The denial behind `joinBlockedReason` (its sentence is `DENIAL_MESSAGES[denial]`), or null. */
export function joinBlockedDenial(c: CommunityFacts, v: ViewerFacts): CommunityDenial | null {
  const join = authorizeCommunity(c, v, "community.join");
  if (join.allowed || authorizeCommunity(c, v, "community.request").allowed) return null;
  return join.reason === "agency_only" ? join.reason : null;
}

/** The sentence for a denial, in en-AU (the tab and the server's errors use `DENIAL_MESSAGES`). */
export function denialText(reason: CommunityDenial): string {
  return sourceText.formatMessage(DENIAL_MESSAGES[reason]);
}
