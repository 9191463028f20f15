/** Table shapes as Kysely sees them. Kept in step with migrations/. */
import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface AgencyTable {
  id: string;
  name: string;
  short_name: string;
  tenant_id: string;
  email_domains: string[];
  /** `nameKey(name)`, unique (migration 0007); null on a row an older release wrote, or a look-alike 0007 found. */
  name_key: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
}

/** One row per agency email domain, kept by trigger from `agencies.email_domains`; unique across agencies (migration 0004). */
export interface AgencyDomainTable {
  domain: string;
  agency_id: string;
}

export interface PersonTable {
  id: Generated<string>;
  tenant_id: string;
  object_id: string;
  display_name: string;
  email: string | null;
  agency_id: string | null;
  job_title: string | null;
  interests: ColumnType<string[], string[] | undefined, string[]>;
  /** The person's own choice of language (a supported locale), or null to follow Teams and the browser (migration 0008). */
  locale: ColumnType<string | null, string | null | undefined, string | null>;
  last_seen_at: Timestamp;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Generated<Date>;
  event: string;
  outcome: "allowed" | "denied" | "info";
  actor_tenant_id: string | null;
  actor_object_id: string | null;
  request_id: string | null;
  detail: ColumnType<Record<string, unknown>, string, string>;
}

export interface CommunityTable {
  id: Generated<string>;
  name: string;
  display_name: string;
  /** Comparison key of display_name (domain/text.ts nameKey); unique among approved communities. */
  name_key: ColumnType<string | null, string | null | undefined, string | null>;
  purpose: string;
  terms_of_reference: string;
  code_of_practice: string;
  code_version: Generated<number>;
  /** Goes up by one with every edit: an edit made on an older revision is refused (migration 0010). */
  revision: Generated<number>;
  visibility: "open" | "closed" | "hidden";
  scope: "cross_agency" | "agency_only";
  classification: "OFFICIAL" | "OFFICIAL_SENSITIVE" | "PROTECTED";
  sensitivity_label_id: string | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  teams_presence: "private_channel" | "standard_channel" | "team";
  status: "proposed" | "approved" | "rejected" | "archived";
  proposed_by: string;
  decided_by: string | null;
  decision_reason: string | null;
  decided_at: Date | null;
  archived_at: Date | null;
  /** Why it was archived, as typed (migration 0011); null before 0011 and while not archived. */
  archive_reason: ColumnType<string | null, string | null | undefined, string | null>;
  /** Who archived it (for the record) and in which capacity; the page shows only the capacity. */
  archived_by: ColumnType<string | null, string | null | undefined, string | null>;
  archived_by_role: ColumnType<"owner" | "platform_owner" | null, "owner" | "platform_owner" | null | undefined, "owner" | "platform_owner" | null>;
  /** The name Teams gets, derived from the name (domain/teamsNames.ts) when proposed or renamed (migration 0012); null before 0012. */
  teams_name: ColumnType<string | null, string | null | undefined, string | null>;
  last_activity_at: Generated<Date>;
  inactivity_flagged_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** The text of every version of a community's code of practice (migration 0010). */
export interface CommunityCodeVersionTable {
  community_id: string;
  version: number;
  code_of_practice: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface CommunityAgencyTable {
  community_id: string;
  agency_id: string;
}

export interface MembershipTable {
  community_id: string;
  person_id: string;
  role: "owner" | "moderator" | "member";
  code_version_accepted: number;
  code_accepted_at: Timestamp;
  joined_at: Generated<Date>;
}

export interface JoinRequestTable {
  id: Generated<string>;
  community_id: string;
  person_id: string;
  message: string;
  status: "pending" | "approved" | "declined" | "withdrawn";
  decided_by: string | null;
  decision_reason: string | null;
  created_at: Generated<Date>;
  decided_at: Date | null;
}

/**
 * An invitation names its invitee in exactly one way (migration 0009): a person Guildhall knows, or, for someone
 * who has not signed in yet, a host-tenant object id or an allow-listed agency address (with the tenant a
 * sign-in must come from). Those are attached to the person at their first sign-in.
 */
export interface InvitationTable {
  id: Generated<string>;
  community_id: string;
  person_id: string | null;
  invited_by: string;
  invitee_email: string | null;
  invitee_object_id: string | null;
  invitee_tenant_id: string | null;
  invitee_name: string | null;
  created_at: Generated<Date>;
}

export interface TeamsLinkTable {
  community_id: string;
  /**
   * The Teams set-up (provisioning). The column's check still allows "archived", which releases before migration
   * 0006 wrote here; 0006 moved those rows to `archive_state` and nothing writes it now.
   */
  state: "not_connected" | "queued" | "provisioning" | "linked" | "failed";
  team_id: string | null;
  channel_id: string | null;
  web_url: string | null;
  operation_location: string | null;
  last_error: string | null;
  attempts: Generated<number>;
  updated_at: Generated<Date>;
  /** The Teams archive of the team or channel, apart from the community's Guildhall status (migration 0006). */
  archive_state: "queued" | "archiving" | "archived" | "failed" | null;
  archive_operation: string | null;
  archive_error: string | null;
  archive_attempts: Generated<number>;
  archive_updated_at: Date | null;
  /** Restoring the team or channel in Teams after an un-archive, apart from the archive (migration 0010). */
  unarchive_state: ColumnType<"queued" | "unarchiving" | "failed" | null, "queued" | "unarchiving" | "failed" | null | undefined, "queued" | "unarchiving" | "failed" | null>;
  unarchive_operation: ColumnType<string | null, string | null | undefined, string | null>;
  unarchive_error: ColumnType<string | null, string | null | undefined, string | null>;
  unarchive_attempts: Generated<number>;
  unarchive_updated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** People Teams refused to add to a team (207 bulk add), not re-sent before `retry_at` (migration 0006). */
export interface TeamsMemberRefusalTable {
  team_id: string;
  object_id: string;
  code: string | null;
  reason: string;
  attempts: Generated<number>;
  refused_at: Generated<Date>;
  retry_at: Date;
}

/** People Guildhall itself added to a team: the only ones membership sync may remove (migration 0006). */
export interface TeamsAddedMemberTable {
  team_id: string;
  object_id: string;
  added_at: Generated<Date>;
}

export interface ProvisioningStepTable {
  community_id: string;
  step: string;
  position: number;
  status: "pending" | "running" | "done" | "failed" | "waiting";
  detail: string | null;
  result: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  updated_at: Generated<Date>;
}

export interface NotificationTable {
  id: Generated<string>;
  person_id: string;
  kind: string;
  community_id: string | null;
  /** The en-AU sentence: older rows have only this. */
  text: string;
  /** The catalog message the notice is written from, and its arguments (migration 0008); null on older rows. */
  message_key: ColumnType<string | null, string | null | undefined, string | null>;
  message_values: ColumnType<Record<string, string | number> | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
  read_at: Date | null;
  delivered_at: Date | null;
  delivery_state: Generated<"pending" | "sending" | "sent" | "skipped" | "failed">;
  delivery_attempts: Generated<number>;
  delivery_claimed_at: Date | null;
  delivery_note: string | null;
}

export interface Database {
  agencies: AgencyTable;
  agency_domains: AgencyDomainTable;
  people: PersonTable;
  audit_log: AuditLogTable;
  communities: CommunityTable;
  community_agencies: CommunityAgencyTable;
  community_code_versions: CommunityCodeVersionTable;
  memberships: MembershipTable;
  join_requests: JoinRequestTable;
  invitations: InvitationTable;
  teams_links: TeamsLinkTable;
  teams_member_refusals: TeamsMemberRefusalTable;
  teams_added_members: TeamsAddedMemberTable;
  provisioning_steps: ProvisioningStepTable;
  notifications: NotificationTable;
}

export type Community = Selectable<CommunityTable>;
export type Membership = Selectable<MembershipTable>;
export type JoinRequest = Selectable<JoinRequestTable>;
export type TeamsLink = Selectable<TeamsLinkTable>;

export type Agency = Selectable<AgencyTable>;
export type Person = Selectable<PersonTable>;
export type NewAuditEntry = Insertable<AuditLogTable>;
