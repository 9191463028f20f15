/**
 * The JSON shapes of the community, people and notice endpoints. They mirror the server's presenters
 * (src/commands/communities/queries.ts, src/commands/people.ts); the tab may not import them.
 */

export const CLASSIFICATIONS = ["OFFICIAL", "OFFICIAL_SENSITIVE", "PROTECTED"] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];
export const VISIBILITIES = ["open", "closed", "hidden"] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const SCOPES = ["cross_agency", "agency_only"] as const;
export type Scope = (typeof SCOPES)[number];
export const ROLES = ["owner", "moderator", "member"] as const;
export type Role = (typeof ROLES)[number];
export const TEAMS_PRESENCES = ["private_channel", "standard_channel", "team"] as const;
export type TeamsPresence = (typeof TEAMS_PRESENCES)[number];
export type CommunityStatus = "proposed" | "approved" | "rejected" | "archived";
/** The Teams set-up; whether Teams has archived it is `TeamsArchiveState`. */
export type TeamsState = "not_connected" | "queued" | "provisioning" | "linked" | "failed";
export type TeamsArchiveState = "queued" | "archiving" | "archived" | "failed";
export type StepStatus = "pending" | "running" | "done" | "failed" | "waiting";

/** The per-community actions the server computes for the viewer. */
export type CommunityAbility =
  | "community.view"
  | "community.join"
  | "community.request"
  | "community.leave"
  | "community.invite"
  | "community.decideRequests"
  | "community.manageMembers"
  | "community.changeRoles"
  | "community.transferOwnership"
  | "community.decideProposal"
  | "community.retryProvisioning"
  | "community.retryArchive"
  | "community.archive"
  | "community.edit"
  | "community.editCode"
  | "community.changeVisibility"
  | "community.withdraw"
  | "community.editProposal"
  | "community.resubmit"
  | "community.unarchive"
  | "community.retryUnarchive";
export type Abilities = Record<CommunityAbility, boolean>;

/** One row of `GET /api/v1/communities`. */
export interface CommunitySummary {
  id: string;
  name: string;
  purpose: string;
  visibility: Visibility;
  scope: Scope;
  classification: Classification;
  classificationLabel: string;
  tags: string[];
  status: CommunityStatus;
  memberCount: number;
  myRole: Role | null;
  teamsState: TeamsState | null;
}

export interface CommunityList {
  items: CommunitySummary[];
  total: number;
}

/** Filters for the directory; empty values are left out of the query string. */
export interface CommunityQuery {
  q?: string;
  tag?: string;
  agencyId?: string;
  classification?: Classification;
  status?: "approved" | "archived" | "proposed";
  mine?: boolean;
  limit?: number;
  offset?: number;
}

export interface CommunityMember {
  id: string;
  displayName: string;
  jobTitle: string | null;
  agency: string | null;
  role: Role;
}

export interface JoinRequest {
  id: string;
  message: string;
  createdAt: string;
  person: { id: string; displayName: string; agency: string | null };
}

export interface ProvisioningStep {
  step: string;
  status: StepStatus;
  detail: string | null;
}

/** `GET /api/v1/communities/:id`: one community as the viewer may see it. */
export interface CommunityDetail {
  id: string;
  name: string;
  purpose: string;
  termsOfReference: string;
  codeOfPractice: string;
  codeVersion: number;
  visibility: Visibility;
  scope: Scope;
  agencies: { id: string; name: string; shortName: string }[];
  classification: Classification;
  classificationLabel: string;
  tags: string[];
  status: CommunityStatus;
  decisionReason: string | null;
  /** Archived: when (ISO 8601), in which capacity (never a name) and why, as typed; null otherwise or when archived before reasons were asked. */
  archivedAt?: string | null;
  archivedByRole?: ArchivedByRole | null;
  archiveReason?: string | null;
  /**
   * Platform owners deciding a proposal: other live communities (approved or awaiting approval, hidden ones
   * included) whose name the server finds looks the same. Always empty for anyone else.
   */
  nameClashes: NameClash[];
  teamsPresence: TeamsPresence;
  /** The name it has (or will have) in Microsoft Teams, derived from its name within Teams' rules. */
  teamsName?: string;
  memberCount: number;
  myRole: Role | null;
  invited: boolean;
  requested: boolean;
  abilities: Abilities;
  /** The revision an edit names (an edit made on an older one is refused with 409). */
  revision: number;
  /** For a member: whether they must still accept the current code of practice, and the version they accepted. */
  codeAcceptance: { required: boolean; acceptedVersion: number } | null;
  /** For those who may change the visibility: each one, allowed or the policy's reason (`messageKey`). */
  visibilityChoices: { visibility: Visibility; allowed: boolean; denial: string | null; messageKey: string | null }[];
  /** Why this person can neither join nor ask to join (e.g. an agency-only community for other agencies). */
  joinBlockedReason: string | null;
  /** The policy's denial behind `joinBlockedReason` (`DENIAL_MESSAGES` in src/domain/policyText.ts), for the person's language. */
  joinBlockedDenial?: string | null;
  teams: {
    state: TeamsState;
    webUrl: string | null;
    lastError: string | null;
    /** The Teams archive, apart from the community's Guildhall status. */
    archiveState?: TeamsArchiveState | null;
    /** When the archive state last changed: queued, Teams asked, or Teams answered (ISO 8601). */
    archiveUpdatedAt?: string | null;
    /** How many times Guildhall has asked Teams to archive it. */
    archiveAttempts?: number;
    /** Why Teams did not archive it (owners and platform owners only). */
    archiveError?: string | null;
    /** Restoring it in Teams after an un-archive: queued, under way, or failed (then `unarchiveError`, for owners). */
    unarchiveState?: "queued" | "unarchiving" | "failed" | null;
    unarchiveUpdatedAt?: string | null;
    unarchiveError?: string | null;
    /** Members Teams refused to add (owners and platform owners only). */
    notAdded?: { displayName: string; reason: string; retryAt: string }[];
  } | null;
  provisioning: ProvisioningStep[];
  members: CommunityMember[];
  joinRequests: JoinRequest[];
  /** For those who may invite: pending invitations and how one can invite here (null for others). */
  invitations?: CommunityInvitations | null;
}

/** One pending invitation: to a Guildhall person, or to someone who has not opened Guildhall yet. */
export interface PendingInvitation {
  id: string;
  kind: "person" | "directory" | "email";
  personId: string | null;
  objectId: string | null;
  displayName: string | null;
  email: string | null;
  invitedBy: string;
  createdAt: string;
}

export interface CommunityInvitations {
  pending: PendingInvitation[];
  /** The host tenant's directory can be searched (false in local mode: no Microsoft 365). */
  directory: boolean;
  /** Address domains an email invitation accepts here. */
  emailDomains: string[];
}

/** `GET /api/v1/communities/{id}/invitees?q=`: host-tenant people not yet in Guildhall. */
export interface DirectoryMatch {
  objectId: string;
  displayName: string;
  mail: string | null;
  jobTitle: string | null;
  invited: boolean;
}
export interface DirectorySearch {
  connected: boolean;
  items: DirectoryMatch[];
}

/** Whom an invitation names: a Guildhall person, a directory entry, or an address. */
export type InviteTarget = { personId: string } | { objectId: string } | { email: string };

/** Who archived a community, as the page says it: one of its owners, or a platform owner. */
export type ArchivedByRole = "owner" | "platform_owner";

/** One row of `GET /api/v1/proposals` (platform owners): a proposal with everything its proposer wrote. */
export interface ProposalSummary {
  id: string;
  name: string;
  purpose: string;
  termsOfReference: string;
  codeOfPractice: string;
  visibility: Visibility;
  scope: Scope;
  agencies: { id: string; name: string; shortName: string }[];
  classification: Classification;
  classificationLabel: string;
  tags: string[];
  teamsPresence: TeamsPresence;
  status: "proposed";
  /** ISO 8601. */
  proposedAt: string;
  proposer: { id: string; displayName: string; jobTitle: string | null; agency: { name: string; shortName: string } | null };
}

export interface ProposalList {
  items: ProposalSummary[];
  total: number;
}

/** A community whose name looks the same as a proposal's, as the server computed it (never worked out here). */
export interface NameClash {
  id: string;
  name: string;
  status: "approved" | "proposed";
}

/** What a community action answers: the updated community, or `{ left: true }` when it is now out of sight. */
export type CommunityActionResult = CommunityDetail | { left: true };

/** `POST /api/v1/communities`. */
export interface ProposalInput {
  name: string;
  purpose: string;
  termsOfReference: string;
  codeOfPractice: string;
  visibility: Visibility;
  scope: Scope;
  agencyIds?: string[];
  classification: Classification;
  tags?: string[];
  teamsPresence?: TeamsPresence;
}

/** The POST actions under `/api/v1/communities/:id/…` and the body each takes. */
export interface CommunityActionBodies {
  /** `name`: approve under another name (the server applies the naming policy and refuses a look-alike). */
  decision: { decision: "approve" | "reject"; reason: string; name?: string };
  join: { acceptCodeOfPractice: true; codeVersion: number };
  requests: { acceptCodeOfPractice: true; codeVersion: number; message: string };
  leave: Record<string, never>;
  invitations: InviteTarget;
  "members/remove": { personId: string; reason: string };
  "members/role": { personId: string; role: Role };
  ownership: { personId: string };
  /** `reason`: required, told to every member and shown on the community page. */
  archive: { reason: string };
  "provisioning/retry": Record<string, never>;
  "archive/retry": Record<string, never>;
  /** Owners: only the fields that change, with the revision they were read at. */
  edit: CommunityEdit;
  "code/accept": { codeVersion: number };
  withdraw: Record<string, never>;
  /** The proposer: the whole proposal, with the revision it was read at. */
  proposal: ProposalInput & { revision: number };
  resubmit: ProposalInput & { revision: number };
  unarchive: Record<string, never>;
  "unarchive/retry": Record<string, never>;
}

/** `POST …/edit`: what an owner changes. */
export interface CommunityEdit {
  revision: number;
  purpose?: string;
  termsOfReference?: string;
  codeOfPractice?: string;
  tags?: string[];
  visibility?: Visibility;
}
export type CommunityActionPath = keyof CommunityActionBodies;

/** `GET /api/v1/people?q=`. */
export interface PersonSearchResult {
  id: string;
  displayName: string;
  jobTitle: string | null;
  interests: string[];
  agency: string | null;
}

/** `GET /api/v1/people/similar`. */
export interface SimilarPerson {
  id: string;
  displayName: string;
  jobTitle: string | null;
  agency: string | null;
  sharedInterests: string[];
  sharedCommunities: number;
}

/** `GET /api/v1/people/:id` and `POST /api/v1/me/profile`. */
export interface PersonProfile {
  id: string;
  displayName: string;
  jobTitle: string | null;
  interests: string[];
  agency: { name: string; shortName: string } | null;
  communities: { id: string; name: string; role: Role }[];
}

export interface ProfileInput {
  jobTitle?: string;
  interests?: string[];
  /** One of client-config's `locales`, or null to follow Teams and the browser; left out, it is not changed. */
  locale?: string | null;
}

/** `GET /api/v1/notifications`. */
export interface Notice {
  id: string;
  kind: string;
  communityId: string | null;
  /** The en-AU sentence: shown when there is no `messageKey` or the catalog lacks it. */
  text: string;
  /** The catalog message the notice was written from and its arguments, to show it in the reader's language. */
  messageKey?: string;
  values?: Record<string, string | number>;
  createdAt: string;
  read: boolean;
}

/** `GET /api/v1/notifications`: a page of notices, newest first, and how many of all the person's are unread. */
export interface NoticePage {
  items: Notice[];
  unread: number;
  total: number;
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: string | null;
}

/** After marking notices read: how many changed, and how many are still unread. */
export interface NoticesRead {
  marked: number;
  unread: number;
}

export interface Items<T> {
  items: T[];
}
