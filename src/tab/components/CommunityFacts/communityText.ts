/**
 * Plain words for the values the server sends about communities, as catalog messages (area `vocab`): a map of
 * descriptors per value, formatted with the tab's `useIntl()`. Labels only: what a person may do is always the
 * server's `abilities`, never worked out from these.
 */
import type { CommunityStatus, Role, Scope, StepStatus, TeamsPresence, TeamsState, Visibility } from "../../api/communityTypes.js";
import { defineMessages, type Formatter, type MessageDescriptor } from "../../../i18n/format.js";

const v = defineMessages({
  openLabel: { id: "vocab.visibility.open", defaultMessage: "Open" },
  openExplained: { id: "vocab.visibility.openExplained", defaultMessage: "Any eligible public servant can join straight away." },
  closedLabel: { id: "vocab.visibility.closed", defaultMessage: "Closed" },
  closedExplained: { id: "vocab.visibility.closedExplained", defaultMessage: "People ask to join; the community's moderators approve or decline." },
  hiddenLabel: { id: "vocab.visibility.hidden", defaultMessage: "Hidden" },
  hiddenExplained: { id: "vocab.visibility.hiddenExplained", defaultMessage: "By invitation only, and invisible to everyone who is not a member." },
  crossLabel: { id: "vocab.scope.crossAgency", defaultMessage: "Cross-agency" },
  crossExplained: { id: "vocab.scope.crossAgencyExplained", defaultMessage: "Open to public servants from any agency." },
  agencyOnlyLabel: { id: "vocab.scope.agencyOnly", defaultMessage: "Agency-only" },
  agencyOnlyExplained: { id: "vocab.scope.agencyOnlyExplained", defaultMessage: "Only staff of the named agencies can be members." },
  owner: { id: "vocab.role.owner", defaultMessage: "Owner" },
  moderator: { id: "vocab.role.moderator", defaultMessage: "Moderator" },
  member: { id: "vocab.role.member", defaultMessage: "Member" },
  proposed: { id: "vocab.status.proposed", defaultMessage: "Awaiting approval" },
  approved: { id: "vocab.status.approved", defaultMessage: "Approved" },
  rejected: { id: "vocab.status.rejected", defaultMessage: "Not approved" },
  archived: { id: "vocab.status.archived", defaultMessage: "Archived" },
  notConnected: { id: "vocab.teams.notConnected", defaultMessage: "Teams link pending — no Microsoft 365 tenant connected", description: "Local mode: there is no tenant, so the Teams link waits" },
  queued: { id: "vocab.teams.queued", defaultMessage: "Teams channel queued for creation" },
  provisioning: { id: "vocab.teams.provisioning", defaultMessage: "Teams channel being created" },
  linked: { id: "vocab.teams.linked", defaultMessage: "Linked to Microsoft Teams" },
  failed: { id: "vocab.teams.failed", defaultMessage: "Teams set-up failed" },
  afterApproval: { id: "vocab.teams.afterApproval", defaultMessage: "Teams channel created after approval" },
  privateChannel: { id: "vocab.presence.privateChannel", defaultMessage: "A private channel in the host team" },
  standardChannel: { id: "vocab.presence.standardChannel", defaultMessage: "A standard channel in the host team" },
  team: { id: "vocab.presence.team", defaultMessage: "A team of its own" },
  createChannel: { id: "vocab.step.createChannel", defaultMessage: "Create the channel" },
  createTeam: { id: "vocab.step.createTeam", defaultMessage: "Create the team" },
  waitForTeam: { id: "vocab.step.waitForTeam", defaultMessage: "Wait for Teams to finish the team" },
  addOwners: { id: "vocab.step.addOwners", defaultMessage: "Add the owners" },
  syncMembers: { id: "vocab.step.syncMembers", defaultMessage: "Add the members" },
  stepOther: { id: "vocab.step.other", defaultMessage: "Step “{step}”", description: "A provisioning step this version of the tab has no name for; step is its code" },
  pending: { id: "vocab.stepStatus.pending", defaultMessage: "Not started" },
  running: { id: "vocab.stepStatus.running", defaultMessage: "In progress" },
  done: { id: "vocab.stepStatus.done", defaultMessage: "Done" },
  stepFailed: { id: "vocab.stepStatus.failed", defaultMessage: "Failed" },
  waiting: { id: "vocab.stepStatus.waiting", defaultMessage: "Waiting" },
  memberCount: { id: "vocab.memberCount", defaultMessage: "{count, plural, one {# member} other {# members}}" },
});

export const VISIBILITY_TEXT: Record<Visibility, { label: MessageDescriptor; explained: MessageDescriptor }> = {
  open: { label: v.openLabel, explained: v.openExplained },
  closed: { label: v.closedLabel, explained: v.closedExplained },
  hidden: { label: v.hiddenLabel, explained: v.hiddenExplained },
};

export const SCOPE_TEXT: Record<Scope, { label: MessageDescriptor; explained: MessageDescriptor }> = {
  cross_agency: { label: v.crossLabel, explained: v.crossExplained },
  agency_only: { label: v.agencyOnlyLabel, explained: v.agencyOnlyExplained },
};

export const ROLE_TEXT: Record<Role, MessageDescriptor> = { owner: v.owner, moderator: v.moderator, member: v.member };

export const STATUS_TEXT: Record<CommunityStatus, MessageDescriptor> = {
  proposed: v.proposed,
  approved: v.approved,
  rejected: v.rejected,
  archived: v.archived,
};

/** Said honestly: in local mode there is no tenant, so the Teams link waits. */
export const NOT_CONNECTED_TEXT = v.notConnected;

export const TEAMS_STATE_TEXT: Record<TeamsState, MessageDescriptor> = {
  not_connected: v.notConnected,
  queued: v.queued,
  provisioning: v.provisioning,
  linked: v.linked,
  failed: v.failed,
};

export function teamsStateText(intl: Formatter, state: TeamsState | null): string {
  return intl.formatMessage(state ? TEAMS_STATE_TEXT[state] : v.afterApproval);
}

export const PRESENCE_TEXT: Record<TeamsPresence, MessageDescriptor> = {
  private_channel: v.privateChannel,
  standard_channel: v.standardChannel,
  team: v.team,
};

const STEP_TEXT: Record<string, MessageDescriptor> = {
  create_channel: v.createChannel,
  create_team: v.createTeam,
  wait_for_team: v.waitForTeam,
  add_owners: v.addOwners,
  sync_members: v.syncMembers,
};

export function stepText(intl: Formatter, step: string): string {
  const known = STEP_TEXT[step];
  return known ? intl.formatMessage(known) : intl.formatMessage(v.stepOther, { step: step.replace(/_/g, " ") });
}

export const STEP_STATUS_TEXT: Record<StepStatus, MessageDescriptor> = {
  pending: v.pending,
  running: v.running,
  done: v.done,
  failed: v.stepFailed,
  waiting: v.waiting,
};

export function memberCountText(intl: Formatter, n: number): string {
  return intl.formatMessage(v.memberCount, { count: n });
}

/** A server timestamp as a readable date and time in the person's locale and time zone, or the raw text if it is not a date. */
export function formatDate(intl: Formatter, value: string): string {
  const t = Date.parse(value);
  return Number.isNaN(t) ? value : intl.formatDateTime(t);
}
