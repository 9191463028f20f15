/**
 * Outside local mode the bot accepts only tokens the configured cloud's Bot Framework issued for this
 * app. A loopback stand-in serves the OpenID metadata and signing keys at the URL the options name, so
 * this proves botbuilder uses the endpoints we pass (the same wiring selects US Gov in GCC High/DoD).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { intlFor } from "../src/i18n/node.js";
import { helpCard } from "./cards/index.js";
import { createBot, type BotAuditEvent, type BotOptions } from "./index.js";

const APP_ID = "3f2b9c1e-7d4a-4e8b-9c2d-1a5e6f7b8c9d";
const TENANT = "7f1c2a4e-0b8d-4c1e-9a51-3d2f6b8e1a01";
const ISSUER = "https://api.botframework.test";
const SERVICE_URL = "https://smba.trafficmanager.net/teams/";

let server: Server;
let baseUrl: string;
let channelKey: CryptoKey;
let strangerKey: CryptoKey;

beforeAll(async () => {
  const channel = await generateKeyPair("RS256");
  const stranger = await generateKeyPair("RS256");
  channelKey = channel.privateKey;
  strangerKey = stranger.privateKey;
  const jwk: JWK = { ...(await exportJWK(channel.publicKey)), kid: "channel-key", use: "sig" };
  server = createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    if (req.url === "/v1/.well-known/openidconfiguration") {
      res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${baseUrl}/v1/keys`, id_token_signing_alg_values_supported: ["RS256"] }));
    } else if (req.url === "/v1/keys") {
      res.end(JSON.stringify({ keys: [{ ...jwk, endorsements: ["msteams"] }] }));
    } else {
      res.statusCode = 404;
      res.end("{}");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function options(): BotOptions {
  const log = () => undefined;
  return {
    appId: APP_ID,
    password: "not-a-real-secret",
    tenantId: TENANT,
    type: "SingleTenant",
    botFramework: {
      channelService: "",
      oAuthUrl: `${baseUrl}/oauth`,
      toChannelFromBotLoginUrl: "https://login.microsoftonline.com/botframework.com",
      toChannelFromBotOAuthScope: ISSUER,
      toBotFromChannelTokenIssuer: ISSUER,
      toBotFromChannelOpenIdMetadataUrl: `${baseUrl}/v1/.well-known/openidconfiguration`,
      serviceUrlHosts: ["smba.trafficmanager.net"],
    },
    cardImagesAsUrls: true,
    isTenantAllowed: (t) => t === TENANT,
    publicUrl: undefined,
    logger: { info: log, warn: log, error: log },
    audit: async () => undefined,
  };
}

function token(key: CryptoKey, claims: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT({ iss: ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, ...claims })
    .setProtectedHeader({ alg: "RS256", kid: "channel-key", typ: "JWT" })
    .setIssuedAt()
    .setNotBefore("0s")
    .setExpirationTime("5m")
    .sign(key);
}

const activity = {
  type: "message",
  id: "1",
  channelId: "msteams",
  serviceUrl: SERVICE_URL,
  deliveryMode: "expectReplies",
  from: { id: "29:1user", aadObjectId: "a0000000-0000-4000-8000-000000000001" },
  recipient: { id: `28:${APP_ID}` },
  conversation: { id: "a:1", conversationType: "personal", tenantId: TENANT },
  channelData: { tenant: { id: TENANT } },
  text: "help",
};

async function post(authorization: string | undefined): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = authorization ? { authorization } : {};
  // botbuilder prints authentication failures to the console; keep test output readable.
  const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    return await createBot(options()).handle({ method: "POST", headers, body: structuredClone(activity) });
  } finally {
    quiet.mockRestore();
  }
}

describe("Bot Framework authentication with an app id", () => {
  it("accepts a token signed by the configured cloud's key for this app", async () => {
    const res = await post(`Bearer ${await token(channelKey)}`);
    expect(res.status).toBe(200);
    const body = res.body as { activities: { attachments?: { content: unknown }[] }[] };
    expect(body.activities[0]?.attachments?.[0]?.content).toEqual(helpCard({ publicUrl: undefined, cardImagesAsUrls: true }, intlFor("en-AU")));
  });

  it("refuses no token", async () => {
    expect((await post(undefined)).status).toBe(401);
  });

  it("refuses a token signed by anyone else", async () => {
    expect((await post(`Bearer ${await token(strangerKey)}`)).status).toBe(401);
  });

  it("refuses a token for another app", async () => {
    expect((await post(`Bearer ${await token(channelKey, { aud: "11111111-2222-4333-8444-555555555555" })}`)).status).toBe(401);
  });

  it("refuses a token from another issuer", async () => {
    expect((await post(`Bearer ${await token(channelKey, { iss: "https://api.botframework.com" })}`)).status).toBe(401);
  });

  it("refuses a token minted for another service URL", async () => {
    expect((await post(`Bearer ${await token(channelKey, { serviceurl: "https://attacker.example/" })}`)).status).toBe(401);
  });

  it("refuses a validly signed activity whose serviceUrl is not the cloud's Bot Framework service: 403 named for the audit, no reply", async () => {
    const forged = "https://attacker.example/teams/";
    const audited: BotAuditEvent[] = [];
    const sent: unknown[] = [];
    const opts: BotOptions = { ...options(), audit: async (e) => void audited.push(e) };
    const body = { ...structuredClone(activity), serviceUrl: forged, deliveryMode: undefined };
    const fetchSpy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input) => {
      sent.push(input);
      return new Response("{}");
    });
    try {
      const res = await createBot(opts).handle({ method: "POST", headers: { authorization: `Bearer ${await token(channelKey, { serviceurl: forged })}` }, body });
      expect(res.status).toBe(403);
      expect(String(res.body)).toMatch(/serviceUrl is not this cloud's Bot Framework service/);
      // The server's refusal audit writes the one row (rate-limited); the bot adds none, and names no claimed identity.
      expect(res.refusal).toEqual({ id: "bot.service_url_refused", detail: { serviceUrlHost: "attacker.example" } });
    } finally {
      fetchSpy.mockRestore();
    }
    expect(audited).toEqual([]);
    expect(sent).toEqual([]);
  });

  it("refuses an unsigned token (alg none)", async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${b64({ alg: "none", kid: "channel-key" })}.${b64({ iss: ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, nbf: now, exp: now + 300 })}.`;
    expect((await post(`Bearer ${unsigned}`)).status).toBe(401);
  });
});
