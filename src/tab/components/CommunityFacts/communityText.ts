/**
 * Plain words for the values the server sends about communities. Labels only: what a person may do is
 * always the server's `abilities`, never worked out from these.
 */
import type { CommunityStatus, Role, Scope, StepStatus, TeamsPresence, TeamsState, Visibility } from "../../api/communityTypes.js";

export const VISIBILITY_TEXT: Record<Visibility, { label: string; explained: string }> = {
  open: { label: "Open", explained: "Any eligible public servant can join straight away." },
  closed: { label: "Closed", explained: "People ask to join; the community's moderators approve or decline." },
  hidden: { label: "Hidden", explained: "By invitation only, and invisible to everyone who is not a member." },
};

export const SCOPE_TEXT: Record<Scope, { label: string; explained: string }> = {
  cross_agency: { label: "Cross-agency", explained: "Open to public servants from any agency." },
  agency_only: { label: "Agency-only", explained: "Only staff of the named agencies can be members." },
};

export const ROLE_TEXT: Record<Role, string> = { owner: "Owner", moderator: "Moderator", member: "Member" };

export const STATUS_TEXT: Record<CommunityStatus, string> = {
  proposed: "Awaiting approval",
  approved: "Approved",
  rejected: "Not approved",
  archived: "Archived",
};

/** Said honestly: in local mode there is no tenant, so the Teams link waits. */
export const NOT_CONNECTED_TEXT = "Teams link pending — no Microsoft 365 tenant connected";

export const TEAMS_STATE_TEXT: Record<TeamsState, string> = {
  not_connected: NOT_CONNECTED_TEXT,
  queued: "Teams channel queued for creation",
  provisioning: "Teams channel being created",
  linked: "Linked to Microsoft Teams",
  failed: "Teams set-up failed",
};

export function teamsStateText(state: TeamsState | null): string {
  return state ? TEAMS_STATE_TEXT[state] : "Teams channel created after approval";
}

export const PRESENCE_TEXT: Record<TeamsPresence, string> = {
  private_channel: "A private channel in the host team",
  standard_channel: "A standard channel in the host team",
  team: "A team of its own",
};

const STEP_TEXT: Record<string, string> = {
  create_channel: "Create the channel",
  create_team: "Create the team",
  wait_for_team: "Wait for Teams to finish the team",
  add_owners: "Add the owners",
  sync_members: "Add the members",
};

export function stepText(step: string): string {
  return STEP_TEXT[step] ?? step.replace(/_/g, " ");
}

export const STEP_STATUS_TEXT: Record<StepStatus, string> = {
  pending: "Not started",
  running: "In progress",
  done: "Done",
  failed: "Failed",
  waiting: "Waiting",
};

export function memberCountText(n: number): string {
  return n === 1 ? "1 member" : `${n} members`;
}

const dateFormat = new Intl.DateTimeFormat("en-AU", { dateStyle: "medium", timeStyle: "short" });

/** A server timestamp as a readable date, or the raw text if it is not a date. */
export function formatDate(value: string): string {
  const t = Date.parse(value);
  return Number.isNaN(t) ? value : dateFormat.format(t);
}
