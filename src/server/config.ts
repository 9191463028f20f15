/**
 * The one place that reads the process environment. Validated once at start-up; everything else receives
 * a typed `Config`. Security settings fail closed: a missing allow-list, app id or secret in production
 * stops the server with a message naming the setting.
 */
import { z } from "zod";
import { CLOUD_NAMES, CLOUDS, type CloudEndpoints, type CloudName } from "./clouds.js";
import { CLASSIFICATIONS, classificationAllowed, classificationCeilingReason, type Classification } from "../domain/communities.js";
import { DEMO_AGENCIES, DEMO_CLIENT_ID } from "../domain/demo.js";
import { DOMAIN_PATTERN, GUID_PATTERN } from "../domain/identity.js";
import { channelNameFor, MAX_CHANNEL_NAME, MIN_CHANNEL_NAME_ROOM } from "../domain/teamsNames.js";
import { LOCALES, PSEUDO_LOCALE, type AnyLocale } from "../i18n/locales.js";
import { localModeRefusals } from "./localMode.js";


const list = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? "")
      .split(/[,\s]+/)
      .map((s) => s.trim().toLowerCase())
      .filter((s) => s.length > 0),
  );

const bool = (fallback: boolean | undefined) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no", ""])
    .optional()
    .transform((v) => (v === undefined || v === "" ? fallback : v === "true" || v === "1" || v === "yes"));

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const optionalUrl = optionalString.pipe(z.url({ protocol: /^https?$/ }).optional());

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: optionalString,
  PUBLIC_URL: optionalUrl,
  CLOUD: z.enum(CLOUD_NAMES).default("Public"),
  AUTH_MODE: z.enum(["dev", "entra"]).optional(),
  AAD_APP_CLIENT_ID: optionalString,
  AAD_APP_CLIENT_SECRET: optionalString,
  AAD_APP_TENANT_ID: optionalString,
  AAD_APP_ID_URI: optionalString,
  TAB_DOMAIN: optionalString,
  BOT_ID: optionalString,
  BOT_PASSWORD: optionalString,
  BOT_TENANT_ID: optionalString,
  BOT_TYPE: z.enum(["SingleTenant", "UserAssignedMSI"]).default("SingleTenant"),
  ALLOWED_TENANT_IDS: list,
  ALLOWED_EMAIL_DOMAINS: list,
  ALLOW_GUESTS_FROM_ALLOWED_TENANTS: bool(false),
  PLATFORM_OWNER_ROLE: z.string().min(1).default("Guildhall.PlatformOwner"),
  PLATFORM_OWNER_GROUP_IDS: list,
  DATABASE_URL: optionalString,
  DATABASE_SSL: z.enum(["disable", "require", "verify-full"]).optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** `password` (in DATABASE_URL) or `managed-identity` (an Entra token from the app's user-assigned identity). */
  DATABASE_AUTH: z.enum(["password", "managed-identity"]).default("password"),
  /** Client id of the user-assigned identity that signs in to PostgreSQL. */
  DATABASE_IDENTITY_CLIENT_ID: optionalString,
  /** The owner role that runs migrations (docs/operations.md, "Database roles"); the app connects as DATABASE_URL's role. */
  DATABASE_MIGRATION_URL: optionalString,
  /** With DATABASE_AUTH=managed-identity: the client id of the owner's user-assigned identity. */
  DATABASE_MIGRATION_IDENTITY_CLIENT_ID: optionalString,
  /** A background job still running after this long is taken over by another instance (its own died). */
  JOB_EXPIRE_SECONDS: z.coerce.number().int().min(5).max(3600).default(300),
  /** How often pg-boss maintenance (which retries such jobs) runs on one of the instances. */
  JOB_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  /** Set by App Service for managed identity; read, never configured by hand. */
  IDENTITY_ENDPOINT: optionalUrl,
  IDENTITY_HEADER: optionalString,
  PGLITE_DATA_DIR: z.string().default(".data/pglite"),
  DEMO_DATA: bool(undefined),
  ANONYMITY_HMAC_SECRET: optionalString,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).optional(),
  REQUIRE_HTTPS: bool(undefined),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  GRAPH_BASE_URL: optionalUrl,
  GRAPH_HOST_TEAM_ID: optionalString,
  /** The Teams app's id (manifest `id`), for deep links from activity-feed notices into the tab. */
  TEAMS_APP_ID: optionalString,
  COMMUNITY_NAME_PREFIX: z.string().default(""),
  COMMUNITY_NAME_SUFFIX: z.string().default(""),
  COMMUNITY_BLOCKED_WORDS: list,
  /**
   * The highest classification this deployment is accredited to hold. Fails closed: unset is OFFICIAL_SENSITIVE,
   * so PROTECTED needs a deliberate setting (and a PROTECTED-assessed environment).
   */
  MAX_CLASSIFICATION: z.enum(CLASSIFICATIONS).default("OFFICIAL_SENSITIVE"),
  SENSITIVITY_LABEL_OFFICIAL: optionalString,
  SENSITIVITY_LABEL_OFFICIAL_SENSITIVE: optionalString,
  SENSITIVITY_LABEL_PROTECTED: optionalString,
  AGENCY_DIRECTORY_ATTRIBUTE: z.enum(["companyName", "department"]).default("companyName"),
  COMMUNITY_INACTIVITY_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  LOGIN_BASE_URL: optionalUrl,
});

export type AuthMode = "dev" | "entra";

export interface Config {
  env: "development" | "test" | "production";
  port: number;
  host: string;
  publicUrl: string | undefined;
  /** The Teams app id (manifest `id`); notices deep-link into the tab with it. */
  teamsAppId: string | undefined;
  cloud: CloudName;
  endpoints: CloudEndpoints;
  authMode: AuthMode;
  /** Entra app (the tab's SSO app; also the Graph client). */
  aad: {
    clientId: string;
    clientSecret: string | undefined;
    tenantId: string | undefined;
    /** Audiences a tab token may carry: the client id and the application id URI. */
    audiences: string[];
  };
  bot: {
    /** Empty in local mode: botbuilder then accepts unauthenticated traffic (Agents Playground). */
    appId: string;
    password: string;
    tenantId: string;
    type: "SingleTenant" | "UserAssignedMSI";
  };
  eligibility: {
    allowedTenantIds: ReadonlySet<string>;
    /** Exact domains, or a leading dot for a domain and its subdomains (".gov.au"). */
    allowedEmailDomains: readonly string[];
    allowGuestsFromAllowedTenants: boolean;
    platformOwnerRole: string;
    platformOwnerGroupIds: ReadonlySet<string>;
  };
  database: {
    url: string | undefined;
    ssl: "disable" | "require" | "verify-full";
    poolMax: number;
    pgliteDataDir: string;
    /** Passwordless sign-in with the app's user-assigned identity (DATABASE_AUTH=managed-identity). */
    managedIdentity: { clientId: string; endpoint: string; header: string; resource: string } | undefined;
    /** The owner role for migrations (DATABASE_MIGRATION_URL), and its identity under managed identity. */
    migration: { url: string; identityClientId: string | undefined } | undefined;
  };
  /** Background jobs across instances: when a dead instance's job is retried elsewhere. */
  jobs: { expireSeconds: number; maintenanceSeconds: number };
  demoData: boolean;
  anonymityHmacSecret: string | undefined;
  logLevel: string;
  trustProxy: number | false;
  requireHttps: boolean;
  rateLimitPerMinute: number;
  communities: {
    naming: { prefix: string; suffix: string; blockedWords: string[] };
    sensitivityLabels: Partial<Record<"OFFICIAL" | "OFFICIAL_SENSITIVE" | "PROTECTED", string>>;
    /** MAX_CLASSIFICATION: proposals above it are refused. */
    maxClassification: Classification;
    inactivityDays: number;
    /** Directory attribute naming a person's agency, re-checked for agency-only communities. */
    agencyAttribute: "companyName" | "department";
    /** The team whose channels host communities; with it, an app secret and its tenant, Graph is connected. */
    hostTeamId: string | undefined;
    /** The tenant of the host team (AAD_APP_TENANT_ID, else BOT_TENANT_ID outside local mode). */
    hostTenantId: string | undefined;
    graphConnected: boolean;
  };
}

/** What the browser may see. Nothing secret, nothing per-user. */
export interface BrowserConfig {
  authMode: AuthMode;
  clientId: string;
  cloud: CloudName;
  /** MAX_CLASSIFICATION: the classifications a community may be proposed at here, and why higher ones are not. */
  classifications: { max: Classification; allowed: Classification[]; ceilingReason: string };
  /** The languages a person may choose on their profile (the pseudo-locale in local mode only). */
  locales: AnyLocale[];
  /** The naming prefix and suffix Teams names get (COMMUNITY_NAME_PREFIX/SUFFIX): the propose form shows the Teams name live. */
  naming: { prefix: string; suffix: string };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Guildhall cannot start; fix its configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parse and check the environment. Throws ConfigError listing every problem at once. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const e = parsed.data;
  const production = e.NODE_ENV === "production";
  const authMode: AuthMode = e.AUTH_MODE ?? (production ? "entra" : "dev");
  const local = authMode === "dev";
  const problems: string[] = [];

  if (production && local) {
    problems.push("AUTH_MODE=dev (the demo identity picker) is not allowed when NODE_ENV=production");
  } else if (local) {
    problems.push(...localModeRefusals(e));
  }

  let tenants = e.ALLOWED_TENANT_IDS;
  let domains = e.ALLOWED_EMAIL_DOMAINS;
  if (local && tenants.length === 0 && domains.length === 0) {
    tenants = DEMO_AGENCIES.map((a) => a.tenantId);
    domains = DEMO_AGENCIES.flatMap((a) => a.emailDomains);
  }
  if (!channelNameFor("Name", { prefix: e.COMMUNITY_NAME_PREFIX, suffix: e.COMMUNITY_NAME_SUFFIX }).ok) {
    problems.push(`COMMUNITY_NAME_PREFIX and COMMUNITY_NAME_SUFFIX leave fewer than ${MIN_CHANNEL_NAME_ROOM} of the ${MAX_CHANNEL_NAME} characters of a Teams channel name for the community's name: shorten them`);
  }
  if (tenants.length === 0) problems.push("ALLOWED_TENANT_IDS is empty: list the Entra tenant ids whose people may use Guildhall");
  if (domains.length === 0) problems.push("ALLOWED_EMAIL_DOMAINS is empty: list the verified email domains of eligible public servants");
  for (const t of tenants) if (!GUID_PATTERN.test(t)) problems.push(`ALLOWED_TENANT_IDS: "${t}" is not a tenant id (GUID)`);
  for (const d of domains) if (!DOMAIN_PATTERN.test(d)) problems.push(`ALLOWED_EMAIL_DOMAINS: "${d}" is not a domain`);

  const clientId = e.AAD_APP_CLIENT_ID ?? (local ? DEMO_CLIENT_ID : undefined);
  if (!clientId) problems.push("AAD_APP_CLIENT_ID is required (the Entra app registration of the tab)");
  else if (!GUID_PATTERN.test(clientId)) problems.push("AAD_APP_CLIENT_ID must be a GUID");
  if (!local && !e.AAD_APP_CLIENT_SECRET) problems.push("AAD_APP_CLIENT_SECRET is required outside local mode (on-behalf-of and app-only Graph calls)");
  if (e.AAD_APP_TENANT_ID && !GUID_PATTERN.test(e.AAD_APP_TENANT_ID)) problems.push("AAD_APP_TENANT_ID must be a GUID");
  if (e.TEAMS_APP_ID && !GUID_PATTERN.test(e.TEAMS_APP_ID)) problems.push("TEAMS_APP_ID must be a GUID (the id in the Teams app manifest)");

  if (!local) {
    if (!e.BOT_ID) problems.push("BOT_ID is required outside local mode; without it the bot would accept unauthenticated traffic");
    else if (!GUID_PATTERN.test(e.BOT_ID)) problems.push("BOT_ID must be a GUID");
    if (!e.BOT_TENANT_ID) problems.push("BOT_TENANT_ID is required outside local mode (single-tenant bot)");
    if (e.BOT_TYPE === "SingleTenant" && !e.BOT_PASSWORD) problems.push("BOT_PASSWORD is required for BOT_TYPE=SingleTenant");
  }

  // Graph is connected by naming the host team; half a connection is a mistake, not a quiet local mode.
  const hostTenantId = e.AAD_APP_TENANT_ID ?? (local ? undefined : e.BOT_TENANT_ID);
  if (e.GRAPH_HOST_TEAM_ID) {
    // (outside local mode the secret is required anyway, and said so above)
    if (!e.AAD_APP_CLIENT_SECRET && local) problems.push("GRAPH_HOST_TEAM_ID is set but AAD_APP_CLIENT_SECRET is not: Guildhall cannot call Microsoft Graph without it");
    if (!hostTenantId) problems.push("GRAPH_HOST_TEAM_ID is set but AAD_APP_TENANT_ID is not: name the tenant that holds the host team");
  }

  if (e.DATABASE_AUTH === "managed-identity") {
    if (!e.DATABASE_URL) {
      if (!production) problems.push("DATABASE_AUTH=managed-identity needs DATABASE_URL (host, user and database, without a password)");
    } else if (/^postgres(ql)?:\/\/[^/@]*:[^/@]*@/.test(e.DATABASE_URL)) problems.push("DATABASE_URL must not carry a password when DATABASE_AUTH=managed-identity");
    if (!e.DATABASE_IDENTITY_CLIENT_ID) problems.push("DATABASE_AUTH=managed-identity needs DATABASE_IDENTITY_CLIENT_ID (the user-assigned identity's client id)");
    if (!e.IDENTITY_ENDPOINT || !e.IDENTITY_HEADER) problems.push("DATABASE_AUTH=managed-identity needs IDENTITY_ENDPOINT and IDENTITY_HEADER, which App Service sets when a managed identity is assigned");
  }

  if (e.DATABASE_MIGRATION_URL && !e.DATABASE_URL && !production) problems.push("DATABASE_MIGRATION_URL is set but DATABASE_URL is not: the app connects as DATABASE_URL's role, the owner only migrates");
  if (e.DATABASE_MIGRATION_IDENTITY_CLIENT_ID && e.DATABASE_AUTH !== "managed-identity") problems.push("DATABASE_MIGRATION_IDENTITY_CLIENT_ID is only used with DATABASE_AUTH=managed-identity");

  if (production) {
    if (!e.DATABASE_URL) problems.push("DATABASE_URL is required when NODE_ENV=production (the embedded database is for local use only)");
    if (!e.ANONYMITY_HMAC_SECRET || e.ANONYMITY_HMAC_SECRET.length < 32) {
      problems.push("ANONYMITY_HMAC_SECRET is required when NODE_ENV=production and must be at least 32 characters");
    }
    if (!e.PUBLIC_URL?.startsWith("https://")) problems.push("PUBLIC_URL must be the https:// address of the app when NODE_ENV=production");
    for (const key of ["GRAPH_BASE_URL", "LOGIN_BASE_URL"] as const) {
      if (e[key] && !e[key].startsWith("https://")) problems.push(`${key} must be an https:// address when NODE_ENV=production (tokens are sent there)`);
    }
  }
  // App Service passes the reference text through when it cannot read a Key Vault secret: never start with it.
  for (const [key, value] of Object.entries(env)) {
    if (key in envSchema.shape && value?.trim().startsWith("@Microsoft.KeyVault(")) {
      problems.push(`${key} is an unresolved Key Vault reference: App Service could not read the secret (check the managed identity's access)`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const endpoints = structuredClone(CLOUDS[e.CLOUD]);
  if (e.GRAPH_BASE_URL) endpoints.graph = e.GRAPH_BASE_URL.replace(/\/$/, "");
  if (e.LOGIN_BASE_URL) endpoints.login = e.LOGIN_BASE_URL.replace(/\/$/, "");

  const tabDomain = e.TAB_DOMAIN ?? (e.PUBLIC_URL ? new URL(e.PUBLIC_URL).host : undefined);
  const appIdUri = e.AAD_APP_ID_URI ?? (tabDomain ? `api://${tabDomain}/${clientId}` : undefined);
  const resolvedClientId = clientId as string;

  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST ?? (production ? "0.0.0.0" : "127.0.0.1"),
    publicUrl: e.PUBLIC_URL,
    teamsAppId: e.TEAMS_APP_ID,
    cloud: e.CLOUD,
    endpoints,
    authMode,
    aad: {
      clientId: resolvedClientId,
      clientSecret: e.AAD_APP_CLIENT_SECRET,
      tenantId: e.AAD_APP_TENANT_ID,
      audiences: appIdUri ? [resolvedClientId, appIdUri] : [resolvedClientId],
    },
    bot: {
      appId: local ? "" : (e.BOT_ID ?? ""),
      password: local ? "" : (e.BOT_PASSWORD ?? ""),
      tenantId: local ? "" : (e.BOT_TENANT_ID ?? ""),
      type: e.BOT_TYPE,
    },
    eligibility: {
      allowedTenantIds: new Set(tenants),
      allowedEmailDomains: domains,
      allowGuestsFromAllowedTenants: e.ALLOW_GUESTS_FROM_ALLOWED_TENANTS ?? false,
      platformOwnerRole: e.PLATFORM_OWNER_ROLE,
      platformOwnerGroupIds: new Set(e.PLATFORM_OWNER_GROUP_IDS),
    },
    database: {
      url: e.DATABASE_URL,
      ssl: e.DATABASE_SSL ?? (production ? "verify-full" : "disable"),
      poolMax: e.DATABASE_POOL_MAX,
      managedIdentity:
        e.DATABASE_AUTH === "managed-identity" && e.DATABASE_IDENTITY_CLIENT_ID && e.IDENTITY_ENDPOINT && e.IDENTITY_HEADER
          ? { clientId: e.DATABASE_IDENTITY_CLIENT_ID, endpoint: e.IDENTITY_ENDPOINT, header: e.IDENTITY_HEADER, resource: endpoints.postgresResource }
          : undefined,
      pgliteDataDir: e.PGLITE_DATA_DIR,
      migration: e.DATABASE_MIGRATION_URL ? { url: e.DATABASE_MIGRATION_URL, identityClientId: e.DATABASE_MIGRATION_IDENTITY_CLIENT_ID } : undefined,
    },
    jobs: { expireSeconds: e.JOB_EXPIRE_SECONDS, maintenanceSeconds: e.JOB_MAINTENANCE_SECONDS },
    demoData: e.DEMO_DATA ?? local,
    anonymityHmacSecret: e.ANONYMITY_HMAC_SECRET,
    logLevel: e.LOG_LEVEL,
    trustProxy: (e.TRUST_PROXY ?? (production ? 1 : 0)) || false,
    requireHttps: e.REQUIRE_HTTPS ?? production,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    communities: {
      naming: { prefix: e.COMMUNITY_NAME_PREFIX, suffix: e.COMMUNITY_NAME_SUFFIX, blockedWords: e.COMMUNITY_BLOCKED_WORDS },
      sensitivityLabels: {
        ...(e.SENSITIVITY_LABEL_OFFICIAL ? { OFFICIAL: e.SENSITIVITY_LABEL_OFFICIAL } : {}),
        ...(e.SENSITIVITY_LABEL_OFFICIAL_SENSITIVE ? { OFFICIAL_SENSITIVE: e.SENSITIVITY_LABEL_OFFICIAL_SENSITIVE } : {}),
        ...(e.SENSITIVITY_LABEL_PROTECTED ? { PROTECTED: e.SENSITIVITY_LABEL_PROTECTED } : {}),
      },
      maxClassification: e.MAX_CLASSIFICATION,
      inactivityDays: e.COMMUNITY_INACTIVITY_DAYS,
      agencyAttribute: e.AGENCY_DIRECTORY_ATTRIBUTE,
      hostTeamId: e.GRAPH_HOST_TEAM_ID,
      hostTenantId,
      graphConnected: e.GRAPH_HOST_TEAM_ID !== undefined && e.AAD_APP_CLIENT_SECRET !== undefined && hostTenantId !== undefined,
    },
  };
}

export function browserConfig(config: Config): BrowserConfig {
  return {
    authMode: config.authMode,
    clientId: config.aad.clientId,
    cloud: config.cloud,
    classifications: classificationCeiling(config.communities.maxClassification),
    locales: choosableLocales(config),
    naming: { prefix: config.communities.naming.prefix, suffix: config.communities.naming.suffix },
  };
}

/**
 * The languages a person may choose on their profile: every complete locale, and the pseudo-locale (for finding
 * text that is not yet translatable) only in local mode. The tab offers these; the profile command accepts only these.
 */
export function choosableLocales(config: Pick<Config, "authMode">): AnyLocale[] {
  return config.authMode === "dev" ? [...LOCALES, PSEUDO_LOCALE] : [...LOCALES];
}

function classificationCeiling(max: Classification): BrowserConfig["classifications"] {
  return { max, allowed: CLASSIFICATIONS.filter((c) => classificationAllowed(c, max)), ceilingReason: classificationCeilingReason(max) };
}

/** Names of every environment variable the server reads (used by the infra consistency test). */
export const CONFIG_KEYS: readonly string[] = Object.keys(envSchema.shape);
