/**
 * Every Microsoft Graph call the gateway makes, with the one application permission Guildhall declares for it
 * (infra/entra/aad.manifest.json, infra/scripts/register-app.sh) and the gateway method that makes it. Least
 * privilege across the set: each call gets the narrowest permission Graph documents for it, unless a permission
 * already declared for another call covers it (so `TeamSettings.ReadWrite.All`, needed to archive a team, also
 * reads a team and its async operations instead of adding `Team.ReadBasic.All`). docs/operations.md lists the same
 * table for operators; tests/unit/infra.test.ts checks the gateway's source, this table, the documentation, the
 * Entra manifest and the registration script against each other and against Graph's documented permissions.
 */
export interface GraphCall {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Path template relative to the version root, as Graph's documentation writes it. */
  path: string;
  /** The application permission Guildhall declares for this call. */
  permission: string;
  /** The `GraphGateway` method that makes the call. */
  gateway: string;
}

export const GRAPH_CALLS: readonly GraphCall[] = [
  { method: "POST", path: "/teams", permission: "Team.Create", gateway: "startTeamCreation" },
  { method: "GET", path: "/teams", permission: "TeamSettings.ReadWrite.All", gateway: "findTeamsByName" },
  { method: "GET", path: "/teams/{team-id}", permission: "TeamSettings.ReadWrite.All", gateway: "getTeamWebUrl" },
  { method: "GET", path: "/teams/{team-id}/operations/{operation-id}", permission: "TeamSettings.ReadWrite.All", gateway: "pollOperation" },
  { method: "POST", path: "/teams/{team-id}/archive", permission: "TeamSettings.ReadWrite.All", gateway: "archive" },
  { method: "POST", path: "/teams/{team-id}/unarchive", permission: "TeamSettings.ReadWrite.All", gateway: "unarchive" },
  { method: "GET", path: "/teams/{team-id}/channels", permission: "Channel.ReadBasic.All", gateway: "findChannelByName" },
  { method: "POST", path: "/teams/{team-id}/channels", permission: "Channel.Create", gateway: "createChannel" },
  { method: "POST", path: "/teams/{team-id}/channels/{channel-id}/archive", permission: "ChannelSettings.ReadWrite.All", gateway: "archive" },
  { method: "POST", path: "/teams/{team-id}/channels/{channel-id}/unarchive", permission: "ChannelSettings.ReadWrite.All", gateway: "unarchive" },
  { method: "GET", path: "/teams/{team-id}/channels/{channel-id}/members", permission: "ChannelMember.ReadWrite.All", gateway: "listMembers" },
  { method: "POST", path: "/teams/{team-id}/channels/{channel-id}/members", permission: "ChannelMember.ReadWrite.All", gateway: "addMember" },
  { method: "PATCH", path: "/teams/{team-id}/channels/{channel-id}/members/{membership-id}", permission: "ChannelMember.ReadWrite.All", gateway: "setMemberRole" },
  { method: "DELETE", path: "/teams/{team-id}/channels/{channel-id}/members/{membership-id}", permission: "ChannelMember.ReadWrite.All", gateway: "removeMember" },
  { method: "GET", path: "/teams/{team-id}/members", permission: "TeamMember.ReadWrite.All", gateway: "listMembers" },
  { method: "POST", path: "/teams/{team-id}/members", permission: "TeamMember.ReadWrite.All", gateway: "addMember" },
  { method: "POST", path: "/teams/{team-id}/members/add", permission: "TeamMember.ReadWrite.All", gateway: "addTeamMembers" },
  { method: "PATCH", path: "/teams/{team-id}/members/{membership-id}", permission: "TeamMember.ReadWrite.All", gateway: "setMemberRole" },
  { method: "DELETE", path: "/teams/{team-id}/members/{membership-id}", permission: "TeamMember.ReadWrite.All", gateway: "removeMember" },
  { method: "GET", path: "/users/{user-id}", permission: "User.Read.All", gateway: "getUser, getUsers" },
  /*
   * Directory search for invitations (issue 8): `GET /users?$search="displayName:…" OR "mail:…"&$filter=userType eq
   * 'Member'` with `ConsistencyLevel: eventual`. Least privilege that works for an app: Graph's list-users page
   * documents User.Read.All, User.ReadWrite.All, Directory.Read.All, Directory.ReadWrite.All as its application
   * permissions (User.ReadBasic.All only as delegated, and an app granted only its application form is refused
   * 403 Authorization_RequestDenied on GET /users). Even where the basic form is granted, it returns only the
   * basic profile (displayName, givenName, surname, mail, userPrincipalName, id, photo): no jobTitle, no userType,
   * and no filtering on userType, so guests could not be kept out. User.Read.All reads what the search needs
   * (id, displayName, mail, jobTitle, userType, accountEnabled) and is already declared for re-verification, so
   * the search adds no permission. The tab's user token is never used for it (no on-behalf-of).
   */
  { method: "GET", path: "/users", permission: "User.Read.All", gateway: "searchUsers" },
  { method: "POST", path: "/users/{user-id}/teamwork/sendActivityNotification", permission: "TeamsActivity.Send", gateway: "sendActivityNotification" },
];
