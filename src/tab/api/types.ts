/**
 * The JSON shapes the Guildhall server sends the tab. The tab may not import server code, so these
 * mirror the server's presenters; keep them in step with src/server's routes.
 */

import type { Classification } from "./communityTypes.js";

export type AuthMode = "dev" | "entra";
export type Cloud = "Public" | "GCC" | "USGov" | "USGovDoD";

/** `GET /api/v1/client-config` (no auth): what the browser may know about the deployment. */
export interface ClientConfig {
  authMode: AuthMode;
  clientId: string;
  cloud: Cloud;
  /** MAX_CLASSIFICATION: the classifications a community may be proposed at here, and why higher ones are not. */
  classifications: ClassificationCeiling;
  /** The languages a person may choose on their profile (BCP 47 tags; the pseudo-locale only in local mode). */
  locales: string[];
  /** The deployment's naming prefix and suffix, which Teams names get (the propose form shows the Teams name live). */
  naming?: { prefix: string; suffix: string };
}

/** The deployment's classification ceiling as the server states it; the tab applies it as given. */
export interface ClassificationCeiling {
  max: Classification;
  allowed: Classification[];
  ceilingReason: string;
}

/** One demo person offered by the local-mode identity picker. */
export interface DevIdentity {
  key: string;
  displayName: string;
  description: string;
  email: string;
  jobTitle: string;
}

/** `GET /api/dev/identities` (local mode only). */
export interface DevIdentitiesResponse {
  identities: DevIdentity[];
}

/** `POST /api/dev/token` (local mode only). `expiresAt` is an ISO 8601 timestamp. */
export interface DevTokenResponse {
  token: string;
  expiresAt: string;
}

/** The actions the server computes permissions for. */
export const PERMISSION_KEYS = [
  "guildhall.use",
  "profile.read",
  "profile.update",
  "directory.browse",
  "community.propose",
  "community.approve",
  "agency.manage",
] as const;
export type PermissionKey = (typeof PERMISSION_KEYS)[number];
export type Permissions = Record<PermissionKey, boolean>;

export interface Person {
  id: string;
  displayName: string;
  email: string;
  jobTitle: string;
  interests: string[];
}

export interface Agency {
  id: string;
  name: string;
  shortName: string;
  /** Sent to platform owners only. */
  tenantId?: string;
  emailDomains?: string[];
  /** Sent to platform owners only: each email domain and whether it is live on the sign-in allow-list. */
  domains?: { domain: string; status: "live" | "partial" | "inactive" }[];
  people?: number;
}

/** `GET /api/v1/agencies`: platform owners also get the sign-in allow-list (ALLOWED_EMAIL_DOMAINS). */
export interface AgencyRegister {
  items: Agency[];
  signInDomains?: string[];
}

/** What a platform owner sends to register or change an agency. */
export interface AgencyInput {
  name: string;
  shortName: string;
  tenantId: string;
  emailDomains: string[];
  /** The platform owner registers the agency knowing that some domains are not (fully) live. */
  acknowledgeInactiveDomains?: boolean;
}

/** `GET /api/v1/me`: the signed-in person, their agency and what the server says they may do. */
export interface Me {
  person: Person;
  agency: Agency | null;
  /** The person's own choice of language, saved with their profile; null to follow Teams and the browser. */
  locale?: string | null;
  tenantId: string;
  platformOwner: boolean;
  permissions: Permissions;
}

/** Error ids the tab treats specially; any other id is still carried through as a string. */
export type KnownErrorId = "auth.invalid_token" | "auth.missing_token" | "eligibility.denied";

/** The server's error envelope for every 4xx/5xx. */
export interface ErrorBody {
  error: {
    id: string;
    message: string;
    requestId?: string;
    /** Present on `eligibility.denied`: tenant_not_allowed, guest_not_allowed, domain_not_allowed, … */
    reason?: string;
  };
}
