/**
 * What the background workers need from Microsoft Teams, in the workers' own words. The Graph gateway
 * (src/graph) implements it; the workers never build a Graph URL themselves.
 */
export interface ChannelRef {
  id: string;
  webUrl: string | null;
  /** As Teams lists it (provisioning marks its channels here, to know them again). */
  description?: string | null;
}

export interface MemberTarget {
  teamId: string;
  /** Set for private-channel membership; absent for team membership. */
  channelId?: string;
}

export interface TeamsMember {
  /** The membership id Graph uses to remove this member. */
  membershipId: string;
  objectId: string;
  owner: boolean;
}

export type OperationStatus = "notStarted" | "inProgress" | "succeeded" | "failed";

export interface DirectoryUser {
  objectId: string;
  accountEnabled: boolean;
  userType: "Member" | "Guest";
  mail: string | null;
  userPrincipalName: string;
  companyName: string | null;
  department: string | null;
}

export interface TeamsPort {
  findChannelByName(teamId: string, displayName: string): Promise<ChannelRef | undefined>;
  createChannel(teamId: string, input: { displayName: string; description: string; membershipType: "standard" | "private"; ownerObjectIds: string[] }): Promise<ChannelRef>;
  /** POST /teams (asynchronous): returns the new team's id, the operation to poll and when to poll it first. */
  startTeamCreation(input: { displayName: string; description: string; ownerObjectId: string }): Promise<{ teamId: string; operationUrl: string; retryAfterSeconds?: number }>;
  /** Teams with this display name (to find one whose creation answered with an error after all). */
  findTeamsByName(displayName: string): Promise<{ teamId: string; description: string | null }[]>;
  /** `retryAfterSeconds`: when Teams asked (Retry-After) to be polled again no sooner. */
  pollOperation(operationUrl: string): Promise<{ status: OperationStatus; error?: string; retryAfterSeconds?: number }>;
  getTeamWebUrl(teamId: string): Promise<string | null>;
  listMembers(target: MemberTarget): Promise<TeamsMember[]>;
  addMember(target: MemberTarget, objectId: string, owner: boolean): Promise<void>;
  removeMember(target: MemberTarget, membershipId: string): Promise<void>;
  /** Make a member an owner, or an owner a plain member. */
  setMemberRole(target: MemberTarget, membershipId: string, owner: boolean): Promise<void>;
  /**
   * Team and channel archives are asynchronous (202 + Location of a teamsAsyncOperation, polled with
   * pollOperation); a null operationUrl means Teams archived it at once.
   */
  archive(target: MemberTarget): Promise<{ operationUrl: string | null; retryAfterSeconds?: number }>;
  /**
   * Restore an archived team or channel (team-unarchive.md, channel-unarchive.md): asynchronous like archive (202 +
   * Location of a teamsAsyncOperation); a null operationUrl means Teams restored it at once.
   */
  unarchive(target: MemberTarget): Promise<{ operationUrl: string | null; retryAfterSeconds?: number }>;
  /** The user as their own tenant sees them; undefined when the account no longer exists. */
  getUser(tenantId: string, objectId: string): Promise<DirectoryUser | undefined>;
  /** Many users at once (JSON batches): every id asked for maps to the user or undefined. */
  getUsers(tenantId: string, objectIds: readonly string[]): Promise<Map<string, DirectoryUser | undefined>>;
  /** A notice in the person's Teams activity feed, linking back to Guildhall. */
  sendActivityNotification(userObjectId: string, notice: { text: string; webUrl: string; topic: string }): Promise<void>;
  /** Add people to a team in bulk; returns those Teams could not add, with its reason (and Graph's code). */
  addTeamMembers(teamId: string, objectIds: readonly string[]): Promise<{ objectId: string; error: string; code?: string }[]>;
}

/** A failure the worker should surface to people rather than retry blindly. */
export interface TeamsFailure {
  retryable: boolean;
  userMessage: string;
  /**
   * Why Teams refused, where Guildhall can tell: the app registration lacks a Graph permission (an operator must
   * grant it; every such call fails), or Guildhall's Teams app is not installed for the person (one person only).
   */
  refusal?: "permission" | "appNotInstalled";
  /** Teams asked to be left alone this long (a long Retry-After): re-queue the job to start no sooner. */
  retryAfterSeconds?: number;
}

export function asTeamsFailure(err: unknown): TeamsFailure {
  if (typeof err === "object" && err !== null && "userMessage" in err && "retryable" in err) {
    const e = err as { userMessage: unknown; retryable: unknown; refusal?: unknown; retryAfterSeconds?: unknown };
    const refusal = e.refusal === "permission" || e.refusal === "appNotInstalled" ? e.refusal : undefined;
    const later = typeof e.retryAfterSeconds === "number" && e.retryAfterSeconds > 0 ? e.retryAfterSeconds : undefined;
    return { retryable: e.retryable === true, userMessage: String(e.userMessage), ...(refusal ? { refusal } : {}), ...(later !== undefined ? { retryAfterSeconds: later } : {}) };
  }
  return { retryable: true, userMessage: "Guildhall could not reach Microsoft Teams; it will try again." };
}
