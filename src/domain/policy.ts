/**
 * Every permission in one module, deny by default. Routes and bot handlers call `authorize()`; the tab
 * receives `permissionsFor()` and never re-implements a rule. Later features add actions here.
 */
import { sourceFormatter } from "../i18n/format.js";
import { emailDomain, type Principal } from "./identity.js";
import { REASON_MESSAGES } from "./policyText.js";
import { domainAllowed } from "./signInDomains.js";

const sourceText = sourceFormatter();

export interface EligibilitySettings {
  allowedTenantIds: ReadonlySet<string>;
  allowedEmailDomains: readonly string[];
  allowGuestsFromAllowedTenants: boolean;
  platformOwnerRole: string;
  platformOwnerGroupIds: ReadonlySet<string>;
}

export type IneligibleReason =
  | "tenant_not_allowed"
  | "guest_not_allowed"
  | "guest_home_tenant_not_allowed"
  | "domain_not_allowed"
  | "no_verified_email";

export type Eligibility =
  | { eligible: true; domain: string }
  | { eligible: false; reason: IneligibleReason };

/** A sentence a person can read for each reason, in en-AU (the tab and the server's errors use `REASON_MESSAGES`). */
export function reasonText(reason: IneligibleReason): string {
  return sourceText.formatMessage(REASON_MESSAGES[reason]);
}

/** The sign-in domain rule lives with the agency-domain liveness that must agree with it. */
export { domainAllowed };

/**
 * Is this person a verified public servant? Tenant allow-list, then guest rules, then the verified
 * domain allow-list. Every branch that is not explicitly allowed is denied.
 */
export function assessEligibility(p: Principal, s: EligibilitySettings): Eligibility {
  if (!s.allowedTenantIds.has(p.tenantId.toLowerCase())) return { eligible: false, reason: "tenant_not_allowed" };
  if (p.isGuest) {
    if (!s.allowGuestsFromAllowedTenants) return { eligible: false, reason: "guest_not_allowed" };
    if (!p.homeTenantId || !s.allowedTenantIds.has(p.homeTenantId.toLowerCase())) {
      return { eligible: false, reason: "guest_home_tenant_not_allowed" };
    }
  }
  const domain = emailDomain(p.email);
  if (!domain) return { eligible: false, reason: "no_verified_email" };
  if (!domainAllowed(domain, s.allowedEmailDomains)) return { eligible: false, reason: "domain_not_allowed" };
  return { eligible: true, domain };
}

export function isPlatformOwner(p: Principal, s: EligibilitySettings): boolean {
  return p.roles.includes(s.platformOwnerRole) || p.groups.some((g) => s.platformOwnerGroupIds.has(g.toLowerCase()));
}

/** The actions Guildhall knows. Anything not listed here cannot be authorised. */
export const ACTIONS = [
  "guildhall.use",
  "profile.read",
  "profile.update",
  "directory.browse",
  "community.propose",
  "community.approve",
  "agency.manage",
] as const;
export type Action = (typeof ACTIONS)[number];

export type Decision =
  | { allowed: true }
  | { allowed: false; reason: IneligibleReason | "not_platform_owner" | "unknown_action" };

export interface Actor {
  principal: Principal;
  eligibility: Eligibility;
  platformOwner: boolean;
}

/** Build the actor once per request from a verified principal. */
export function actorFor(p: Principal, s: EligibilitySettings): Actor {
  const eligibility = assessEligibility(p, s);
  return { principal: p, eligibility, platformOwner: eligibility.eligible && isPlatformOwner(p, s) };
}

/** The one authorisation entry point. Deny by default. */
export function authorize(actor: Actor, action: Action): Decision {
  if (!actor.eligibility.eligible) return { allowed: false, reason: actor.eligibility.reason };
  switch (action) {
    case "guildhall.use":
    case "profile.read":
    case "profile.update":
    case "directory.browse":
    case "community.propose":
      return { allowed: true };
    case "community.approve":
    case "agency.manage":
      return actor.platformOwner ? { allowed: true } : { allowed: false, reason: "not_platform_owner" };
    default:
      return { allowed: false, reason: "unknown_action" };
  }
}

export type Permissions = Record<Action, boolean>;

/** Computed permissions the tab shows; the server decides, the tab displays. */
export function permissionsFor(actor: Actor): Permissions {
  const out = {} as Permissions;
  for (const a of ACTIONS) out[a] = authorize(actor, a).allowed;
  return out;
}

/** The tenant check alone, for entry points that carry no user token (bot activities). */
export function isTenantAllowed(tenantId: string | undefined, s: EligibilitySettings): boolean {
  return tenantId !== undefined && s.allowedTenantIds.has(tenantId.toLowerCase());
}

export { DENIAL_MESSAGES, REASON_MESSAGES, denialMessage, reasonMessage } from "./policyText.js";
export { authorizeCommunity, canSee, communityAbilities, denialText, joinBlockedDenial, joinBlockedReason, COMMUNITY_ACTIONS } from "./communityPolicy.js";
export type { CommunityAction, CommunityDecision, CommunityDenial, CommunityFacts, ViewerFacts } from "./communityPolicy.js";
