/**
 * The policy's sentences, as catalog messages (area `policy`): why a person cannot use Guildhall, and why a
 * community action is refused. Pure, so the tab, the server and the bot can all import them; the server sends
 * the id (`messageKey`) with its errors and the tab formats it in the person's language.
 */
import { defineMessages, type MessageDescriptor } from "../i18n/format.js";
import type { CommunityDenial } from "./communityPolicy.js";
import type { IneligibleReason } from "./policy.js";

/** Why a person is not eligible to use Guildhall, one sentence per reason. */
export const REASON_MESSAGES = defineMessages({
  tenant_not_allowed: {
    id: "policy.ineligible.tenantNotAllowed",
    defaultMessage: "Your organisation is not one of the agencies Guildhall is open to.",
  },
  guest_not_allowed: {
    id: "policy.ineligible.guestNotAllowed",
    defaultMessage: "Guest accounts cannot use Guildhall. Sign in with your own agency account.",
  },
  guest_home_tenant_not_allowed: {
    id: "policy.ineligible.guestHomeTenantNotAllowed",
    defaultMessage: "Guest accounts are only accepted from allow-listed agencies.",
  },
  domain_not_allowed: {
    id: "policy.ineligible.domainNotAllowed",
    defaultMessage: "Your account's email domain is not a verified public service domain.",
  },
  no_verified_email: {
    id: "policy.ineligible.noVerifiedEmail",
    defaultMessage: "Your account has no verified email address, so eligibility cannot be confirmed.",
  },
}) satisfies Record<IneligibleReason, MessageDescriptor>;

/** Why a community action is refused, one sentence per denial. */
export const DENIAL_MESSAGES = defineMessages({
  ineligible: {
    id: "policy.denial.ineligible",
    defaultMessage: "Guildhall is open to verified public servants only.",
  },
  not_found: {
    id: "policy.denial.notFound",
    defaultMessage: "Nothing was found at this address.",
  },
  agency_only: {
    id: "policy.denial.agencyOnly",
    defaultMessage: "This community is open only to staff of particular agencies, and yours is not one of them.",
  },
  not_open: {
    id: "policy.denial.notOpen",
    defaultMessage: "This community is not open to join directly; ask to join instead.",
  },
  not_closed: {
    id: "policy.denial.notClosed",
    defaultMessage: "Join requests are only for closed communities.",
  },
  invited: {
    id: "policy.denial.invited",
    defaultMessage: "You have been invited to this community, so you can join it straight away.",
  },
  already_member: {
    id: "policy.denial.alreadyMember",
    defaultMessage: "You are already a member of this community.",
  },
  not_member: {
    id: "policy.denial.notMember",
    defaultMessage: "You are not a member of this community.",
  },
  not_moderator: {
    id: "policy.denial.notModerator",
    defaultMessage: "Only the community's owners and moderators can do that.",
  },
  not_owner: {
    id: "policy.denial.notOwner",
    defaultMessage: "Only the community's owners can do that.",
  },
  not_platform_owner: {
    id: "policy.denial.notPlatformOwner",
    defaultMessage: "Only platform owners can approve or reject proposed communities.",
  },
  archived: {
    id: "policy.denial.archived",
    defaultMessage: "This community is archived and read-only.",
  },
  not_active: {
    id: "policy.denial.notActive",
    defaultMessage: "This community is not active yet.",
  },
  last_owner: {
    id: "policy.denial.lastOwner",
    defaultMessage: "A community must keep at least one owner; hand over ownership first.",
  },
  not_proposer: {
    id: "manage.denial.notProposer",
    defaultMessage: "Only the person who proposed this community can do that.",
  },
  not_pending: {
    id: "manage.denial.notPending",
    defaultMessage: "Only a proposal awaiting approval can be changed or withdrawn.",
  },
  not_rejected: {
    id: "manage.denial.notRejected",
    defaultMessage: "Only a proposal that was not approved can be resubmitted.",
  },
  not_archived: {
    id: "manage.denial.notArchived",
    defaultMessage: "This community is not archived.",
  },
  fixed_visibility: {
    id: "manage.denial.fixedVisibility",
    defaultMessage:
      "This community lives in a standard Teams channel, which everyone in the host team can see, so it can only be open. A closed or hidden community needs a private channel or its own team.",
  },
  reveal_hidden: {
    id: "manage.denial.revealHidden",
    defaultMessage: "Only a platform owner can make a hidden community visible: until now no one outside it could know it exists.",
  },
  pending_requests: {
    id: "manage.denial.pendingRequests",
    defaultMessage: "Decide the pending requests to join first: the people who asked would lose sight of a hidden community without an answer.",
  },
}) satisfies Record<CommunityDenial, MessageDescriptor>;

export function reasonMessage(reason: IneligibleReason): MessageDescriptor {
  return REASON_MESSAGES[reason];
}

export function denialMessage(reason: CommunityDenial): MessageDescriptor {
  return DENIAL_MESSAGES[reason];
}
