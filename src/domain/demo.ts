/**
 * Demo agencies and people for local mode (no tenant). The seed writes them to the database and the
 * dev identity picker offers them. Ids are fixed so demo links and tests stay stable.
 */
export const DEMO_CLIENT_ID = "6a1d0c53-3c6e-4f0e-9a8c-2f1b7e5d4c01";

export interface DemoAgency {
  id: string;
  name: string;
  shortName: string;
  tenantId: string;
  emailDomains: string[];
}

/** Two tenants: Finance has its own; a shared whole-of-government tenant hosts DTA and ABS. */
export const DEMO_AGENCIES: readonly DemoAgency[] = [
  {
    id: "0b7d6f0e-1a2b-4c3d-8e4f-000000000001",
    name: "Department of Finance",
    shortName: "Finance",
    tenantId: "7f1c2a4e-0b8d-4c1e-9a51-3d2f6b8e1a01",
    emailDomains: ["finance.gov.au"],
  },
  {
    id: "0b7d6f0e-1a2b-4c3d-8e4f-000000000002",
    name: "Digital Transformation Agency",
    shortName: "DTA",
    tenantId: "2b9e6d10-5c3a-4f7e-8d21-6a4c9e0f3b02",
    emailDomains: ["dta.gov.au"],
  },
  {
    id: "0b7d6f0e-1a2b-4c3d-8e4f-000000000003",
    name: "Australian Bureau of Statistics",
    shortName: "ABS",
    tenantId: "2b9e6d10-5c3a-4f7e-8d21-6a4c9e0f3b02",
    emailDomains: ["abs.gov.au"],
  },
];

/** A tenant that is not on the demo allow-list. */
export const OUTSIDER_TENANT_ID = "c0ffee00-1111-4222-8333-444455556666";

export interface DemoIdentity {
  /** Stable key used by the picker. */
  key: string;
  displayName: string;
  tenantId: string;
  objectId: string;
  email: string;
  jobTitle: string;
  interests: string[];
  isGuest: boolean;
  homeTenantId?: string;
  roles: string[];
  /** One line the picker shows under the name. */
  description: string;
}

/**
 * Eight public servants (four in Finance's tenant, four in the shared tenant across DTA and ABS), a guest and an
 * outsider. The Agents Playground's `.m365agentsplayground.yml` names the same people with the same object ids.
 */
export const DEMO_IDENTITIES: readonly DemoIdentity[] = [
  {
    key: "priya",
    displayName: "Priya Raman",
    tenantId: "7f1c2a4e-0b8d-4c1e-9a51-3d2f6b8e1a01",
    objectId: "a0000000-0000-4000-8000-000000000001",
    email: "priya.raman@finance.gov.au",
    jobTitle: "Director, Procurement Capability",
    interests: ["procurement", "contract management", "capability building"],
    isGuest: false,
    roles: ["Guildhall.PlatformOwner"],
    description: "Finance · platform owner",
  },
  {
    key: "tom",
    displayName: "Tom Nguyen",
    tenantId: "7f1c2a4e-0b8d-4c1e-9a51-3d2f6b8e1a01",
    objectId: "a0000000-0000-4000-8000-000000000002",
    email: "tom.nguyen@finance.gov.au",
    jobTitle: "Senior Policy Officer",
    interests: ["budget policy", "evaluation"],
    isGuest: false,
    roles: [],
    description: "Finance · public servant",
  },
  {
    key: "grace",
    displayName: "Grace Okafor",
    tenantId: "7f1c2a4e-0b8d-4c1e-9a51-3d2f6b8e1a01",
    objectId: "a0000000-0000-4000-8000-000000000021",
    email: "grace.okafor@finance.gov.au",
    jobTitle: "Grants Program Manager",
    interests: ["grants administration", "risk management", "evaluation"],
    isGuest: false,
    roles: [],
    description: "Finance · runs a grants program",
  },
  {
    key: "liam",
    displayName: "Liam Walsh",
    tenantId: "7f1c2a4e-0b8d-4c1e-9a51-3d2f6b8e1a01",
    objectId: "a0000000-0000-4000-8000-000000000022",
    email: "liam.walsh@finance.gov.au",
    jobTitle: "Contract Manager",
    interests: ["contract management", "procurement"],
    isGuest: false,
    roles: [],
    description: "Finance · new to contract management",
  },
  {
    key: "aisha",
    displayName: "Aisha Karimi",
    tenantId: "2b9e6d10-5c3a-4f7e-8d21-6a4c9e0f3b02",
    objectId: "b0000000-0000-4000-8000-000000000001",
    email: "aisha.karimi@dta.gov.au",
    jobTitle: "Lead Service Designer",
    interests: ["service design", "user research", "accessibility"],
    isGuest: false,
    roles: [],
    description: "DTA · community facilitator",
  },
  {
    key: "mei",
    displayName: "Mei Chen",
    tenantId: "2b9e6d10-5c3a-4f7e-8d21-6a4c9e0f3b02",
    objectId: "a0000000-0000-4000-8000-000000000023",
    email: "mei.chen@dta.gov.au",
    jobTitle: "Accessibility Specialist",
    interests: ["accessibility", "service design"],
    isGuest: false,
    roles: [],
    description: "DTA · accessibility specialist",
  },
  {
    key: "marcus",
    displayName: "Marcus Bell",
    tenantId: "2b9e6d10-5c3a-4f7e-8d21-6a4c9e0f3b02",
    objectId: "b0000000-0000-4000-8000-000000000002",
    email: "marcus.bell@abs.gov.au",
    jobTitle: "Data Analyst",
    interests: ["data visualisation", "user research"],
    isGuest: false,
    roles: [],
    description: "ABS · works alone in a regional office",
  },
  {
    key: "ravi",
    displayName: "Ravi Patel",
    tenantId: "2b9e6d10-5c3a-4f7e-8d21-6a4c9e0f3b02",
    objectId: "a0000000-0000-4000-8000-000000000024",
    email: "ravi.patel@abs.gov.au",
    jobTitle: "Survey Methodologist",
    interests: ["survey methods", "data visualisation"],
    isGuest: false,
    roles: [],
    description: "ABS · survey methodologist",
  },
  {
    key: "guest",
    displayName: "Jordan Lee (Guest)",
    tenantId: "7f1c2a4e-0b8d-4c1e-9a51-3d2f6b8e1a01",
    objectId: "a0000000-0000-4000-8000-0000000000f1",
    email: "jordan.lee@consultancy.example.com",
    jobTitle: "Consultant",
    interests: [],
    isGuest: true,
    homeTenantId: "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a",
    roles: [],
    description: "Guest account in Finance's tenant",
  },
  {
    key: "outsider",
    displayName: "Sam Outsider",
    tenantId: "c0ffee00-1111-4222-8333-444455556666",
    objectId: "c0000000-0000-4000-8000-000000000001",
    email: "sam@contoso.example.com",
    jobTitle: "Account Manager",
    interests: [],
    isGuest: false,
    roles: [],
    description: "Tenant not on the allow-list",
  },
];

export interface DemoCommunity {
  id: string;
  name: string;
  purpose: string;
  visibility: "open" | "closed" | "hidden";
  scope: "cross_agency" | "agency_only";
  agencyShortNames: string[];
  classification: "OFFICIAL" | "OFFICIAL_SENSITIVE" | "PROTECTED";
  tags: string[];
  /** Demo identity keys by role. */
  owners: string[];
  moderators: string[];
  members: string[];
}

const TOR = "We meet monthly online, share practice openly, and keep a shared library of resources. Members are public servants doing this work in any agency named in our scope.";
const CODE = "Be respectful and generous with what you know. Share nothing above the community's classification. What is said in the community stays in the community unless the speaker agrees otherwise.";
export const DEMO_TERMS = { termsOfReference: TOR, codeOfPractice: CODE };

/** Demo communities covering each visibility and scope, with owners and moderators among the demo people. */
export const DEMO_COMMUNITIES: readonly DemoCommunity[] = [
  {
    id: "c0a1b2c3-0000-4000-8000-000000000001",
    name: "Service Design CoP",
    purpose: "Service designers across government sharing methods, patterns and lessons from real services.",
    visibility: "open",
    scope: "cross_agency",
    agencyShortNames: [],
    classification: "OFFICIAL",
    tags: ["service design", "user research"],
    owners: ["aisha"],
    moderators: ["marcus"],
    members: [],
  },
  {
    id: "c0a1b2c3-0000-4000-8000-000000000002",
    name: "Regional Data Practitioners",
    purpose: "Data analysts working outside the capitals: peer support, code review and shared tooling.",
    visibility: "closed",
    scope: "cross_agency",
    agencyShortNames: [],
    classification: "OFFICIAL",
    tags: ["data visualisation", "analytics"],
    owners: ["marcus"],
    moderators: ["aisha"],
    members: [],
  },
  {
    id: "c0a1b2c3-0000-4000-8000-000000000003",
    name: "Budget Policy Network",
    purpose: "Finance's budget policy officers comparing notes on costings and new policy proposals.",
    visibility: "hidden",
    scope: "agency_only",
    agencyShortNames: ["Finance"],
    classification: "OFFICIAL_SENSITIVE",
    tags: ["budget policy"],
    owners: ["tom"],
    moderators: [],
    members: [],
  },
  {
    id: "c0a1b2c3-0000-4000-8000-000000000004",
    name: "Procurement Capability",
    purpose: "Procurement and contract managers building capability together: templates, clinics and mentoring.",
    visibility: "closed",
    scope: "agency_only",
    agencyShortNames: ["Finance", "DTA"],
    classification: "OFFICIAL",
    tags: ["procurement", "contract management"],
    owners: ["priya"],
    moderators: ["tom"],
    members: [],
  },
];
