/**
 * The application permissions Microsoft Graph requires for each call the stand-in answers, least privileged
 * first, as the documentation lists them (resource-specific-consent permissions left out: they never appear
 * in an app-only token's `roles`). `contract` names the file under ../shared/graph-contract the row was taken
 * from (tests/unit/graph-standin-contract.test.ts checks the two agree); rows without one cite the doc page.
 * Test code only.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

export interface PermissionRule {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Matches the path without the version segment, e.g. `/teams/{id}/channels`. */
  path: RegExp;
  /** Any one of these in the token's `roles` is enough (least privileged first). */
  application: readonly string[];
  contract?: string;
  /** The documentation page, for rows with no contract file. */
  doc?: string;
}

const TEAM = String.raw`/teams/[^/]+`;
const CHANNEL = String.raw`${TEAM}/channels/[^/]+`;
const re = (s: string) => new RegExp(`^${s}$`);

export const PERMISSIONS: readonly PermissionRule[] = [
  { method: "POST", path: /^\/teams$/, application: ["Team.Create", "Teamwork.Migrate.All", "Group.ReadWrite.All", "Directory.ReadWrite.All"], contract: "team-create.json" },
  // v1.0 documents no permission table for a team's teamsAsyncOperation (teams-async-operation.json says so):
  // the stand-in asks for what reading the team itself needs.
  // A channel archive's operation is /teams/{id}/operations/{id} (channel-archive.md): the same resource.
  { method: "GET", path: /^\/teams(\('[^']+'\)\/operations\('[^']+'\)|\/[^/]+\/operations\/[^/]+)$/, application: ["Team.ReadBasic.All", "TeamSettings.Read.All", "TeamSettings.ReadWrite.All", "Group.Read.All", "Group.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"], doc: "none in v1.0; as GET /teams/{id}" },
  { method: "GET", path: /^\/teams$/, application: ["Team.ReadBasic.All", "TeamSettings.Read.All", "TeamSettings.ReadWrite.All"], doc: "api-reference/v1.0/api/teams-list.md" },
  { method: "GET", path: re(TEAM), application: ["Team.ReadBasic.All", "TeamSettings.Read.All", "TeamSettings.ReadWrite.All", "Group.Read.All", "Group.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"], contract: "team-get.json" },
  { method: "POST", path: re(`${TEAM}/archive`), application: ["TeamSettings.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All"], contract: "team-archive.json" },
  // team-unarchive.md: least privileged TeamSettings.ReadWrite.All; higher Directory.ReadWrite.All, Group.ReadWrite.All.
  { method: "POST", path: re(`${TEAM}/unarchive`), application: ["TeamSettings.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All"], doc: "api-reference/v1.0/api/team-unarchive.md" },
  { method: "GET", path: re(`${TEAM}/channels`), application: ["Channel.ReadBasic.All", "ChannelSettings.Read.All", "ChannelSettings.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All", "Group.Read.All", "Group.ReadWrite.All"], contract: "channel-list.json" },
  { method: "POST", path: re(`${TEAM}/channels`), application: ["Channel.Create", "Teamwork.Migrate.All", "Group.ReadWrite.All", "Directory.ReadWrite.All"], contract: "channel-create.json" },
  { method: "POST", path: re(`${CHANNEL}/archive`), application: ["ChannelSettings.ReadWrite.All"], doc: "api-reference/v1.0/api/channel-archive.md" },
  { method: "POST", path: re(`${CHANNEL}/unarchive`), application: ["ChannelSettings.ReadWrite.All"], doc: "api-reference/v1.0/api/channel-unarchive.md" },
  { method: "GET", path: re(`${CHANNEL}/members`), application: ["ChannelMember.Read.All", "ChannelMember.ReadWrite.All"], doc: "api-reference/v1.0/api/channel-list-members.md" },
  { method: "POST", path: re(`${CHANNEL}/members`), application: ["ChannelMember.ReadWrite.All"], contract: "channel-members-add.json" },
  { method: "PATCH", path: re(`${CHANNEL}/members/[^/]+`), application: ["ChannelMember.ReadWrite.All"], doc: "api-reference/v1.0/api/channel-update-members.md" },
  { method: "DELETE", path: re(`${CHANNEL}/members/[^/]+`), application: ["ChannelMember.ReadWrite.All"], doc: "api-reference/v1.0/api/channel-delete-members.md" },
  { method: "GET", path: re(`${TEAM}/members`), application: ["TeamMember.Read.All", "TeamMember.ReadWrite.All"], doc: "api-reference/v1.0/api/team-list-members.md" },
  { method: "POST", path: re(`${TEAM}/members`), application: ["TeamMember.ReadWrite.All"], contract: "team-members-add.json" },
  { method: "POST", path: re(`${TEAM}/members/add`), application: ["TeamMember.ReadWrite.All"], contract: "team-members-add-bulk.json" },
  { method: "PATCH", path: re(`${TEAM}/members/[^/]+`), application: ["TeamMember.ReadWrite.All"], doc: "api-reference/v1.0/api/team-update-members.md" },
  { method: "DELETE", path: re(`${TEAM}/members/[^/]+`), application: ["TeamMember.ReadWrite.All"], doc: "api-reference/v1.0/api/team-delete-members.md" },
  { method: "POST", path: /^\/users\/[^/]+\/teamwork\/sendActivityNotification$/, application: ["TeamsActivity.Send"], contract: "userteamwork-sendactivitynotification.json" },
  // List users ($search, $filter): Graph documents no application use of User.ReadBasic.All here.
  { method: "GET", path: /^\/users$/, application: ["User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"], doc: "api-reference/v1.0/api/user-list.md" },
  { method: "GET", path: /^\/users\/[^/]+$/, application: ["User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"], contract: "user-get.json" },
];

/** The rule for a call, or undefined for a call Graph has no permission row for here (e.g. `$batch` itself). */
export function permissionRule(method: string, p: string): PermissionRule | undefined {
  return PERMISSIONS.find((r) => r.method === method && r.path.test(p));
}

/**
 * The Microsoft Graph application permissions (`type: "Role"`) that infra/entra/aad.manifest.json declares:
 * what admin consent grants the app in a real tenant, so exactly what the tests' tokens carry.
 */
export function manifestApplicationPermissions(): string[] {
  const file = path.resolve(import.meta.dirname, "../../../infra/entra/aad.manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as { requiredResourceAccess?: { resourceAppId: string; resourceAccess: { id: string; type: string }[] }[] };
  const graph = manifest.requiredResourceAccess?.find((r) => r.resourceAppId === "Microsoft Graph");
  return (graph?.resourceAccess ?? []).filter((a) => a.type === "Role").map((a) => a.id);
}
