import { describe, expect, it } from "vitest";
import { CLOUDS } from "./clouds.js";
import { browserConfig, ConfigError, loadConfig } from "./config.js";
import { DEMO_AGENCIES } from "../domain/demo.js";

const T1 = "7f1c2a4e-0b8d-4c1e-9a51-3d2f6b8e1a01";
const APP = "11111111-2222-4333-8444-555555555555";
const BOT = "99999999-2222-4333-8444-555555555555";

const production = {
  NODE_ENV: "production",
  PUBLIC_URL: "https://guildhall.agency.gov.au",
  CLOUD: "Public",
  AAD_APP_CLIENT_ID: APP,
  AAD_APP_CLIENT_SECRET: "secret-value",
  BOT_ID: BOT,
  BOT_PASSWORD: "bot-secret",
  BOT_TENANT_ID: T1,
  ALLOWED_TENANT_IDS: T1,
  ALLOWED_EMAIL_DOMAINS: "finance.gov.au",
  DATABASE_URL: "postgres://guildhall@db.internal/guildhall",
  ANONYMITY_HMAC_SECRET: "x".repeat(48),
};

function problems(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe("loadConfig", () => {
  it("starts in local mode with demo allow-lists and an empty bot app id when nothing is set", () => {
    const c = loadConfig({});
    expect(c.authMode).toBe("dev");
    expect(c.port).toBe(3978);
    expect(c.host).toBe("127.0.0.1");
    expect(c.bot.appId).toBe("");
    expect([...c.eligibility.allowedTenantIds].sort()).toEqual([...new Set(DEMO_AGENCIES.map((a) => a.tenantId))].sort());
    expect(c.eligibility.allowedEmailDomains).toContain("dta.gov.au");
    expect(c.demoData).toBe(true);
    expect(c.database.url).toBeUndefined();
  });

  it("accepts a complete production configuration", () => {
    const c = loadConfig(production);
    expect(c.authMode).toBe("entra");
    expect(c.host).toBe("0.0.0.0");
    expect(c.bot.appId).toBe(BOT);
    expect(c.trustProxy).toBe(1);
    expect(c.requireHttps).toBe(true);
    expect(c.demoData).toBe(false);
    expect(c.database.ssl).toBe("verify-full");
    expect(c.aad.audiences).toEqual([APP, `api://guildhall.agency.gov.au/${APP}`]);
  });

  it("holds at most OFFICIAL: Sensitive unless MAX_CLASSIFICATION says otherwise, and tells the browser the ceiling", () => {
    expect(loadConfig({}).communities.maxClassification).toBe("OFFICIAL_SENSITIVE");
    expect(loadConfig(production).communities.maxClassification).toBe("OFFICIAL_SENSITIVE");
    expect(loadConfig({ ...production, MAX_CLASSIFICATION: "PROTECTED" }).communities.maxClassification).toBe("PROTECTED");
    const official = browserConfig(loadConfig({ ...production, MAX_CLASSIFICATION: "OFFICIAL" }));
    expect(official.classifications).toEqual({
      max: "OFFICIAL",
      allowed: ["OFFICIAL"],
      ceilingReason: expect.stringMatching(/^This Guildhall is accredited to hold information up to OFFICIAL\. /),
    });
    expect(browserConfig(loadConfig({ MAX_CLASSIFICATION: "PROTECTED" })).classifications.allowed).toEqual(["OFFICIAL", "OFFICIAL_SENSITIVE", "PROTECTED"]);
  });

  it("refuses an unknown MAX_CLASSIFICATION rather than guessing", () => {
    expect(problems({ ...production, MAX_CLASSIFICATION: "SECRET" }).join("\n")).toMatch(/MAX_CLASSIFICATION/);
    expect(problems({ ...production, MAX_CLASSIFICATION: "official" }).join("\n")).toMatch(/MAX_CLASSIFICATION/);
  });

  it("refuses dev identity in production", () => {
    expect(problems({ ...production, AUTH_MODE: "dev" }).join("\n")).toMatch(/AUTH_MODE=dev .* not allowed/);
  });

  it.each([
    ["ALLOWED_TENANT_IDS", /ALLOWED_TENANT_IDS is empty/],
    ["ALLOWED_EMAIL_DOMAINS", /ALLOWED_EMAIL_DOMAINS is empty/],
    ["AAD_APP_CLIENT_ID", /AAD_APP_CLIENT_ID is required/],
    ["AAD_APP_CLIENT_SECRET", /AAD_APP_CLIENT_SECRET is required/],
    ["BOT_ID", /BOT_ID is required/],
    ["BOT_PASSWORD", /BOT_PASSWORD is required/],
    ["BOT_TENANT_ID", /BOT_TENANT_ID is required/],
    ["DATABASE_URL", /DATABASE_URL is required/],
    ["ANONYMITY_HMAC_SECRET", /ANONYMITY_HMAC_SECRET is required/],
    ["PUBLIC_URL", /PUBLIC_URL must be the https/],
  ])("fails closed in production without %s", (key, message) => {
    const env: Record<string, string | undefined> = { ...production, [key]: undefined };
    expect(problems(env).join("\n")).toMatch(message);
  });

  it("treats a blank allow-list as missing, and lists every problem at once", () => {
    const p = problems({ ...production, ALLOWED_TENANT_IDS: " , ", BOT_ID: "", ANONYMITY_HMAC_SECRET: "short" });
    expect(p).toHaveLength(3);
  });

  it("refuses entra mode outside production without its secrets too (no silent fallback to open)", () => {
    const p = problems({ AUTH_MODE: "entra", ALLOWED_TENANT_IDS: T1, ALLOWED_EMAIL_DOMAINS: "finance.gov.au" });
    expect(p.join("\n")).toMatch(/AAD_APP_CLIENT_ID is required/);
    expect(p.join("\n")).toMatch(/BOT_ID is required/);
  });

  it("rejects malformed tenant ids, domains and enum values", () => {
    expect(problems({ ...production, ALLOWED_TENANT_IDS: "not-a-guid" }).join()).toMatch(/not a tenant id/);
    expect(problems({ ...production, ALLOWED_EMAIL_DOMAINS: "*" }).join()).toMatch(/not a domain/);
    expect(problems({ CLOUD: "China" }).join()).toMatch(/CLOUD/);
    expect(problems({ PORT: "70000" }).join()).toMatch(/PORT/);
  });

  it.each([
    ["Public", "https://graph.microsoft.com", "https://login.microsoftonline.com", ""],
    ["GCC", "https://graph.microsoft.com", "https://login.microsoftonline.com", ""],
    ["USGov", "https://graph.microsoft.us", "https://login.microsoftonline.us", "https://botframework.azure.us"],
    ["USGovDoD", "https://dod-graph.microsoft.us", "https://login.microsoftonline.us", "https://botframework.azure.us"],
  ])("CLOUD=%s selects Graph, Entra and Bot Framework endpoints", (cloud, graph, login, channel) => {
    const c = loadConfig({ ...production, CLOUD: cloud });
    expect(c.endpoints.graph).toBe(graph);
    expect(c.endpoints.login).toBe(login);
    expect(c.endpoints.botFramework.channelService).toBe(channel);
  });

  it("US Gov clouds mark card image URLs and proactive install as unavailable", () => {
    expect(CLOUDS.USGov.capabilities).toEqual({ proactiveAppInstall: false, cardImageUrls: false, sharedChannels: false });
    expect(CLOUDS.USGovDoD.botFramework.oAuthUrl).toBe("https://apiDoD.botframework.azure.us");
  });

  it("refuses plain-HTTP Graph or Entra overrides in production", () => {
    expect(problems({ ...production, GRAPH_BASE_URL: "http://127.0.0.1:9999" }).join()).toMatch(/GRAPH_BASE_URL must be an https/);
    expect(problems({ ...production, LOGIN_BASE_URL: "http://127.0.0.1:9999" }).join()).toMatch(/LOGIN_BASE_URL must be an https/);
    expect(problems({ ...production, GRAPH_BASE_URL: "https://graph.microsoft.us" })).toEqual([]);
  });

  it("connects Graph only with a host team, an app secret and the host team's tenant, and refuses half a connection", () => {
    expect(loadConfig({}).communities.graphConnected).toBe(false);
    expect(loadConfig(production).communities).toMatchObject({ graphConnected: false, hostTenantId: T1 });
    expect(loadConfig({ ...production, GRAPH_HOST_TEAM_ID: "team-1" }).communities).toMatchObject({ graphConnected: true, hostTeamId: "team-1", hostTenantId: T1 });
    // Local mode with the Graph and Entra stand-ins: demo identities, real Graph calls to a loopback stand-in.
    const local = { GRAPH_HOST_TEAM_ID: "team-1", AAD_APP_CLIENT_SECRET: "s", AAD_APP_TENANT_ID: T1, GRAPH_BASE_URL: "http://127.0.0.1:9999", LOGIN_BASE_URL: "https://localhost:9998" };
    expect(loadConfig(local).communities).toMatchObject({ graphConnected: true, hostTenantId: T1 });
    expect(loadConfig(local).authMode).toBe("dev");
    expect(problems({ GRAPH_HOST_TEAM_ID: "team-1" }).join("\n")).toMatch(/AAD_APP_CLIENT_SECRET is not[\s\S]*AAD_APP_TENANT_ID is not/);
    expect(problems({ ...production, GRAPH_HOST_TEAM_ID: "team-1", AAD_APP_CLIENT_SECRET: undefined }).join()).toMatch(/AAD_APP_CLIENT_SECRET/);
  });

  it("signs in to PostgreSQL with the managed identity only when everything it needs is there", () => {
    const mi = {
      ...production,
      DATABASE_AUTH: "managed-identity",
      DATABASE_URL: "postgresql://guildhall-id@db.postgres.database.usgovcloudapi.net:5432/guildhall",
      DATABASE_IDENTITY_CLIENT_ID: "5b1e2a3c-0000-4000-8000-00000000abcd",
      IDENTITY_ENDPOINT: "http://127.0.0.1:41234/msi/token",
      IDENTITY_HEADER: "h",
      CLOUD: "USGov",
    };
    expect(loadConfig(mi).database.managedIdentity).toEqual({ clientId: mi.DATABASE_IDENTITY_CLIENT_ID, endpoint: mi.IDENTITY_ENDPOINT, header: "h", resource: "https://ossrdbms-aad.database.usgovcloudapi.net" });
    expect(loadConfig(production).database.managedIdentity).toBeUndefined();
    expect(problems({ ...mi, DATABASE_URL: "postgresql://guildhall-id:pw@db/guildhall" }).join()).toMatch(/must not carry a password/);
    expect(problems({ ...mi, DATABASE_IDENTITY_CLIENT_ID: undefined }).join()).toMatch(/DATABASE_IDENTITY_CLIENT_ID/);
    expect(problems({ ...mi, IDENTITY_ENDPOINT: undefined }).join()).toMatch(/IDENTITY_ENDPOINT and IDENTITY_HEADER/);
    expect(problems({ ...mi, DATABASE_AUTH: "kerberos" }).join()).toMatch(/DATABASE_AUTH/);
  });

  it("lowercases allow-lists so comparisons are exact", () => {
    const c = loadConfig({ ...production, ALLOWED_TENANT_IDS: T1.toUpperCase(), ALLOWED_EMAIL_DOMAINS: "Finance.GOV.au" });
    expect(c.eligibility.allowedTenantIds.has(T1)).toBe(true);
    expect(c.eligibility.allowedEmailDomains).toEqual(["finance.gov.au"]);
  });
});

describe("local mode (AUTH_MODE=dev) refuses production settings", () => {
  const LOCAL_PG = "postgres://postgres@127.0.0.1:5432/guildhall";

  it("starts on loopback with a loopback PostgreSQL, the Graph and Entra stand-ins, and test allow-lists", () => {
    for (const host of ["127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"]) expect(problems({ HOST: host }), host).toEqual([]);
    for (const url of [LOCAL_PG, "postgres://u:p@localhost/g", "postgres://u@[::1]:5433/g", "postgres:///guildhall?host=/var/run/postgresql"]) {
      expect(problems({ DATABASE_URL: url }), url).toEqual([]);
    }
    const standIns = { GRAPH_HOST_TEAM_ID: "t", AAD_APP_CLIENT_SECRET: "s", AAD_APP_TENANT_ID: T1, GRAPH_BASE_URL: "https://127.0.0.1:1", LOGIN_BASE_URL: "https://127.0.0.1:2" };
    expect(problems(standIns)).toEqual([]);
    // The in-process test harness (no listener) tries eligibility with its own lists.
    expect(problems({ NODE_ENV: "test", ALLOWED_TENANT_IDS: T1, ALLOWED_EMAIL_DOMAINS: "finance.gov.au" })).toEqual([]);
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ["HOST=0.0.0.0", { HOST: "0.0.0.0" }, /^HOST=0\.0\.0\.0 is a production setting, refused in local mode/],
    ["HOST=::", { HOST: "::" }, /^HOST=:: is a production setting/],
    ["HOST on a LAN address", { HOST: "10.1.2.3" }, /^HOST=10\.1\.2\.3 /],
    ["a cloud DATABASE_URL", { DATABASE_URL: "postgres://guildhall@db.postgres.database.azure.com/guildhall" }, /^DATABASE_URL \(a non-loopback host\).*demo data/],
    ["a cloud DATABASE_MIGRATION_URL", { DATABASE_URL: LOCAL_PG, DATABASE_MIGRATION_URL: "postgres://owner@db.internal/guildhall" }, /^DATABASE_MIGRATION_URL \(a non-loopback host\)/],
    ["a DATABASE_URL whose query names a remote host", { DATABASE_URL: "postgres://u@localhost/g?host=db.internal" }, /^DATABASE_URL /],
    ["BOT_ID", { BOT_ID: BOT }, /^BOT_ID .*unauthenticated bot traffic/],
    ["BOT_PASSWORD", { BOT_PASSWORD: "p" }, /^BOT_PASSWORD /],
    ["BOT_TENANT_ID", { BOT_TENANT_ID: T1 }, /^BOT_TENANT_ID /],
    ["ALLOWED_TENANT_IDS", { ALLOWED_TENANT_IDS: T1 }, /^ALLOWED_TENANT_IDS is a production setting/],
    ["ALLOWED_EMAIL_DOMAINS", { ALLOWED_EMAIL_DOMAINS: "finance.gov.au" }, /^ALLOWED_EMAIL_DOMAINS /],
    ["PLATFORM_OWNER_GROUP_IDS", { PLATFORM_OWNER_GROUP_IDS: T1 }, /^PLATFORM_OWNER_GROUP_IDS /],
    ["an app secret for the real Entra", { AAD_APP_CLIENT_SECRET: "s" }, /^AAD_APP_CLIENT_SECRET .*real tenant/],
    ["an app secret with only Graph on loopback", { AAD_APP_CLIENT_SECRET: "s", GRAPH_BASE_URL: "http://127.0.0.1:1" }, /^AAD_APP_CLIENT_SECRET /],
    ["App Service's managed identity endpoint", { IDENTITY_ENDPOINT: "http://169.254.1.1/msi/token" }, /^IDENTITY_ENDPOINT /],
  ])("%s", (_label, env, message) => {
    const refusals = (e: Record<string, string>) => problems(e).filter((line) => line.includes("is a production setting"));
    expect(refusals(env)).toEqual([expect.stringMatching(message)]);
    expect(refusals({ ...env, AUTH_MODE: "dev" })).toEqual([expect.stringMatching(message)]);
  });

  it("names every production setting at once when a deployment's settings lack NODE_ENV=production", () => {
    const { NODE_ENV: _unset, ...withoutNodeEnv } = production;
    const p = problems({ ...withoutNodeEnv, HOST: "0.0.0.0" });
    const named = p.map((line) => /^(\S+)/.exec(line)?.[1]);
    expect(named.sort()).toEqual(["AAD_APP_CLIENT_SECRET", "ALLOWED_EMAIL_DOMAINS", "ALLOWED_TENANT_IDS", "BOT_ID", "BOT_PASSWORD", "BOT_TENANT_ID", "DATABASE_URL", "HOST=0.0.0.0"]);
    expect(p.every((line) => line.includes("set NODE_ENV=production for a deployment"))).toBe(true);
    // The same settings in entra mode are not local mode's business.
    expect(problems({ ...withoutNodeEnv, AUTH_MODE: "entra", HOST: "0.0.0.0" })).toEqual([]);
  });
});
