/** Shapes the server sends, for component tests. Values follow the local demo seed. */
import type { Abilities, CommunityDetail, CommunitySummary } from "../api/communityTypes.js";
import type { Me, Permissions } from "../api/types.js";

export const MEMBER_PERMISSIONS: Permissions = {
  "guildhall.use": true,
  "profile.read": true,
  "profile.update": true,
  "directory.browse": true,
  "community.propose": true,
  "community.approve": false,
  "agency.manage": false,
};

export const AGENCIES = [
  { id: "0b7d6f0e-1a2b-4c3d-8e4f-000000000003", name: "Australian Bureau of Statistics", shortName: "ABS" },
  { id: "0b7d6f0e-1a2b-4c3d-8e4f-000000000001", name: "Department of Finance", shortName: "Finance" },
  { id: "0b7d6f0e-1a2b-4c3d-8e4f-000000000002", name: "Digital Transformation Agency", shortName: "DTA" },
];

export function meFor(overrides: Partial<Me> = {}): Me {
  return {
    person: { id: "p-marcus", displayName: "Marcus Bell", email: "marcus.bell@abs.gov.au", jobTitle: "Data Analyst", interests: ["data visualisation"] },
    agency: AGENCIES[0] ?? null,
    tenantId: "2b9e6d10-5c3a-4f7e-8d21-6a4c9e0f3b02",
    platformOwner: false,
    permissions: MEMBER_PERMISSIONS,
    ...overrides,
  };
}

export const NO_ABILITIES: Abilities = {
  "community.view": true,
  "community.join": false,
  "community.request": false,
  "community.leave": false,
  "community.invite": false,
  "community.decideRequests": false,
  "community.manageMembers": false,
  "community.changeRoles": false,
  "community.transferOwnership": false,
  "community.decideProposal": false,
  "community.retryProvisioning": false,
  "community.retryArchive": false,
  "community.archive": false,
  "community.edit": false,
  "community.editCode": false,
  "community.changeVisibility": false,
  "community.withdraw": false,
  "community.editProposal": false,
  "community.resubmit": false,
  "community.unarchive": false,
  "community.retryUnarchive": false,
};

export function summaryFor(overrides: Partial<CommunitySummary> = {}): CommunitySummary {
  return {
    id: "c0a1b2c3-0000-4000-8000-000000000002",
    name: "Regional Data Practitioners",
    purpose: "Data analysts working outside the capitals: peer support, code review and shared tooling.",
    visibility: "closed",
    scope: "cross_agency",
    classification: "OFFICIAL",
    classificationLabel: "OFFICIAL",
    tags: ["analytics"],
    status: "approved",
    memberCount: 2,
    myRole: null,
    teamsState: "not_connected",
    ...overrides,
  };
}

export function detailFor(overrides: Partial<CommunityDetail> = {}, abilities: Partial<Abilities> = {}): CommunityDetail {
  return {
    id: "c0a1b2c3-0000-4000-8000-000000000002",
    name: "Regional Data Practitioners",
    purpose: "Data analysts working outside the capitals.",
    termsOfReference: "We meet monthly.\nMinutes are shared.",
    codeOfPractice: "Be respectful.\nShare nothing above OFFICIAL.",
    codeVersion: 2,
    visibility: "closed",
    scope: "cross_agency",
    agencies: [],
    classification: "OFFICIAL",
    classificationLabel: "OFFICIAL",
    tags: ["analytics"],
    status: "approved",
    decisionReason: null,
    nameClashes: [],
    teamsPresence: "private_channel",
    memberCount: 2,
    myRole: null,
    invited: false,
    requested: false,
    abilities: { ...NO_ABILITIES, ...abilities },
    revision: 3,
    codeAcceptance: null,
    visibilityChoices: [],
    joinBlockedReason: null,
    teams: { state: "not_connected", webUrl: null, lastError: null },
    provisioning: [],
    members: [],
    joinRequests: [],
    ...overrides,
  };
}
