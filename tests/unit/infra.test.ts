/**
 * The deployment files agree with the server's configuration and keep secrets out of the repository. Bicep
 * cannot be compiled here, so this reads the Bicep, the ARM parameter files, the env templates, the Entra
 * manifest, the Agents Toolkit project file and the scripts as text.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { GRAPH_CALLS } from "../../src/graph/permissions.js";
import { CONFIG_KEYS, ConfigError, loadConfig } from "../../src/server/config.js";
import { permissionRule } from "../support/graph-standin/permissions.js";
import {
  APP_SERVICE_MODULE,
  bashArray,
  bicepFiles,
  bicepParams,
  envKeys,
  envTemplates,
  exists,
  literal,
  parameterFiles,
  placeholders,
  PLATFORM_SETTINGS,
  read,
  readParameterFile,
  PROVIDED_BY_APP_SERVICE,
  SAMPLE_VALUES,
  scriptFiles,
  webAppSettings,
} from "./support/infra-files.js";

const settings = webAppSettings();
const settingNames = settings.map((s) => s.name);
const setting = (name: string): string | undefined => settings.find((s) => s.name === name)?.value;
const main = read("infra/main.bicep");
const mainParams = bicepParams(main);

/** Settings whose removal from a complete production environment makes loadConfig refuse to start. */
function requiredInProduction(): string[] {
  const complete: Record<string, string> = { ...SAMPLE_VALUES };
  expect(() => loadConfig(complete), "the sample production environment must start; add values for new settings").not.toThrow();
  return CONFIG_KEYS.filter((key) => {
    const env = { ...complete };
    delete env[key];
    try {
      loadConfig(env);
      return false;
    } catch (err) {
      if (err instanceof ConfigError) return true;
      throw err;
    }
  });
}

/** Settings that hold credentials: by name, so a setting the lead adds later is covered too. */
const isSecretSetting = (name: string): boolean => /SECRET|PASSWORD|CERTIFICATE|PRIVATE_KEY/.test(name) || name === "DATABASE_URL" || name === "DATABASE_MIGRATION_URL";
const KEY_VAULT_REFERENCE = /^'@Microsoft\.KeyVault\(SecretUri=\$\{keyVaultUri\}secrets\/([a-z0-9-]+)\/\)'$/;

describe("Web App settings in infra/modules/appservice.bicep", () => {
  it("were found (the parser reads the appSettings block)", () => {
    expect(settingNames.length).toBeGreaterThan(10);
    expect(settingNames).toContain("NODE_ENV");
  });

  it("include every setting the production config requires", () => {
    const required = requiredInProduction();
    // Derived, not copied: if these go missing from the derivation, config.ts changed and so should infra.
    expect(required).toEqual(expect.arrayContaining(["ALLOWED_TENANT_IDS", "ALLOWED_EMAIL_DOMAINS", "AAD_APP_CLIENT_ID", "AAD_APP_CLIENT_SECRET", "BOT_ID", "BOT_TENANT_ID", "BOT_PASSWORD", "DATABASE_URL", "ANONYMITY_HMAC_SECRET", "PUBLIC_URL"]));
    expect(required.filter((key) => !settingNames.includes(key) && !(key in PROVIDED_BY_APP_SERVICE))).toEqual([]);
  });

  it("use only names config.ts reads, or a short list of App Service platform settings", () => {
    const known = new Set([...CONFIG_KEYS, ...PLATFORM_SETTINGS]);
    expect(settingNames.filter((name) => !known.has(name))).toEqual([]);
    expect(new Set(settingNames).size).toBe(settingNames.length);
  });

  it("pin production behaviour: production, Entra identity, no demo data, HTTPS behind one proxy hop, verified TLS to PostgreSQL", () => {
    expect(literal(setting("NODE_ENV") ?? "")).toBe("production");
    expect(literal(setting("AUTH_MODE") ?? "")).toBe("entra");
    expect(literal(setting("DEMO_DATA") ?? "")).toBe("false");
    expect(literal(setting("REQUIRE_HTTPS") ?? "")).toBe("true");
    expect(literal(setting("TRUST_PROXY") ?? "")).toBe("1");
    expect(literal(setting("DATABASE_SSL") ?? "")).toBe("verify-full");
    expect(setting("PUBLIC_URL")).toMatch(/^'https:\/\/\$\{/);
  });

  it("never hold a secret as a value: every credential is a versionless Key Vault reference", () => {
    const secrets = settings.filter((s) => isSecretSetting(s.name));
    expect(secrets.map((s) => s.name).sort()).toEqual(["AAD_APP_CLIENT_SECRET", "ANONYMITY_HMAC_SECRET", "BOT_PASSWORD", "DATABASE_MIGRATION_URL", "DATABASE_URL"]);
    for (const { name, value } of secrets) expect(value, name).toMatch(KEY_VAULT_REFERENCE);
  });

  it("reference only Key Vault secrets that the template or the scripts write", () => {
    const writers = [...bicepFiles().map(read), ...scriptFiles().map(read)].join("\n");
    for (const { name, value } of settings) {
      const secretName = KEY_VAULT_REFERENCE.exec(value)?.[1];
      if (secretName === undefined) continue;
      const writtenByBicep = new RegExp(`name: '${secretName}'`).test(writers);
      const writtenByScript = new RegExp(`\\b${secretName}\\b`).test(scriptFiles().map(read).join("\n"));
      expect(writtenByBicep || writtenByScript, `${name} -> ${secretName}`).toBe(true);
    }
  });

  it("send no telemetry: no Application Insights resource or setting", () => {
    for (const file of bicepFiles()) expect(read(file), file).not.toMatch(/Microsoft\.Insights\/components|APPLICATIONINSIGHTS|InstrumentationKey/i);
  });
});

describe("the Web App", () => {
  const app = read(APP_SERVICE_MODULE);

  it("runs Node 22 LTS with the compiled server as its start-up command and /readyz as its health check", () => {
    expect(app).toMatch(/linuxFxVersion: 'NODE\|22-lts'/);
    expect(app).toMatch(/healthCheckPath: '\/readyz'/);
    const command = /appCommandLine: 'node (\S+)'/.exec(app)?.[1];
    expect(command).toBe("dist/src/server/main.js");
    // tsc (tsconfig.build.json: rootDir ".", outDir "dist") turns src/server/main.ts into that file.
    const build = JSON.parse(read("tsconfig.build.json")) as { compilerOptions: { outDir: string; rootDir: string } };
    expect(build.compilerOptions).toMatchObject({ outDir: "dist", rootDir: "." });
    expect(exists((command ?? "").replace(/^dist\//, "").replace(/\.js$/, ".ts"))).toBe(true);
    expect(read("src/server/routes/health.ts")).toMatch(/"\/readyz"/);
  });

  it("is HTTPS only, TLS 1.2+, FTP off, and reads Key Vault with its user-assigned identity over the VNet", () => {
    expect(app).toMatch(/httpsOnly: true/);
    expect(app).toMatch(/minTlsVersion: '1\.2'/);
    expect(app).toMatch(/ftpsState: 'Disabled'/);
    expect(app).toMatch(/type: 'UserAssigned'/);
    expect(app).toMatch(/keyVaultReferenceIdentity: identityId/);
    expect(app).toMatch(/virtualNetworkSubnetId: appSubnetId/);
    expect(app).toMatch(/vnetRouteAllEnabled: true/);
    expect(app).toMatch(/capacity: instanceCount/);
  });
});

describe("secrets in the templates and parameter files", () => {
  it("every password, secret or connection-string parameter is @secure()", () => {
    for (const file of bicepFiles()) {
      for (const param of bicepParams(read(file)).values()) {
        if (/password|secret|databaseurl/i.test(param.name)) expect(param.secure, `${file}: ${param.name}`).toBe(true);
      }
    }
  });

  it("secure parameters default to empty, never to a value", () => {
    for (const file of bicepFiles()) {
      for (const param of bicepParams(read(file)).values()) {
        if (param.secure && param.defaultValue !== undefined) expect(param.defaultValue, `${file}: ${param.name}`).toBe("''");
      }
    }
  });

  it("main.bicep treats an unresolved Agents Toolkit placeholder as empty for every secure parameter", () => {
    const secure = [...mainParams.values()].filter((p) => p.secure).map((p) => p.name);
    expect(secure.length).toBeGreaterThanOrEqual(3);
    for (const name of secure) expect(main, name).toMatch(new RegExp(`startsWith\\(${name}, unresolvedPlaceholder\\)`));
  });

  it("the DATABASE_URL secret is composed from the secure password parameter, not a literal, or names the managed identity without a password", () => {
    const withPassword = /var databaseUrlWithPassword = (.+)$/m.exec(main)?.[1] ?? "";
    expect(withPassword).toMatch(/'postgresql:\/\/\$\{postgresAdminLogin\}:\$\{uriComponent\(postgresAdminPasswordValue\)\}@/);
    const url = /databaseUrl: (.+)$/m.exec(main)?.[1] ?? "";
    expect(url).toMatch(/^databaseAuth == 'managed-identity' \? 'postgresql:\/\/\$\{uriComponent\(identity\.name\)\}@\$\{postgres\.outputs\.fqdn\}:5432\/\$\{databaseName\}' : databaseUrlForApp$/);
    // The app's own role has its own password; the administrator's URL is only the migration owner's.
    expect(/var databaseUrlForApp = (.+)$/m.exec(main)?.[1] ?? "").toMatch(/'postgresql:\/\/\$\{postgresAppLogin\}:\$\{uriComponent\(postgresAppPasswordValue\)\}@/);
    expect(/databaseMigrationUrl: (.+)$/m.exec(main)?.[1] ?? "").toMatch(/^databaseAuth == 'managed-identity' \? 'postgresql:\/\/\$\{uriComponent\(ownerIdentity!\.name\)\}@.* : databaseUrlWithPassword$/);
  });

  it("with managed-identity database auth (the default) a separate owner identity is the PostgreSQL Entra administrator, not the app's, and the app gets both client ids", () => {
    expect(mainParams.get("databaseAuth")?.defaultValue).toBe("'managed-identity'");
    const postgresModule = read("infra/modules/postgres.bicep");
    expect(postgresModule).toMatch(/resource ownerAdministrator 'Microsoft\.DBforPostgreSQL\/flexibleServers\/administrators@[^']+' = if \(!empty\(ownerIdentity\)\)/);
    expect(postgresModule).toMatch(/principalType: 'ServicePrincipal'/);
    expect(main).toMatch(/objectId: ownerIdentity!\.properties\.principalId/);
    expect(main).not.toMatch(/appIdentity:/);
    const appModule = read("infra/modules/appservice.bicep");
    expect(appModule).toMatch(/DATABASE_AUTH: databaseAuth/);
    expect(appModule).toMatch(/DATABASE_IDENTITY_CLIENT_ID: databaseIdentityClientId/);
    expect(main).toMatch(/databaseIdentityClientId: identity\.properties\.clientId/);
    expect(main).toMatch(/databaseMigrationIdentityClientId: databaseAuth == 'managed-identity' \? ownerIdentity!\.properties\.clientId/);
    expect(appModule).toMatch(/DATABASE_MIGRATION_IDENTITY_CLIENT_ID: databaseMigrationIdentityClientId/);
  });

  it("parameter files give secure parameters only an empty value, a SECRET_ placeholder or a Key Vault reference", () => {
    const secure = new Set([...mainParams.values()].filter((p) => p.secure).map((p) => p.name));
    for (const file of parameterFiles()) {
      const { values } = readParameterFile(file);
      for (const [name, value] of Object.entries(values)) {
        if (!secure.has(name) && !/password|secret/i.test(name)) continue;
        const ok = value === "" || (typeof value === "string" && /^\$\{\{SECRET_[A-Z0-9_]+\}\}$/.test(value)) || (typeof value === "object" && value !== null && "reference" in value);
        expect(ok, `${file}: ${name}`).toBe(true);
      }
    }
  });
});

describe("parameter files", () => {
  const files = parameterFiles().map(readParameterFile);
  const cloudOf = (f: { values: Record<string, unknown> }) => f.values.cloud;
  const locationOf = (f: { values: Record<string, unknown> }) => String(f.values.location ?? "");

  it("exist for Australia East (dev), Australia Central (PROTECTED), US Gov (GCC High) and DoD", () => {
    const names = files.map((f) => f.file.replace(/^infra\/parameters\//, ""));
    expect(names).toEqual(expect.arrayContaining(["dev.australiaeast.parameters.json", "prod.australiacentral.parameters.json", "prod.usgovvirginia.parameters.json"]));
    expect(files.some((f) => cloudOf(f) === "USGovDoD")).toBe(true);
  });

  it("set CLOUD Public in Australian regions and USGov / USGovDoD in Azure Government regions", () => {
    for (const f of files) {
      const location = locationOf(f);
      if (location.startsWith("australia")) expect(cloudOf(f), f.file).toBe("Public");
      else if (/^us(gov|dod)/.test(location)) expect(["USGov", "USGovDoD"], f.file).toContain(cloudOf(f));
      else throw new Error(`${f.file}: unexpected location ${location}`);
    }
  });

  it("name only parameters main.bicep declares, and give every required one", () => {
    const required = [...mainParams.values()].filter((p) => p.defaultValue === undefined).map((p) => p.name);
    for (const f of files) {
      expect(Object.keys(f.values).filter((name) => !mainParams.has(name)), f.file).toEqual([]);
      expect(required.filter((name) => !(name in f.values)), f.file).toEqual([]);
    }
  });

  it("name the highest classification each environment may hold, PROTECTED only in Australia Central", () => {
    expect(mainParams.get("maxClassification")?.defaultValue).toBeUndefined();
    expect(main).toMatch(/maxClassification: maxClassification/);
    expect(read("infra/modules/appservice.bicep")).toMatch(/^\s*MAX_CLASSIFICATION: maxClassification$/m);
    for (const f of files) {
      const value = f.values.maxClassification;
      expect(["OFFICIAL", "OFFICIAL_SENSITIVE", "PROTECTED"], f.file).toContain(value);
      if (value === "PROTECTED") expect(locationOf(f), f.file).toBe("australiacentral");
    }
  });

  it("use no test-like names", () => {
    const code = (file: string) => read(file).replace(/\/\/.*$/gm, "");
    for (const file of [...bicepFiles(), ...parameterFiles()]) expect(code(file), file).not.toMatch(/\btest\b/i);
  });
});

describe("Log Analytics", () => {
  it("is off unless enableLogAnalytics is set, and the workspace and diagnostic settings depend on it", () => {
    expect(mainParams.get("enableLogAnalytics")).toMatchObject({ type: "bool", defaultValue: "false" });
    expect(main).toMatch(/module monitoring 'modules\/monitoring\.bicep' = if \(enableLogAnalytics\)/);
    expect(main).toMatch(/logAnalyticsWorkspaceId = enableLogAnalytics \? .+ : ''/);
    for (const file of bicepFiles()) {
      const text = read(file);
      for (const m of text.matchAll(/resource \w+ 'Microsoft\.Insights\/diagnosticSettings@[^']+' = (.*)$/gm)) {
        expect(m[1], file).toMatch(/^if \(!empty\(logAnalyticsWorkspaceId\)\)/);
      }
    }
    for (const file of parameterFiles()) expect(readParameterFile(file).values.enableLogAnalytics ?? false, file).toBe(false);
  });
});

describe("Key Vault, PostgreSQL and the bot", () => {
  it("Key Vault uses RBAC, purge protection, no public network access and a private endpoint", () => {
    const kv = read("infra/modules/keyvault.bicep");
    expect(kv).toMatch(/enableRbacAuthorization: true/);
    expect(kv).toMatch(/enablePurgeProtection: true/);
    expect(kv).toMatch(/publicNetworkAccess: 'Disabled'/);
    expect(kv).toMatch(/'Microsoft\.Network\/privateEndpoints@/);
    expect(kv).toMatch(/4633458b-17de-408a-b874-0445c86b69e6/); // Key Vault Secrets User
  });

  it("PostgreSQL 16 has private access only and Entra authentication", () => {
    const pg = read("infra/modules/postgres.bicep");
    expect(pg).toMatch(/version: '16'/);
    expect(pg).toMatch(/delegatedSubnetResourceId: delegatedSubnetId/);
    expect(pg).toMatch(/privateDnsZoneArmResourceId: privateDnsZoneId/);
    expect(pg).toMatch(/publicNetworkAccess: 'Disabled'/);
    expect(pg).toMatch(/activeDirectoryAuth: 'Enabled'/);
  });

  it("the Azure Bot is single-tenant (or the managed identity) with the Teams channel and the /api/messages endpoint", () => {
    const bot = read("infra/modules/bot.bicep");
    expect(bot).toMatch(/msaAppType: msaAppType/);
    expect(bot).toMatch(/msaAppTenantId: msaAppTenantId/);
    expect(bot).toMatch(/msaAppMSIResourceId:/);
    expect(bot).toMatch(/name: 'MsTeamsChannel'/);
    expect(bot).not.toMatch(/MultiTenant/);
    expect(main).toMatch(/endpoint: 'https:\/\/\$\{app\.outputs\.publicHost\}\/api\/messages'/);
  });
});

describe("env templates and Agents Toolkit files", () => {
  const deployed = envTemplates().filter((f) => !f.endsWith(".env.local"));
  const definedIn = (file: string, includeCommented = false) => new Set(envKeys(file, includeCommented).keys());

  it("exist for dev, local and every parameter file, and point at parameter files that exist", () => {
    expect(envTemplates()).toEqual(expect.arrayContaining(["env/.env.dev", "env/.env.local"]));
    const used = new Set<string>();
    for (const file of deployed) {
      const parameters = envKeys(file).get("INFRA_PARAMETERS_FILE") ?? "";
      expect(exists(`infra/parameters/${parameters}`), `${file}: ${parameters}`).toBe(true);
      used.add(parameters);
    }
    expect(parameterFiles().map((f) => f.replace(/^infra\/parameters\//, "")).filter((f) => !used.has(f))).toEqual([]);
  });

  it("define the same keys, hold no secrets and no SECRET_ values", () => {
    const reference = [...definedIn("env/.env.dev")].sort();
    for (const file of [...deployed, "env/.env.local"]) {
      const keys = envKeys(file, true);
      if (file !== "env/.env.local") expect([...keys.keys()].sort(), file).toEqual(reference);
      expect([...keys.keys()].filter((k) => k.startsWith("SECRET_") || isSecretSetting(k)), file).toEqual([]);
    }
  });

  it("define every placeholder the manifest, the Entra manifest, the parameter files and m365agents.yml use", () => {
    const manifest = placeholders(read("appPackage/manifest.template.json"));
    expect(manifest).toEqual(expect.arrayContaining(["TEAMS_APP_ID", "AAD_APP_CLIENT_ID", "BOT_ID", "TAB_DOMAIN", "TAB_ENDPOINT", "APP_NAME_SUFFIX"]));
    const used = new Set([
      ...manifest,
      ...placeholders(read("infra/entra/aad.manifest.json")),
      ...placeholders(read("m365agents.yml")),
      ...parameterFiles().flatMap((f) => placeholders(read(f))),
    ]);
    for (const file of deployed) {
      const defined = definedIn(file);
      expect([...used].filter((name) => !name.startsWith("SECRET_") && !defined.has(name)), file).toEqual([]);
    }
    const local = definedIn("env/.env.local", true);
    const usedLocally = [...placeholders(read("m365agents.local.yml")), ...manifest, ...placeholders(read("infra/entra/aad.manifest.json"))];
    expect(usedLocally.filter((name) => !name.startsWith("SECRET_") && !local.has(name))).toEqual([]);
  });

  it("have a key for every main.bicep output, so deployments write their results into known keys", () => {
    const outputs = [...main.matchAll(/^output (\w+) /gm)].map((m) => m[1] ?? "");
    expect(outputs).toEqual(expect.arrayContaining(["TAB_DOMAIN", "TAB_ENDPOINT", "AZURE_APP_SERVICE_RESOURCE_ID", "KEY_VAULT_NAME"]));
    for (const file of deployed) expect(outputs.filter((o) => !definedIn(file).has(o)), file).toEqual([]);
  });

  it("m365agents.yml provisions, deploys and publishes with the expected actions and existing files", () => {
    const yml = read("m365agents.yml");
    for (const action of ["teamsApp/create", "aadApp/create", "arm/deploy", "aadApp/update", "teamsApp/validateManifest", "teamsApp/zipAppPackage", "teamsApp/validateAppPackage", "teamsApp/update", "cli/runNpmCommand", "azureAppService/zipDeploy", "teamsApp/publishAppPackage"]) {
      expect(yml, action).toContain(`uses: ${action}`);
    }
    expect(yml).toMatch(/^provision:/m);
    expect(yml).toMatch(/^deploy:/m);
    expect(yml).toMatch(/^publish:/m);
    for (const yamlFile of ["m365agents.yml", "m365agents.local.yml"]) {
      for (const m of read(yamlFile).matchAll(/(?:path|manifestPath|ignoreFile): (\.\/[^\s$]+)$/gm)) {
        expect(exists(m[1] ?? ""), `${yamlFile}: ${m[1]}`).toBe(true);
      }
    }
  });
});

describe("app registration", () => {
  const script = read("infra/scripts/register-app.sh");
  const manifest = JSON.parse(read("infra/entra/aad.manifest.json")) as {
    accessTokenAcceptedVersion: number;
    oauth2Permissions: { value: string }[];
    preAuthorizedApplications: { appId: string }[];
    appRoles: { id: string; value: string }[];
    optionalClaims: { accessToken: { name: string }[] };
    requiredResourceAccess: { resourceAccess: { id: string; type: string }[] }[];
  };
  const manifestPermissions = (type: string) => manifest.requiredResourceAccess.flatMap((r) => r.resourceAccess.filter((a) => a.type === type).map((a) => a.id)).sort();
  /** Rows of the permissions table in docs/operations.md: | `Name` | application or delegated | ... */
  const documented = (type: string) =>
    [...read("docs/operations.md").matchAll(/^\|\s*`([A-Za-z._]+)`\s*\|\s*(application|delegated)\s*\|/gm)].filter((m) => m[2] === type).map((m) => m[1] ?? "").sort();

  it("the script, the Entra manifest and docs/operations.md list the same Graph permissions", () => {
    const application = bashArray(script, "GRAPH_APPLICATION_PERMISSIONS").sort();
    const delegated = bashArray(script, "GRAPH_DELEGATED_PERMISSIONS").sort();
    expect(application).toContain("ChannelSettings.ReadWrite.All");
    expect(manifestPermissions("Role")).toEqual(application);
    expect(manifestPermissions("Scope")).toEqual(delegated);
    expect(documented("application")).toEqual(application);
    expect(documented("delegated")).toEqual(delegated);
  });

  /** Graph path templates and the gateway's path literals compared alike: `{team-id}` and `${enc(teamId)}` → `{}`. */
  const shape = (p: string) => p.replace(/\$\{[^}]*\}|\{[^}]*\}/g, "{}").replace(/\?.*$/, "");
  const gateway = read("src/graph/gateway.ts");

  it("every Graph call the gateway makes is in src/graph/permissions.ts, by path and by gateway method", () => {
    const literals = [...gateway.matchAll(/["`](\/(?:teams|users)[^"`]*)["`]/g)].map((m) => shape(m[1] ?? ""));
    expect(literals.length).toBeGreaterThan(5);
    const known = new Set(GRAPH_CALLS.map((c) => shape(c.path)));
    for (const path of literals) {
      // A members path is completed with "/{membership-id}" by setMemberRole and removeMember.
      expect(known.has(path) || known.has(`${path}/{}`), `gateway path ${path}`).toBe(true);
    }
    for (const call of GRAPH_CALLS) {
      for (const method of call.gateway.split(", ")) expect(gateway, `GraphGateway.${method}`).toMatch(new RegExp(`\\basync ${method}\\(`));
    }
  });

  it("declares exactly the application permissions the gateway's calls use, each one Graph documents for its call", () => {
    const declared = bashArray(script, "GRAPH_APPLICATION_PERMISSIONS").sort();
    expect([...new Set(GRAPH_CALLS.map((c) => c.permission))].sort()).toEqual(declared);
    for (const call of GRAPH_CALLS) {
      const rule = permissionRule(call.method, call.path.replace(/\{[^}]*\}/g, "x"));
      expect(rule, `${call.method} ${call.path}`).toBeDefined();
      expect(rule?.application, `${call.method} ${call.path}`).toContain(call.permission);
    }
  });

  it("docs/operations.md names each permission's Graph calls and gateway methods; delegated scopes are sign-in only", () => {
    const rows = new Map([...read("docs/operations.md").matchAll(/^\|\s*`([A-Za-z._]+)`\s*\|\s*(application|delegated)\s*\|([^\n]*)$/gm)].map((m) => [m[1] ?? "", { type: m[2], rest: m[3] ?? "" }]));
    for (const call of GRAPH_CALLS) {
      const row = rows.get(call.permission);
      expect(row?.rest, call.permission).toContain(`\`${call.method} ${call.path}\``);
      for (const method of call.gateway.split(", ")) expect(row?.rest, call.permission).toContain(`\`${method}\``);
    }
    // Guildhall calls Graph with app-only tokens only, so a delegated Graph permission could serve nothing but sign-in.
    const onBehalfOf = spawnSync("grep", ["-rln", "onBehalfOf(", "src", "bot"], { cwd: process.cwd(), encoding: "utf8" }).stdout.trim().split("\n").filter(Boolean);
    expect(onBehalfOf.filter((f) => f !== "src/graph/tokens.ts")).toEqual([]);
    for (const scope of bashArray(script, "GRAPH_DELEGATED_PERMISSIONS")) expect(rows.get(scope)?.rest, scope).toMatch(/^\s*—\s*\|\s*tab single sign-on\s*\|/);
  });

  it("both paths expose access_as_user with v2 tokens, pre-authorise the same 7 clients and use one app role id", () => {
    expect(manifest.accessTokenAcceptedVersion).toBe(2);
    expect(script).toMatch(/requestedAccessTokenVersion: 2/);
    expect(manifest.oauth2Permissions.map((p) => p.value)).toEqual(["access_as_user"]);
    expect(script).toMatch(/value: "access_as_user"/);
    const clients = bashArray(script, "PREAUTHORIZED_CLIENT_IDS").sort();
    expect(clients).toHaveLength(7);
    expect(manifest.preAuthorizedApplications.map((a) => a.appId).sort()).toEqual(clients);
    const role = manifest.appRoles.find((r) => r.value === "Guildhall.PlatformOwner");
    expect(script).toContain(`PLATFORM_OWNER_ROLE_ID=${role?.id}`);
    for (const claim of ["acct", "idp", "email"]) {
      expect(manifest.optionalClaims.accessToken.map((c) => c.name)).toContain(claim);
      expect(script).toMatch(new RegExp(`name: "${claim}"`));
    }
  });

  it("the platform owner role matches the server's default PLATFORM_OWNER_ROLE", () => {
    const config = loadConfig({ ...SAMPLE_VALUES });
    expect(manifest.appRoles.map((r) => r.value)).toContain(config.eligibility.platformOwnerRole);
  });
});

describe("scripts", () => {
  it.each(scriptFiles())("%s is strict bash that parses", (file) => {
    expect(read(file)).toMatch(/^#!\/usr\/bin\/env bash\n/);
    expect(read(file)).toMatch(/^set -euo pipefail$/m);
    const result = spawnSync("bash", ["-n", file], { cwd: process.cwd(), encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("never echo a secret variable", () => {
    for (const file of scriptFiles()) {
      expect(read(file), file).not.toMatch(/(echo|printf)[^\n]*\$\{?(SECRET_|secret|password|PASSWORD)/);
    }
  });
});
