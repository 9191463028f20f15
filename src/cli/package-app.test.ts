import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_CLIENT_ID } from "../domain/demo.js";
import {
  REPO_ROOT,
  PackageError,
  checkIcons,
  checkVariables,
  packageApp,
  parseArgs,
  parseEnvFile,
  readPngHeader,
  renderTemplate,
  resolveVariables,
  templateVariables,
  validateManifest,
} from "./package-app.js";

const TEMPLATE_PATH = path.join(REPO_ROOT, "appPackage", "manifest.template.json");
const SAMPLE = {
  TEAMS_APP_ID: "0e6f3d4a-1b2c-4d5e-8f90-a1b2c3d4e5f6",
  AAD_APP_CLIENT_ID: "11111111-2222-4333-8444-555555555555",
  BOT_ID: "99999999-2222-4333-8444-555555555555",
  TAB_DOMAIN: "guildhall.agency.gov.au",
  TAB_ENDPOINT: "https://guildhall.agency.gov.au",
  APP_NAME_SUFFIX: "",
  APP_VERSION: "1.2.3",
};

interface Manifest {
  manifestVersion: string;
  name: { short: string };
  staticTabs: { entityId: string; contentUrl: string; scopes: string[] }[];
  configurableTabs: { configurationUrl: string; scopes: string[]; canUpdateConfiguration: boolean; supportedSharePointHosts: string[] }[];
  bots: { botId: string; scopes: string[]; commandLists: { scopes: string[]; commands: { title: string }[] }[] }[];
  webApplicationInfo: { id: string; resource: string };
  authorization: { permissions: { resourceSpecific: { name: string; type: string }[] } };
  activities: { activityTypes: { type: string; description: string; templateText: string }[] };
  validDomains: string[];
  developer: { privacyUrl: string; termsOfUseUrl: string };
}

const template = (): Promise<string> => readFile(TEMPLATE_PATH, "utf8");
const render = async (overrides: Partial<Record<keyof typeof SAMPLE, string>> = {}): Promise<Manifest> =>
  JSON.parse(renderTemplate(await template(), { ...SAMPLE, ...overrides })) as Manifest;
const envText = (values: Record<string, string>): string =>
  Object.entries(values)
    .map(([k, v]) => `${k}="${v}"`)
    .join("\n");

/** A PNG header with the given size and colour type (enough for the IHDR check). */
function pngHeader(width: number, height: number, colorType = 6): Uint8Array {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write("IHDR", 12, "ascii");
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b[24] = 8;
  b[25] = colorType;
  return b;
}

describe("parseEnvFile", () => {
  it("reads KEY=VALUE lines with comments, export and quotes", () => {
    const text = [
      "# a comment",
      "",
      "TEAMSFX_ENV=dev",
      "export TAB_DOMAIN = guildhall.example.gov  # trailing comment",
      `APP_NAME_SUFFIX=" (dev)"`,
      "SINGLE='keeps \\n and # as is'",
      `DOUBLE="line\\nbreak \\"quoted\\""`,
      "EMPTY=",
      "URL=https://x.example/#anchor",
    ].join("\n");
    expect(parseEnvFile(text)).toEqual({
      TEAMSFX_ENV: "dev",
      TAB_DOMAIN: "guildhall.example.gov",
      APP_NAME_SUFFIX: " (dev)",
      SINGLE: "keeps \\n and # as is",
      DOUBLE: 'line\nbreak "quoted"',
      EMPTY: "",
      URL: "https://x.example/#anchor",
    });
  });

  it("reports malformed lines by number", () => {
    expect(() => parseEnvFile("OK=1\nnot a pair\nQ=\"open")).toThrow(/line 2: expected KEY=VALUE[\s\S]*line 3: unterminated quote in Q/);
  });
});

describe("resolveVariables", () => {
  const base = { packageVersion: "0.1.0", fileValues: {}, processEnv: {} };

  it("fills local defaults only for the local environment", () => {
    const local = resolveVariables({ ...base, envName: "local" });
    expect(local.values).toMatchObject({ TEAMS_APP_ID: DEMO_CLIENT_ID, AAD_APP_CLIENT_ID: DEMO_CLIENT_ID, BOT_ID: DEMO_CLIENT_ID, TAB_DOMAIN: "localhost:3978", TAB_ENDPOINT: "https://localhost:3978", APP_VERSION: "0.1.0" });
    expect(local.defaulted).toContain("TAB_DOMAIN");
    const dev = resolveVariables({ ...base, envName: "dev" });
    expect(dev.values).toEqual({ APP_VERSION: "0.1.0" });
    expect(dev.defaulted).toEqual([]);
  });

  it("lets process.env win over the file, and derives the local endpoint from the domain", () => {
    const { values } = resolveVariables({ ...base, envName: "local", fileValues: { TAB_DOMAIN: "file.example", BOT_ID: "from-file" }, processEnv: { TAB_DOMAIN: "abc.devtunnels.ms", UNRELATED: "x" } });
    expect(values.TAB_DOMAIN).toBe("abc.devtunnels.ms");
    expect(values.TAB_ENDPOINT).toBe("https://abc.devtunnels.ms");
    expect(values.BOT_ID).toBe("from-file");
    expect(values).not.toHaveProperty("UNRELATED");
  });
});

describe("the manifest template", () => {
  it("uses exactly the documented variables", async () => {
    expect(templateVariables(await template()).sort()).toEqual(Object.keys(SAMPLE).sort());
  });

  it("renders with sample values into a manifest that passes the bundled schema", async () => {
    const manifest = await render();
    expect(manifest.manifestVersion).toMatch(/^1\.2\d$/);
    expect(await validateManifest(manifest)).toEqual([]);
  });

  it("declares the personal tab, the SharePoint-capable configurable tab and the bot in three scopes", async () => {
    const m = await render();
    expect(Number(m.manifestVersion.split(".")[1])).toBeGreaterThanOrEqual(13); // Outlook and Microsoft 365 app
    expect(m.staticTabs).toEqual([expect.objectContaining({ contentUrl: "https://guildhall.agency.gov.au/", scopes: ["personal"] })]);
    expect(m.configurableTabs).toEqual([
      expect.objectContaining({
        configurationUrl: "https://guildhall.agency.gov.au/config",
        scopes: ["team", "groupChat"],
        canUpdateConfiguration: true,
        supportedSharePointHosts: ["sharePointFullPage", "sharePointWebPart"],
      }),
    ]);
    const [bot] = m.bots;
    expect(bot?.botId).toBe(SAMPLE.BOT_ID);
    expect(bot?.scopes).toEqual(["personal", "team", "groupChat"]);
    expect(bot?.commandLists.flatMap((l) => l.scopes).sort()).toEqual(["groupChat", "personal", "team"]);
    expect(bot?.commandLists.every((l) => l.commands.some((c) => c.title === "help"))).toBe(true);
  });

  it("declares SSO, valid domains, legal pages, RSC permissions and activity types", async () => {
    const m = await render();
    expect(m.webApplicationInfo).toEqual({ id: SAMPLE.AAD_APP_CLIENT_ID, resource: `api://guildhall.agency.gov.au/${SAMPLE.AAD_APP_CLIENT_ID}` });
    expect(m.validDomains).toEqual(["guildhall.agency.gov.au"]);
    expect(m.developer).toMatchObject({ privacyUrl: "https://guildhall.agency.gov.au/privacy", termsOfUseUrl: "https://guildhall.agency.gov.au/terms" });
    expect(m.authorization.permissions.resourceSpecific).toEqual(
      expect.arrayContaining([
        { name: "OnlineMeeting.ReadBasic.Chat", type: "Application" },
        { name: "ChannelMeeting.ReadBasic.Group", type: "Application" },
        { name: "TeamsActivity.Send.User", type: "Application" },
      ]),
    );
    const types = m.activities.activityTypes;
    expect(types.map((t) => t.type)).toEqual(["joinRequestDecided", "communityApproved", "feedbackRequested", "memberRemoved"]);
    for (const t of types) {
      expect(t.description.length).toBeGreaterThan(0);
      expect(t.templateText).toMatch(/^\{actor\} /);
    }
  });

  it("escapes values so they cannot break the JSON", async () => {
    const m = await render({ APP_NAME_SUFFIX: ' "β"' });
    expect(m.name.short).toBe('Guildhall "β"');
  });
});

describe("renderTemplate", () => {
  it("names every missing variable and never returns a placeholder", () => {
    const run = (): string => renderTemplate('{"a":"${{ONE}}","b":"${{TWO}}","c":"${{ THREE }}","d":"${{APP_NAME_SUFFIX}}"}', { TWO: "  ", APP_NAME_SUFFIX: "" });
    expect(run).toThrow(PackageError);
    try {
      run();
    } catch (err) {
      expect((err as PackageError).problems.map((p) => p.split(" ")[0])).toEqual(["ONE", "TWO", "THREE"]);
    }
  });
});

describe("checkVariables", () => {
  it("wants TAB_ENDPOINT as a bare https origin", () => {
    expect(checkVariables(SAMPLE)).toEqual([]);
    expect(checkVariables({ TAB_ENDPOINT: "https://guildhall.agency.gov.au/" })[0]).toMatch(/no path or trailing slash/);
    expect(checkVariables({ TAB_ENDPOINT: "http://localhost:3978" })).toHaveLength(1);
  });
});

describe("validateManifest", () => {
  it("rejects a manifest the schema forbids (so validation is not a no-op)", async () => {
    const errors = await validateManifest(await render({ BOT_ID: "not-a-guid", APP_NAME_SUFFIX: " with a suffix that is far too long" }));
    expect(errors.some((e) => e.startsWith("/bots/0/botId"))).toBe(true);
    expect(errors.some((e) => e.startsWith("/name/short"))).toBe(true);
  });

  it("rejects what Teams refuses but the schema allows", async () => {
    expect(await validateManifest(await render({ TAB_ENDPOINT: "http://guildhall.agency.gov.au" }))).toContain("http://guildhall.agency.gov.au/ must be an https URL");
    const otherHost = await validateManifest(await render({ TAB_ENDPOINT: "https://elsewhere.example" }));
    expect(otherHost.some((e) => e.includes("not on a validDomains entry"))).toBe(true);
    const schemeInDomain = await validateManifest(await render({ TAB_DOMAIN: "https://guildhall.agency.gov.au" }));
    expect(schemeInDomain.some((e) => e.includes("bare host"))).toBe(true);
  });

  it("refuses a manifest version with no bundled schema rather than fetching one", async () => {
    await expect(validateManifest({ ...(await render()), manifestVersion: "9.99" })).rejects.toThrow(/bundles no schema/);
  });
});

describe("icons", () => {
  it("the committed icons are 192x192 colour and 32x32 outline with alpha", async () => {
    const color = await readFile(path.join(REPO_ROOT, "appPackage", "color.png"));
    const outline = await readFile(path.join(REPO_ROOT, "appPackage", "outline.png"));
    expect(readPngHeader(color)).toMatchObject({ width: 192, height: 192 });
    expect(readPngHeader(outline)).toMatchObject({ width: 32, height: 32, colorType: 6 });
    expect(checkIcons({ color, outline })).toEqual([]);
  });

  it("rejects wrong sizes, an opaque outline and non-PNG bytes", () => {
    expect(checkIcons({ color: pngHeader(96, 96), outline: pngHeader(32, 32, 2) })).toEqual(["color icon is 96x96, must be 192x192", "outline icon must have an alpha channel (white on transparent)"]);
    expect(checkIcons({ color: pngHeader(192, 192), outline: new TextEncoder().encode("GIF89a, not a png at all, really") })[0]).toMatch(/^outline icon: missing PNG signature/);
  });
});

describe("packageApp", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "guildhall-package-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const outDir = (): string => path.join(dir, "out");

  it("zips exactly manifest.json and the two icons, with every placeholder filled", async () => {
    await writeFile(path.join(dir, ".env.staging"), envText({ ...SAMPLE, APP_NAME_SUFFIX: " (staging)" }));
    const { zipPath } = await packageApp({ envName: "staging", envDir: dir, outDir: outDir(), processEnv: {} });
    expect(zipPath).toBe(path.join(outDir(), "appPackage.staging.zip"));
    const zip = await JSZip.loadAsync(await readFile(zipPath));
    expect(Object.keys(zip.files).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    const manifestText = (await zip.file("manifest.json")?.async("string")) ?? "";
    expect(manifestText).not.toContain("${{");
    const manifest = JSON.parse(manifestText) as Manifest & { id: string; version: string };
    expect(manifest).toMatchObject({ id: SAMPLE.TEAMS_APP_ID, version: "1.2.3", name: { short: "Guildhall (staging)" } });
    expect(await validateManifest(manifest)).toEqual([]);
    expect(Buffer.from((await zip.file("color.png")?.async("uint8array")) ?? [])).toEqual(await readFile(path.join(REPO_ROOT, "appPackage", "color.png")));
  });

  it("builds the local package with no env file from local defaults", async () => {
    const { zipPath, defaulted } = await packageApp({ envName: "local", envDir: dir, outDir: outDir(), processEnv: {} });
    expect(defaulted).toEqual(expect.arrayContaining(["TEAMS_APP_ID", "AAD_APP_CLIENT_ID", "BOT_ID", "TAB_DOMAIN", "TAB_ENDPOINT"]));
    const manifest = JSON.parse((await (await JSZip.loadAsync(await readFile(zipPath))).file("manifest.json")?.async("string")) ?? "") as Manifest;
    expect(manifest.webApplicationInfo.resource).toBe(`api://localhost:3978/${DEMO_CLIENT_ID}`);
    expect(manifest.validDomains).toEqual(["localhost:3978"]);
  });

  it("reports every missing variable by name and writes no zip", async () => {
    await writeFile(path.join(dir, ".env.dev"), envText({ TEAMS_APP_ID: SAMPLE.TEAMS_APP_ID, TAB_DOMAIN: SAMPLE.TAB_DOMAIN }));
    const attempt = packageApp({ envName: "dev", envDir: dir, outDir: outDir(), processEnv: { BOT_ID: SAMPLE.BOT_ID } });
    await expect(attempt).rejects.toThrow(PackageError);
    const message = await attempt.catch((err: unknown) => (err instanceof Error ? err.message : ""));
    for (const name of ["AAD_APP_CLIENT_ID", "TAB_ENDPOINT", "APP_NAME_SUFFIX"]) expect(message).toContain(name);
    for (const name of ["TEAMS_APP_ID", "BOT_ID", "TAB_DOMAIN"]) expect(message).not.toContain(name);
    expect(existsSync(outDir())).toBe(false);
  });

  it("rejects a schema-invalid manifest and writes no zip", async () => {
    await writeFile(path.join(dir, ".env.dev"), envText({ ...SAMPLE, BOT_ID: "bot" }));
    await expect(packageApp({ envName: "dev", envDir: dir, outDir: outDir(), processEnv: {} })).rejects.toThrow(/is invalid:[\s\S]*\/bots\/0\/botId/);
    expect(existsSync(outDir()) ? await readdir(outDir()) : []).toEqual([]);
  });

  it("refuses environment names that could escape the output folder", async () => {
    await expect(packageApp({ envName: "../x", envDir: dir, outDir: outDir(), processEnv: {} })).rejects.toThrow(/Invalid environment name/);
  });
});

describe("parseArgs", () => {
  it("defaults to local and accepts --env in both forms", () => {
    expect(parseArgs([])).toEqual({ envName: "local" });
    expect(parseArgs(["--env", "dev"])).toEqual({ envName: "dev" });
    expect(parseArgs(["--env=prod"])).toEqual({ envName: "prod" });
    expect(() => parseArgs(["dev"])).toThrow(/unexpected argument/);
  });
});
