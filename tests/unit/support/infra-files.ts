/**
 * Readers for the deployment files (Bicep, ARM parameter files, env templates, scripts) used by the infra,
 * production-config and docs tests. Bicep cannot be compiled on this machine, so these read its text: just
 * enough structure (params with decorators, the Web App's app settings) to check what matters.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export function read(relativePath: string): string {
  return readFileSync(path.join(ROOT, relativePath), "utf8");
}

export function exists(relativePath: string): boolean {
  return existsSync(path.join(ROOT, relativePath));
}

function list(dir: string, suffix: string): string[] {
  if (!exists(dir)) return [];
  return readdirSync(path.join(ROOT, dir))
    .filter((name) => name.endsWith(suffix))
    .sort()
    .map((name) => `${dir}/${name}`);
}

/** infra/main.bicep and every module. */
export function bicepFiles(): string[] {
  return ["infra/main.bicep", ...list("infra/modules", ".bicep")];
}

export function parameterFiles(): string[] {
  return list("infra/parameters", ".parameters.json");
}

export function scriptFiles(): string[] {
  return list("infra/scripts", ".sh");
}

/** env/.env.<name> templates (not the git-ignored .user files). */
export function envTemplates(): string[] {
  return list("env", "").filter((file) => /\/\.env\.[a-z0-9-]+$/.test(file));
}

/**
 * Index just past the bracket that closes the one opening at `open`, skipping Bicep strings ('...' with `\`
 * escapes and `${...}` interpolations, which may nest strings of their own).
 */
export function matchingClose(text: string, open: number): number {
  const closer: Record<string, string> = { "(": ")", "{": "}", "[": "]" };
  const stack: string[] = [];
  let i = open;
  while (i < text.length) {
    const c = text[i] ?? "";
    if (c === "'") {
      i = skipString(text, i);
      continue;
    }
    if (c === "/" && text[i + 1] === "/") {
      const end = text.indexOf("\n", i);
      i = end < 0 ? text.length : end;
      continue;
    }
    if (closer[c]) stack.push(closer[c] ?? "");
    else if (c === ")" || c === "}" || c === "]") {
      if (stack.pop() !== c) throw new Error(`unbalanced "${c}" at ${i}`);
      if (stack.length === 0) return i + 1;
    }
    i++;
  }
  throw new Error(`no closing bracket for position ${open}`);
}

/** Index just past the string literal starting at `start` (a quote). */
function skipString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === "\\") i += 2;
    else if (c === "'") return i + 1;
    else if (c === "$" && text[i + 1] === "{") i = matchingClose(text, i + 1);
    else i++;
  }
  throw new Error(`unterminated string at ${start}`);
}

export interface BicepParam {
  name: string;
  type: string;
  /** Default value expression, if any. */
  defaultValue: string | undefined;
  decorators: string[];
  secure: boolean;
}

/** Every `param` declaration with the decorators written directly above it. */
export function bicepParams(text: string): Map<string, BicepParam> {
  const params = new Map<string, BicepParam>();
  const lines = text.split("\n");
  let pending: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim();
    if (line.startsWith("@")) {
      let decorator = line;
      let depth = [...line].reduce((d, c) => d + (c === "(" || c === "[" ? 1 : c === ")" || c === "]" ? -1 : 0), 0);
      while (depth > 0 && i + 1 < lines.length) {
        const next = (lines[++i] ?? "").trim();
        decorator += ` ${next}`;
        depth += [...next].reduce((d, c) => d + (c === "(" || c === "[" ? 1 : c === ")" || c === "]" ? -1 : 0), 0);
      }
      pending.push(decorator);
      continue;
    }
    const match = /^param\s+(\w+)\s+(\w+)(?:\s*=\s*(.+))?$/.exec(line);
    if (match) {
      const [, name = "", type = "", defaultValue] = match;
      params.set(name, { name, type, defaultValue, decorators: pending, secure: pending.some((d) => d.startsWith("@secure()")) });
      pending = [];
    } else if (line !== "" && !line.startsWith("//")) {
      pending = [];
    }
  }
  return params;
}

export interface AppSetting {
  name: string;
  /** The Bicep expression, as written. */
  value: string;
}

export const APP_SERVICE_MODULE = "infra/modules/appservice.bicep";

/** The Web App's app settings: every `NAME: value` inside `var appSettings = ...` in the App Service module. */
export function webAppSettings(): AppSetting[] {
  const text = read(APP_SERVICE_MODULE);
  const start = text.indexOf("var appSettings =");
  if (start < 0) throw new Error(`${APP_SERVICE_MODULE} has no "var appSettings ="`);
  const open = text.slice(start).search(/[({]/) + start;
  const block = text.slice(open, matchingClose(text, open));
  return [...block.matchAll(/^\s*([A-Z][A-Z0-9_]*)\s*:\s*(.+?)\s*$/gm)].map((m) => ({ name: m[1] ?? "", value: m[2] ?? "" }));
}

/** The text of a quoted Bicep literal with no interpolation, or undefined for any other expression. */
export function literal(expression: string): string | undefined {
  const match = /^'((?:[^'\\$]|\\.|\$(?!\{))*)'$/.exec(expression.trim());
  return match ? (match[1] ?? "").replace(/\\(.)/g, "$1") : undefined;
}

export interface ParameterFile {
  file: string;
  values: Record<string, unknown>;
}

export function readParameterFile(file: string): ParameterFile {
  const json = JSON.parse(read(file)) as { parameters?: Record<string, { value?: unknown; reference?: unknown }> };
  const values: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(json.parameters ?? {})) values[name] = entry.reference !== undefined ? { reference: entry.reference } : entry.value;
  return { file, values };
}

/** KEY=value lines of an env template; with `includeCommented`, also `# KEY=` lines (keys left for the user to set). */
export function envKeys(file: string, includeCommented = false): Map<string, string> {
  const keys = new Map<string, string>();
  for (const raw of read(file).split("\n")) {
    const match = (includeCommented ? /^(?:#\s*)?([A-Z_][A-Z0-9_]*)=(.*)$/ : /^([A-Z_][A-Z0-9_]*)=(.*)$/).exec(raw.trim());
    if (match) keys.set(match[1] ?? "", match[2] ?? "");
  }
  return keys;
}

/** Names used as `${{NAME}}` (Agents Toolkit placeholders). */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)].map((m) => m[1] ?? ""))];
}

/** Elements of a bash array literal `NAME=( ... )` in a script. */
export function bashArray(text: string, name: string): string[] {
  const match = new RegExp(`^${name}=\\(([^)]*)\\)`, "m").exec(text);
  if (!match) throw new Error(`no bash array ${name}`);
  return (match[1] ?? "")
    .split("\n")
    .map((line) => line.replace(/#.*$/, "").trim())
    .flatMap((line) => line.split(/\s+/))
    .filter((word) => word.length > 0);
}

const TENANT = "6f1c2b7e-3d4a-4c5b-9e8f-0a1b2c3d4e5f";

/**
 * A plausible value for each setting whose Bicep value is an expression (a parameter, a Key Vault reference):
 * what App Service would hand the process once the references resolve. Bicep literals are used as written.
 */
/** Set by App Service itself (managed identity), never by the Bicep app settings. */
export const PROVIDED_BY_APP_SERVICE: Readonly<Record<string, string>> = {
  IDENTITY_ENDPOINT: "http://127.0.0.1:41234/msi/token",
  IDENTITY_HEADER: "set-by-app-service",
};

export const SAMPLE_VALUES: Readonly<Record<string, string>> = {
  NODE_ENV: "production",
  PUBLIC_URL: "https://guildhall-prod.azurewebsites.net",
  TAB_DOMAIN: "guildhall-prod.azurewebsites.net",
  CLOUD: "Public",
  MAX_CLASSIFICATION: "OFFICIAL_SENSITIVE",
  AUTH_MODE: "entra",
  AAD_APP_CLIENT_ID: "0b5e7c1a-2f3d-4e6a-8b9c-1d2e3f4a5b6c",
  AAD_APP_CLIENT_SECRET: "client-secret-from-key-vault",
  AAD_APP_TENANT_ID: TENANT,
  BOT_ID: "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d",
  BOT_PASSWORD: "bot-password-from-key-vault",
  BOT_TENANT_ID: TENANT,
  BOT_TYPE: "SingleTenant",
  ALLOWED_TENANT_IDS: TENANT,
  ALLOWED_EMAIL_DOMAINS: "finance.gov.au,.abs.gov.au",
  ALLOW_GUESTS_FROM_ALLOWED_TENANTS: "false",
  PLATFORM_OWNER_GROUP_IDS: "",
  // managed-identity auth (the default): the identity's name, no password; the token comes per connection.
  DATABASE_URL: "postgresql://guildhall-prod-id@guildhall-prod-psql.postgres.database.azure.com:5432/guildhall",
  DATABASE_SSL: "verify-full",
  DATABASE_AUTH: "managed-identity",
  DATABASE_IDENTITY_CLIENT_ID: "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f",
  DATABASE_MIGRATION_URL: "postgresql://guildhall-prod-db-owner-id@guildhall-prod-psql.postgres.database.azure.com:5432/guildhall",
  DATABASE_MIGRATION_IDENTITY_CLIENT_ID: "3d4e5f6a-7b8c-4d9e-8f0a-2b3c4d5e6f7a",
  GRAPH_HOST_TEAM_ID: "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a",
  TEAMS_APP_ID: "0e6f3d4a-1b2c-4d5e-8f90-a1b2c3d4e5f6",
  DATABASE_POOL_MAX: "10",
  DEMO_DATA: "false",
  ANONYMITY_HMAC_SECRET: "3f9a1c7e5b2d8f4a6c0e9b1d7f3a5c8e2b4d6f8a0c1e3b5d7f9a2c4e6b8d0f1a",
  LOG_LEVEL: "info",
  TRUST_PROXY: "1",
  REQUIRE_HTTPS: "true",
  ...PROVIDED_BY_APP_SERVICE,
};

/**
 * The environment the Web App's process gets from the Bicep app settings: literals as written, expressions
 * replaced by SAMPLE_VALUES. Platform settings (WEBSITE_*, SCM_*) are left out; App Service also sets PORT.
 */
export function productionEnvFromBicep(platformSettings: ReadonlySet<string>): Record<string, string> {
  // App Service sets these itself when a managed identity is assigned to the app.
  const env: Record<string, string> = { ...PROVIDED_BY_APP_SERVICE };
  for (const { name, value } of webAppSettings()) {
    if (platformSettings.has(name)) continue;
    const text = literal(value) ?? SAMPLE_VALUES[name];
    if (text === undefined) throw new Error(`no sample value for app setting ${name}: add one to SAMPLE_VALUES in tests/unit/support/infra-files.ts`);
    env[name] = text;
  }
  return env;
}

/** App settings that belong to App Service, not to Guildhall's config. Keep this list small and explicit. */
export const PLATFORM_SETTINGS: ReadonlySet<string> = new Set([
  "WEBSITE_RUN_FROM_PACKAGE",
  "SCM_DO_BUILD_DURING_DEPLOYMENT",
  "WEBSITE_HEALTHCHECK_MAXPINGFAILURES",
]);
