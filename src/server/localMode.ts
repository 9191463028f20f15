/**
 * What makes a configuration "a deployment" rather than a developer's machine. Local mode (AUTH_MODE=dev)
 * checks the parsed settings against these rules before it starts; config.ts reports the refusals with
 * every other configuration problem.
 */
import { isLoopbackHost } from "../domain/hosts.js";

/** The parsed settings these rules read (a subset of config.ts's environment schema). */
export interface LocalModeSettings {
  NODE_ENV: "development" | "test" | "production";
  HOST?: string | undefined;
  DATABASE_URL?: string | undefined;
  DATABASE_MIGRATION_URL?: string | undefined;
  DATABASE_AUTH: "password" | "managed-identity";
  BOT_ID?: string | undefined;
  BOT_PASSWORD?: string | undefined;
  BOT_TENANT_ID?: string | undefined;
  ALLOWED_TENANT_IDS: readonly string[];
  ALLOWED_EMAIL_DOMAINS: readonly string[];
  PLATFORM_OWNER_GROUP_IDS: readonly string[];
  AAD_APP_CLIENT_SECRET?: string | undefined;
  GRAPH_BASE_URL?: string | undefined;
  LOGIN_BASE_URL?: string | undefined;
  IDENTITY_ENDPOINT?: string | undefined;
}

/** The host a libpq-style URL connects to: the query's `host` wins, a socket path or no host is this machine. */
function databaseHostIsLocal(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const hosts = [parsed.hostname, ...parsed.searchParams.getAll("host")].filter((h) => h !== "" && !h.startsWith("/"));
  return hosts.every(isLoopbackHost);
}

/**
 * Local mode (AUTH_MODE=dev) hands out demo identities to anyone who asks, accepts unauthenticated bot
 * traffic and seeds demo data. It runs only on this machine and never beside a real deployment's settings:
 * each setting below means "this is a deployment", so start-up stops and names it. Local stand-ins are fine
 * (a loopback PostgreSQL; an app secret whose Graph and Entra are both loopback stand-ins).
 */
export function localModeRefusals(e: LocalModeSettings): string[] {
  const refused: string[] = [];
  const why = (setting: string, reason: string) =>
    refused.push(`${setting} is a production setting, refused in local mode (AUTH_MODE=dev) because ${reason}; set NODE_ENV=production for a deployment, or unset it for local use`);
  if (e.HOST !== undefined && !isLoopbackHost(e.HOST)) why(`HOST=${e.HOST}`, "the demo identity picker must not be reachable beyond this machine (use 127.0.0.1)");
  for (const key of ["DATABASE_URL", "DATABASE_MIGRATION_URL"] as const) {
    const url = e[key];
    if (url !== undefined && !databaseHostIsLocal(url)) why(`${key} (a non-loopback host)`, "demo data would be seeded into a real database");
  }
  if (e.DATABASE_AUTH === "managed-identity") why("DATABASE_AUTH=managed-identity", "it signs in to a cloud database");
  for (const key of ["BOT_ID", "BOT_PASSWORD", "BOT_TENANT_ID"] as const) {
    if (e[key] !== undefined) why(key, "local mode ignores bot credentials and would accept unauthenticated bot traffic");
  }
  const lists = ["ALLOWED_TENANT_IDS", "ALLOWED_EMAIL_DOMAINS", "PLATFORM_OWNER_GROUP_IDS"] as const;
  // The in-process test harness (NODE_ENV=test, never a listener) tries eligibility rules with its own lists.
  if (e.NODE_ENV !== "test") {
    for (const key of lists) if (e[key].length > 0) why(key, "local mode's demo identities would pass as that deployment's people");
  }
  const standIns = [e.GRAPH_BASE_URL, e.LOGIN_BASE_URL].every((u) => u !== undefined && isLoopbackHost(new URL(u).hostname));
  if (e.AAD_APP_CLIENT_SECRET !== undefined && !standIns) {
    why("AAD_APP_CLIENT_SECRET", "demo identities would drive a real tenant's Graph (only loopback GRAPH_BASE_URL and LOGIN_BASE_URL stand-ins may be used)");
  }
  if (e.IDENTITY_ENDPOINT !== undefined) why("IDENTITY_ENDPOINT", "App Service sets it: this is a deployment");
  return refused;
}
