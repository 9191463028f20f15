/**
 * `npm run package [-- --env <name>]`: renders appPackage/manifest.template.json with the values of
 * env/.env.<name> (overlaid by process.env), validates the result offline against the manifest schema
 * bundled in @microsoft/app-manifest plus the rules the schema cannot express, checks the icon sizes, and
 * zips manifest.json and both icons into appPackage/build/appPackage.<name>.zip. Nothing it writes is
 * committed. The exported functions are pure (or take explicit paths) so tests can call them.
 */
import { existsSync, realpathSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AppManifestUtils } from "@microsoft/app-manifest";
import JSZip from "jszip";
import { DEMO_CLIENT_ID } from "../domain/demo.js";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The variables the template uses; process.env is consulted for these (and for any the env file names). */
export const VARIABLES = ["TEAMS_APP_ID", "AAD_APP_CLIENT_ID", "BOT_ID", "TAB_DOMAIN", "TAB_ENDPOINT", "APP_NAME_SUFFIX", "APP_VERSION"] as const;
/** Variables the template may leave empty; every other placeholder needs a non-empty value. */
const MAY_BE_EMPTY = new Set(["APP_NAME_SUFFIX"]);
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Every problem found, so one run reports them all instead of one per run. */
export class PackageError extends Error {
  constructor(
    readonly summary: string,
    readonly problems: readonly string[],
  ) {
    super(`${summary}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "PackageError";
  }
}

/**
 * Parses a dotenv-style file: `KEY=VALUE` lines, optional `export `, `#` comments (whole-line, or after
 * whitespace in an unquoted value), single quotes (literal) and double quotes (`\n`, `\"`, `\\` escapes).
 */
export function parseEnvFile(text: string, source = "The env file"): Record<string, string> {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) {
      problems.push(`line ${index + 1}: expected KEY=VALUE, got "${line}"`);
      return;
    }
    const [, key = "", rest = ""] = match;
    const quoted = /^(["'])((?:\\.|(?!\1).)*)\1\s*(?:#.*)?$/.exec(rest);
    if (quoted) {
      const [, quote, body = ""] = quoted;
      values[key] = quote === "'" ? body : body.replace(/\\([nrt"\\])/g, (_, c: string) => ({ n: "\n", r: "\r", t: "\t" })[c] ?? c);
    } else if (/^["']/.test(rest)) {
      problems.push(`line ${index + 1}: unterminated quote in ${key}`);
    } else {
      values[key] = rest.replace(/\s+#.*$/, "").trim();
    }
  });
  if (problems.length > 0) throw new PackageError(`${source} could not be read`, problems);
  return values;
}

/** The distinct placeholder names in a template, in order of first use. */
export function templateVariables(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ""))];
}

export interface ResolveInput {
  envName: string;
  /** Values from env/.env.<name>, if that file exists. */
  fileValues: Record<string, string>;
  /** Usually process.env; wins over the file. */
  processEnv: Record<string, string | undefined>;
  /** Default for APP_VERSION in every environment. */
  packageVersion: string;
}

/**
 * Overlays file values with process.env, then fills gaps: APP_VERSION from package.json everywhere, and
 * in the `local` environment only, values that let the package build with no tenant (demo client id,
 * localhost). Returns which local defaults were used so the CLI can say so.
 */
export function resolveVariables(input: ResolveInput): { values: Record<string, string>; defaulted: string[] } {
  const values: Record<string, string> = { ...input.fileValues };
  for (const key of new Set([...Object.keys(values), ...VARIABLES])) {
    const fromProcess = input.processEnv[key];
    if (fromProcess !== undefined) values[key] = fromProcess;
  }
  const defaulted: string[] = [];
  const fill = (key: string, value: string): void => {
    if (values[key] === undefined) {
      values[key] = value;
      defaulted.push(key);
    }
  };
  values.APP_VERSION ??= input.packageVersion;
  if (input.envName === "local") {
    fill("TEAMS_APP_ID", DEMO_CLIENT_ID);
    fill("AAD_APP_CLIENT_ID", DEMO_CLIENT_ID);
    fill("BOT_ID", DEMO_CLIENT_ID);
    fill("TAB_DOMAIN", "localhost:3978");
    fill("TAB_ENDPOINT", `https://${values.TAB_DOMAIN ?? "localhost:3978"}`);
    fill("APP_NAME_SUFFIX", " (local)");
  }
  return { values, defaulted };
}

/**
 * Substitutes every `${{VAR}}`. Values are JSON-string escaped (placeholders sit inside JSON strings).
 * Throws a PackageError naming every missing variable; never returns an unsubstituted placeholder.
 */
export function renderTemplate(template: string, values: Record<string, string | undefined>): string {
  const missing = templateVariables(template).filter((name) => {
    const value = values[name];
    return value === undefined || (value.trim() === "" && !MAY_BE_EMPTY.has(name));
  });
  if (missing.length > 0) {
    throw new PackageError(
      `Missing ${missing.length === 1 ? "variable" : "variables"} ${missing.join(", ")}`,
      missing.map((name) => `${name} is not set (add it to the env file or the environment)`),
    );
  }
  const rendered = template.replace(PLACEHOLDER, (_, name: string) => JSON.stringify(values[name] ?? "").slice(1, -1));
  const malformed = rendered.indexOf("${{");
  if (malformed >= 0) throw new PackageError("The template has a malformed placeholder", [rendered.slice(malformed, malformed + 40)]);
  return rendered;
}

/** Shapes the schema cannot see once the values are inside URLs: TAB_ENDPOINT is an https origin, no path. */
export function checkVariables(values: Record<string, string | undefined>): string[] {
  const endpoint = values.TAB_ENDPOINT;
  if (endpoint === undefined || /^https:\/\/[^/?#\s]+$/.test(endpoint)) return [];
  return [`TAB_ENDPOINT must be https://<host> with no path or trailing slash, got "${endpoint}"`];
}

const require = createRequire(import.meta.url);
type ValidatedManifest = Parameters<typeof AppManifestUtils.validateAgainstSchema>[0];
type ManifestSchema = Parameters<typeof AppManifestUtils.validateAgainstSchema>[1];
const schemaCache = new Map<string, ManifestSchema>();

/** The schema bundled in @microsoft/app-manifest for a manifest version; never fetched over the network. */
async function bundledSchema(version: string): Promise<ManifestSchema> {
  const cached = schemaCache.get(version);
  if (cached) return cached;
  const root = path.dirname(require.resolve("@microsoft/app-manifest/package.json"));
  const file = path.join(root, "build", "json-schemas", "teams", `v${version}`, "MicrosoftTeams.schema.json");
  if (!/^\d+\.\d+$/.test(version) || !existsSync(file)) {
    throw new PackageError("Unknown manifest version", [`@microsoft/app-manifest bundles no schema for "${version}"`]);
  }
  // The same clean-up AppManifestUtils.fetchSchema applies (the published schemas contain \a and \v escapes).
  const raw = (await readFile(file, "utf8")).replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b");
  const schema = JSON.parse(raw) as ManifestSchema;
  schemaCache.set(version, schema);
  return schema;
}

/** Minimal view of the manifest for the rules below; only read after the schema has passed. */
interface ManifestView {
  $schema?: string;
  manifestVersion: string;
  developer: { websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  staticTabs?: { contentUrl?: string; websiteUrl?: string }[];
  configurableTabs?: { configurationUrl: string }[];
  validDomains?: string[];
  webApplicationInfo?: { id: string; resource?: string };
}

/**
 * Validates a manifest object against the bundled JSON schema for its manifestVersion, then the rules
 * Teams enforces that the schema cannot: https URLs on a valid domain, an SSO resource of the form
 * api://<valid domain>/<webApplicationInfo.id>. Returns the problems; an empty array means valid.
 */
export async function validateManifest(manifest: unknown): Promise<string[]> {
  const version = (manifest as { manifestVersion?: unknown } | null)?.manifestVersion;
  if (typeof version !== "string") return ["manifestVersion is missing"];
  const schema = await bundledSchema(version);
  const schemaErrors = await AppManifestUtils.validateAgainstSchema(manifest as ValidatedManifest, schema);
  if (schemaErrors.length > 0) return schemaErrors;

  const m = manifest as ManifestView;
  const problems: string[] = [];
  const expectedSchema = `https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`;
  if (m.$schema !== expectedSchema) problems.push(`$schema must be ${expectedSchema}`);
  const domains = m.validDomains ?? [];
  for (const d of domains) if (/[/\s]|^\w+:\/\//.test(d)) problems.push(`validDomains entry "${d}" must be a bare host[:port], no scheme or path`);
  const urls = [
    m.developer.websiteUrl,
    m.developer.privacyUrl,
    m.developer.termsOfUseUrl,
    ...(m.staticTabs ?? []).flatMap((t) => [t.contentUrl, t.websiteUrl]),
    ...(m.configurableTabs ?? []).map((t) => t.configurationUrl),
  ];
  for (const url of urls) {
    if (url === undefined) continue;
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    if (parsed?.protocol !== "https:") problems.push(`${url} must be an https URL`);
    else if (!domains.includes(parsed.host)) problems.push(`${url} is not on a validDomains entry (${domains.join(", ") || "none"})`);
  }
  const info = m.webApplicationInfo;
  if (info?.resource !== undefined) {
    const match = /^api:\/\/([^/]+)\/([^/]+)$/.exec(info.resource);
    if (!match) problems.push(`webApplicationInfo.resource must be api://<domain>/<client id>, got ${info.resource}`);
    else if (match[2] !== info.id) problems.push("webApplicationInfo.resource must end with webApplicationInfo.id");
    else if (!domains.includes(match[1] ?? "")) problems.push(`webApplicationInfo.resource domain ${match[1]} must be the tab's domain (in validDomains)`);
  }
  return problems;
}

/** Width, height and colour type from a PNG's IHDR chunk. */
export function readPngHeader(png: Uint8Array): { width: number; height: number; colorType: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const ihdr = String.fromCharCode(...png.subarray(12, 16));
  if (png.length < 29 || signature.some((b, i) => png[i] !== b) || ihdr !== "IHDR") throw new PackageError("Not a PNG file", ["missing PNG signature or IHDR chunk"]);
  return { width: view.getUint32(16), height: view.getUint32(20), colorType: png[25] ?? -1 };
}

/** Teams wants a 192x192 colour icon and a 32x32 outline icon with transparency (white on transparent). */
export function checkIcons(icons: { color: Uint8Array; outline: Uint8Array }): string[] {
  const problems: string[] = [];
  const check = (name: "color" | "outline", size: number): void => {
    try {
      const { width, height, colorType } = readPngHeader(icons[name]);
      if (width !== size || height !== size) problems.push(`${name} icon is ${width}x${height}, must be ${size}x${size}`);
      if (name === "outline" && colorType !== 4 && colorType !== 6) problems.push("outline icon must have an alpha channel (white on transparent)");
    } catch (err) {
      problems.push(`${name} icon: ${err instanceof PackageError ? err.problems.join("; ") : String(err)}`);
    }
  };
  check("color", 192);
  check("outline", 32);
  return problems;
}

/** Zips manifest.json and the two icons at the archive root, with fixed dates so builds are reproducible. */
export async function buildZip(manifestJson: string, icons: { colorName: string; color: Uint8Array; outlineName: string; outline: Uint8Array }): Promise<Buffer> {
  const zip = new JSZip();
  const date = new Date("2000-01-01T00:00:00Z");
  zip.file("manifest.json", manifestJson, { date });
  zip.file(icons.colorName, icons.color, { date });
  zip.file(icons.outlineName, icons.outline, { date });
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } });
}

export interface PackageOptions {
  envName: string;
  /** Holds appPackage/ and package.json; defaults to the repository root. */
  rootDir?: string;
  /** Where .env.<name> is looked for; defaults to <rootDir>/env. */
  envDir?: string;
  /** Where the zip is written; defaults to <rootDir>/appPackage/build. */
  outDir?: string;
  processEnv?: Record<string, string | undefined>;
}

/** The whole pipeline. Writes the zip only when every check has passed; throws PackageError otherwise. */
export async function packageApp(options: PackageOptions): Promise<{ zipPath: string; manifest: unknown; defaulted: string[]; envFile?: string }> {
  const { envName } = options;
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(envName)) throw new PackageError("Invalid environment name", [`"${envName}" (letters, digits, - and _ only)`]);
  const rootDir = options.rootDir ?? REPO_ROOT;
  const appDir = path.join(rootDir, "appPackage");
  const envFile = path.join(options.envDir ?? path.join(rootDir, "env"), `.env.${envName}`);
  const hasEnvFile = existsSync(envFile);
  const fileValues = hasEnvFile ? parseEnvFile(await readFile(envFile, "utf8"), path.relative(process.cwd(), envFile)) : {};
  const { version: packageVersion } = JSON.parse(await readFile(path.join(rootDir, "package.json"), "utf8")) as { version: string };
  const { values, defaulted } = resolveVariables({ envName, fileValues, processEnv: options.processEnv ?? process.env, packageVersion });

  let rendered: string;
  try {
    rendered = renderTemplate(await readFile(path.join(appDir, "manifest.template.json"), "utf8"), values);
  } catch (err) {
    if (err instanceof PackageError && !hasEnvFile && envName !== "local") {
      throw new PackageError(`${err.summary} (no ${path.relative(process.cwd(), envFile)} found)`, err.problems);
    }
    throw err;
  }
  const manifest = JSON.parse(rendered) as { icons: { color: string; outline: string } };
  const manifestProblems = [...checkVariables(values), ...(await validateManifest(manifest))];
  if (manifestProblems.length > 0) throw new PackageError(`The rendered manifest for "${envName}" is invalid`, manifestProblems);

  const icons = {
    color: await readFile(path.join(appDir, manifest.icons.color)),
    outline: await readFile(path.join(appDir, manifest.icons.outline)),
  };
  const iconProblems = checkIcons(icons);
  if (iconProblems.length > 0) throw new PackageError("The icons are invalid", iconProblems);

  const zip = await buildZip(`${JSON.stringify(manifest, null, 2)}\n`, {
    colorName: manifest.icons.color,
    outlineName: manifest.icons.outline,
    ...icons,
  });
  const outDir = options.outDir ?? path.join(appDir, "build");
  await mkdir(outDir, { recursive: true });
  const zipPath = path.join(outDir, `appPackage.${envName}.zip`);
  await writeFile(zipPath, zip);
  return { zipPath, manifest, defaulted, ...(hasEnvFile ? { envFile } : {}) };
}

/** `--env <name>` or `--env=<name>`; anything else is a usage error. */
export function parseArgs(argv: readonly string[]): { envName: string } {
  let envName = "local";
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--env" && argv[i + 1] !== undefined) envName = argv[++i] ?? envName;
    else if (arg.startsWith("--env=")) envName = arg.slice("--env=".length);
    else throw new PackageError("Usage: npm run package [-- --env <name>]", [`unexpected argument "${arg}"`]);
  }
  return { envName };
}

async function main(): Promise<void> {
  try {
    const { envName } = parseArgs(process.argv.slice(2));
    const result = await packageApp({ envName });
    const source = result.envFile ? path.relative(process.cwd(), result.envFile) : "no env file";
    if (result.defaulted.length > 0) console.error(`Defaults used for ${result.defaulted.join(", ")} (${source}).`);
    console.log(path.relative(process.cwd(), result.zipPath) || result.zipPath);
  } catch (err) {
    console.error(err instanceof PackageError ? err.message : err);
    process.exitCode = 1;
  }
}

const entry = process.argv[1];
if (entry !== undefined && existsSync(entry) && realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url))) await main();
