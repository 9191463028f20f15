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
  { method: "GET", path: "/teams/{team-id}/channels", permission: "Channel.ReadBasic.All", gateway: "findChannelByName" },
  { method: "POST", path: "/teams/{team-id}/channels", permission: "Channel.Create", gateway: "createChannel" },
  { method: "POST", path: "/teams/{team-id}/channels/{channel-id}/archive", permission: "ChannelSettings.ReadWrite.All", gateway: "archive" },
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
  { method: "POST", path: "/users/{user-id}/teamwork/sendActivityNotification", permission: "TeamsActivity.Send", gateway: "sendActivityNotification" },
];
