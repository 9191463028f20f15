/**
 * Production start-up refuses what would be unsafe in a real tenant, and accepts the configuration the infra
 * provides: the accepted environment is built from the Web App's app settings in infra/ (literal values as
 * written, Key Vault references and parameters replaced by plausible values), so this proves a deployment made
 * from infra/ gives the server a configuration it can start with.
 */
import { describe, expect, it } from "vitest";
import type { UserConfigFnObject } from "vite";
import { ConfigError, loadConfig } from "../../src/server/config.js";
import viteConfig from "../../vite.config.js";
import { PLATFORM_SETTINGS, productionEnvFromBicep } from "./support/infra-files.js";

const fromInfra = productionEnvFromBicep(PLATFORM_SETTINGS);

/** The problems loadConfig reports for an environment, or [] when it starts. */
function problems(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

function without(...keys: string[]): Record<string, string> {
  const env = { ...fromInfra };
  for (const key of keys) delete env[key];
  return env;
}

describe("the configuration infra/ provides", () => {
  it("is a complete production configuration", () => {
    expect(fromInfra.NODE_ENV).toBe("production");
    expect(problems(fromInfra)).toEqual([]);
  });

  it("starts with Entra identity, an authenticated bot, HTTPS behind the App Service proxy and verified database TLS", () => {
    const config = loadConfig(fromInfra);
    expect(config.env).toBe("production");
    expect(config.authMode).toBe("entra");
    expect(config.bot.appId).not.toBe("");
    expect(config.bot.password).not.toBe("");
    expect(config.requireHttps).toBe(true);
    expect(config.trustProxy).toBe(1);
    expect(config.host).toBe("0.0.0.0");
    expect(config.database.url).toBeDefined();
    expect(config.database.ssl).toBe("verify-full");
    expect(config.demoData).toBe(false);
    expect(config.aad.audiences).toContain(`api://${fromInfra.TAB_DOMAIN}/${fromInfra.AAD_APP_CLIENT_ID}`);
  });

  it("also starts with the managed identity as the bot (no bot password)", () => {
    expect(problems({ ...without("BOT_PASSWORD"), BOT_TYPE: "UserAssignedMSI" })).toEqual([]);
  });
});

describe("production refuses", () => {
  it("the dev identity picker (AUTH_MODE=dev)", () => {
    expect(problems({ ...fromInfra, AUTH_MODE: "dev" })).toEqual([expect.stringMatching(/AUTH_MODE=dev .* not allowed when NODE_ENV=production/)]);
  });

  it.each(["", " ", ",", " , "])("an empty tenant or domain allow-list (%j)", (empty) => {
    expect(problems({ ...fromInfra, ALLOWED_TENANT_IDS: empty })).toEqual([expect.stringMatching(/^ALLOWED_TENANT_IDS is empty/)]);
    expect(problems({ ...fromInfra, ALLOWED_EMAIL_DOMAINS: empty })).toEqual([expect.stringMatching(/^ALLOWED_EMAIL_DOMAINS is empty/)]);
    expect(problems(without("ALLOWED_TENANT_IDS", "ALLOWED_EMAIL_DOMAINS"))).toHaveLength(2);
  });

  it.each([
    ["BOT_ID", /^BOT_ID is required .*unauthenticated traffic/],
    ["BOT_TENANT_ID", /^BOT_TENANT_ID is required/],
    ["BOT_PASSWORD", /^BOT_PASSWORD is required for BOT_TYPE=SingleTenant/],
    ["AAD_APP_CLIENT_ID", /^AAD_APP_CLIENT_ID is required/],
    ["AAD_APP_CLIENT_SECRET", /^AAD_APP_CLIENT_SECRET is required/],
    ["DATABASE_URL", /^DATABASE_URL is required when NODE_ENV=production/],
    ["ANONYMITY_HMAC_SECRET", /^ANONYMITY_HMAC_SECRET is required/],
    ["PUBLIC_URL", /^PUBLIC_URL must be the https:\/\/ address/],
  ])("a missing %s", (key, message) => {
    expect(problems(without(key))).toEqual([expect.stringMatching(message)]);
    expect(problems({ ...fromInfra, [key]: "" }), `${key} set to ""`).toEqual([expect.stringMatching(message)]);
  });

  it("an anonymity secret shorter than 32 characters, and accepts 32", () => {
    expect(problems({ ...fromInfra, ANONYMITY_HMAC_SECRET: "x".repeat(31) })).toEqual([expect.stringMatching(/at least 32 characters/)]);
    expect(problems({ ...fromInfra, ANONYMITY_HMAC_SECRET: "x".repeat(32) })).toEqual([]);
  });

  it("a PUBLIC_URL that is not https", () => {
    expect(problems({ ...fromInfra, PUBLIC_URL: `http://${fromInfra.TAB_DOMAIN}` })).toEqual([expect.stringMatching(/^PUBLIC_URL must be the https:\/\//)]);
  });

  it("ids that are not GUIDs", () => {
    expect(problems({ ...fromInfra, BOT_ID: "guildhall-bot" })).toEqual(["BOT_ID must be a GUID"]);
    expect(problems({ ...fromInfra, ALLOWED_TENANT_IDS: "finance.gov.au" })).toEqual([expect.stringMatching(/is not a tenant id/)]);
  });

  it("lists every problem at once", () => {
    expect(problems(without("BOT_ID", "DATABASE_URL", "ANONYMITY_HMAC_SECRET", "ALLOWED_TENANT_IDS")).length).toBe(4);
  });

  // App Service passes an unresolved Key Vault reference to the process as its literal text, which is longer than
  // 32 characters and would pass the length check.
  it("refuses an unresolved Key Vault reference (@Microsoft.KeyVault(...)) as a secret value", () => {
    const ref = "@Microsoft.KeyVault(SecretUri=https://kv-guildhall.vault.azure.net/secrets/anonymity-hmac/)";
    expect(problems({ ...without(), ANONYMITY_HMAC_SECRET: ref }).join("\n")).toMatch(/ANONYMITY_HMAC_SECRET is an unresolved Key Vault reference/);
    expect(problems({ ...without(), BOT_PASSWORD: ref }).join("\n")).toMatch(/BOT_PASSWORD is an unresolved Key Vault reference/);
  });
});

describe("the tab build", () => {
  const build = (mode: string) => (viteConfig as UserConfigFnObject)({ mode, command: "build" }).build;

  it("emits no source maps for production (the default `vite build`), only for a development build", () => {
    expect(build("production")?.sourcemap).toBe(false);
    expect(build("development")?.sourcemap).toBe(true);
  });
});
