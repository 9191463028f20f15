/**
 * The bot end to end inside one process: activities POSTed through `createBot(...).handle()` with
 * `deliveryMode: "expectReplies"`, so the replies come back in the HTTP body instead of going to a
 * connector. Local mode (appId "") unless a test says otherwise.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { intlFor } from "../src/i18n/node.js";
import { helpCard, MESSAGES, welcomeCard, type CardContext } from "./cards/index.js";
import { ALLOWED_TENANT, botOptions as setup, OUTSIDER_TENANT, PUBLIC_URL, publicCloud } from "../tests/support/bot-options.js";
import { authenticationSettings, createBot, type BotHttpResponse, type BotOptions } from "./index.js";

const SECRET_TEXT = "my manager is bullying me";

function activity(overrides: Record<string, unknown> = {}, tenantId = ALLOWED_TENANT): Record<string, unknown> {
  return {
    type: "message",
    id: "1700000000000",
    channelId: "msteams",
    // Local mode replies only to loopback (the Agents Playground's connector); see serviceUrl.test.ts.
    serviceUrl: "http://127.0.0.1:56150/",
    deliveryMode: "expectReplies",
    from: { id: "29:1user", name: "Priya Raman", aadObjectId: "a0000000-0000-4000-8000-000000000001" },
    recipient: { id: "28:bot-id", name: "Guildhall" },
    conversation: { id: "a:personal-chat", conversationType: "personal", tenantId },
    channelData: { tenant: { id: tenantId } },
    text: "help",
    locale: "en-AU",
    ...overrides,
  };
}

function post(options: BotOptions, body: unknown, headers: Record<string, string> = {}): Promise<BotHttpResponse> {
  return createBot(options).handle({ method: "POST", headers: { "content-type": "application/json", ...headers }, body });
}

interface ReplyActivity {
  type: string;
  text?: string;
  attachments?: { contentType: string; content: unknown }[];
}

function replies(res: BotHttpResponse): ReplyActivity[] {
  expect(res.status).toBe(200);
  const body = res.body as { activities?: ReplyActivity[] };
  expect(Array.isArray(body.activities)).toBe(true);
  return body.activities ?? [];
}

const cards: CardContext = { publicUrl: PUBLIC_URL, cardImagesAsUrls: true };
/** The activities here say `locale: "en-AU"`; locale.test.ts covers the other languages. */
const enAU = intlFor("en-AU");

describe("messages from an allowed tenant", () => {
  it.each(["help", "HELP", "  Help ", "/help", "?", "<at>Guildhall</at> help", "<at>Guildhall</at>&nbsp;help", "<p>help</p>"])(
    "%j returns the help card",
    async (text) => {
      const { options } = setup();
      const out = replies(await post(options, activity({ text })));
      expect(out).toHaveLength(1);
      expect(out[0]?.attachments).toEqual([{ contentType: "application/vnd.microsoft.card.adaptive", content: helpCard(cards, enAU) }]);
    },
  );

  it("answers in a channel, where the bot is mentioned", async () => {
    const { options } = setup();
    const res = await post(
      options,
      activity({
        text: "<at>Guildhall</at> help",
        conversation: { id: "19:channel@thread.tacv2;messageid=1", conversationType: "channel", isGroup: true, tenantId: ALLOWED_TENANT },
        channelData: { tenant: { id: ALLOWED_TENANT }, team: { id: "19:team" }, channel: { id: "19:channel" } },
        entities: [{ type: "mention", text: "<at>Guildhall</at>", mentioned: { id: "28:bot-id", name: "Guildhall" } }],
      }),
    );
    expect(replies(res)[0]?.attachments?.[0]?.content).toEqual(helpCard(cards, enAU));
  });

  it("returns the help card for the Action.Submit fallback of the Help button", async () => {
    const { options } = setup();
    const out = replies(await post(options, activity({ text: undefined, value: { verb: "help" } })));
    expect(out[0]?.attachments?.[0]?.content).toEqual(helpCard(cards, enAU));
  });

  it("says an unknown submitted action is not available", async () => {
    const { options } = setup();
    const out = replies(await post(options, activity({ text: undefined, value: { verb: "delete-everything" } })));
    expect(out.map((a) => a.text)).toEqual([enAU.formatMessage(MESSAGES.unknownAction)]);
  });

  it.each(["hello", "helpme", "", "help ".repeat(500)])("anything else (%j) gets a short suggestion to send help", async (text) => {
    const { options } = setup();
    const out = replies(await post(options, activity({ text })));
    expect(out).toHaveLength(1);
    expect(out[0]?.type).toBe("message");
    expect(out[0]?.text).toBe(enAU.formatMessage(MESSAGES.notUnderstood));
    expect(out[0]?.text).toContain('"help"');
  });

  it("leaves out Open Guildhall when the public URL is unknown, and never puts image URLs in cards in US Gov clouds", async () => {
    const { options } = setup({ publicUrl: undefined, cardImagesAsUrls: false });
    const card = replies(await post(options, activity()))[0]?.attachments?.[0]?.content;
    expect(card).toEqual(helpCard({ publicUrl: undefined, cardImagesAsUrls: false }, enAU));
    expect(JSON.stringify(card)).not.toMatch(/"url":"https?:/);
  });
});

describe("installation", () => {
  it("welcomes the person when the bot is added, and audits the install without identities in the logs", async () => {
    const { options, audit, logged } = setup();
    const out = replies(
      await post(
        options,
        activity({ type: "conversationUpdate", text: undefined, membersAdded: [{ id: "28:bot-id" }, { id: "29:1user" }] }),
      ),
    );
    expect(out).toHaveLength(1);
    expect(out[0]?.attachments?.[0]?.content).toEqual(welcomeCard(cards, enAU));
    expect(audit).toHaveBeenCalledWith(expect.objectContaining({ event: "bot.installed", outcome: "info", tenantId: ALLOWED_TENANT }));
    expect(logged()).not.toContain("a0000000-0000-4000-8000-000000000001");
  });

  it("says nothing when someone else joins", async () => {
    const { options } = setup();
    const out = replies(await post(options, activity({ type: "conversationUpdate", text: undefined, membersAdded: [{ id: "29:2other" }] })));
    expect(out).toEqual([]);
  });
});

describe("Action.Execute (invoke adaptiveCard/action)", () => {
  function invoke(verb: string | undefined, tenantId = ALLOWED_TENANT): Record<string, unknown> {
    return activity(
      {
        type: "invoke",
        name: "adaptiveCard/action",
        text: undefined,
        deliveryMode: undefined,
        value: verb === undefined ? {} : { action: { type: "Action.Execute", verb, id: "a1", data: {} }, trigger: "manual" },
      },
      tenantId,
    );
  }

  it('"help" replaces the card with the help card', async () => {
    const { options } = setup();
    const res = await post(options, invoke("help"));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: helpCard(cards, enAU) });
  });

  it("an unknown verb is a 400 with the documented error type", async () => {
    const { options } = setup();
    const res = await post(options, invoke("transfer-ownership"));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, type: "application/vnd.microsoft.error" });
  });

  it("a malformed invoke is a 400, not a 500", async () => {
    const { options } = setup();
    const res = await post(options, invoke(undefined));
    expect(res.status).toBe(400);
  });

  it("from a tenant that is not allowed, Teams is told why in place of the card", async () => {
    const { options, audit } = setup();
    const res = await post(options, invoke("help", OUTSIDER_TENANT));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ statusCode: 200, type: "application/vnd.microsoft.activity.message", value: enAU.formatMessage(MESSAGES.notEligible) });
    expect(audit).toHaveBeenCalledWith(expect.objectContaining({ event: "bot.access.denied", outcome: "denied", tenantId: OUTSIDER_TENANT }));
  });
});

describe("tenant filter", () => {
  it("refuses a tenant that is not allowed, politely, audits it, and keeps what was said out of the logs", async () => {
    const { options, audit, logged } = setup();
    const out = replies(await post(options, activity({ text: SECRET_TEXT }, OUTSIDER_TENANT)));
    expect(out.map((a) => a.text)).toEqual([enAU.formatMessage(MESSAGES.notEligible)]);
    expect(out[0]?.text).toMatch(/^Guildhall is open to verified public servants only/);
    expect(audit).toHaveBeenCalledTimes(1);
    const event = audit.mock.calls[0]?.[0];
    expect(event).toMatchObject({
      event: "bot.access.denied",
      outcome: "denied",
      tenantId: OUTSIDER_TENANT,
      objectId: "a0000000-0000-4000-8000-000000000001",
    });
    expect(JSON.stringify(event)).not.toContain(SECRET_TEXT);
    expect(logged()).not.toContain(SECRET_TEXT);
    expect(logged()).not.toContain("Priya");
  });

  it("refuses even 'help' from a tenant that is not allowed (no card, no data)", async () => {
    const { options } = setup();
    const out = replies(await post(options, activity({ text: "help" }, OUTSIDER_TENANT)));
    expect(out.map((a) => a.text)).toEqual([enAU.formatMessage(MESSAGES.notEligible)]);
    expect(out[0]?.attachments ?? []).toEqual([]);
  });

  it("refuses an activity that names no tenant", async () => {
    const { options, audit } = setup();
    const out = replies(await post(options, activity({ conversation: { id: "a:x" }, channelData: {} })));
    expect(out.map((a) => a.text)).toEqual([enAU.formatMessage(MESSAGES.notEligible)]);
    expect(audit).toHaveBeenCalledWith(expect.objectContaining({ event: "bot.access.denied", tenantId: undefined }));
  });

  it("refuses an activity whose two tenant fields disagree", async () => {
    const { options } = setup();
    const body = activity({ channelData: { tenant: { id: OUTSIDER_TENANT } } });
    const out = replies(await post(options, body));
    expect(out.map((a) => a.text)).toEqual([enAU.formatMessage(MESSAGES.notEligible)]);
  });

  it("takes the tenant from conversation.tenantId when channelData has none", async () => {
    const { options } = setup();
    const out = replies(await post(options, activity({ channelData: {} })));
    expect(out[0]?.attachments?.[0]?.content).toEqual(helpCard(cards, enAU));
  });

  it("refuses an outsider's install with the same sentence instead of a welcome", async () => {
    const { options, audit } = setup();
    const out = replies(
      await post(options, activity({ type: "conversationUpdate", text: undefined, membersAdded: [{ id: "28:bot-id" }] }, OUTSIDER_TENANT)),
    );
    expect(out.map((a) => a.text)).toEqual([enAU.formatMessage(MESSAGES.notEligible)]);
    expect(audit).toHaveBeenCalledWith(expect.objectContaining({ event: "bot.access.denied" }));
  });

  it("still refuses when the audit log cannot be written (fails closed)", async () => {
    const { options, logged } = setup({ audit: async () => Promise.reject(new Error("db down")) });
    const out = replies(await post(options, activity({}, OUTSIDER_TENANT)));
    expect(out.map((a) => a.text)).toEqual([enAU.formatMessage(MESSAGES.notEligible)]);
    expect(logged()).toContain("bot audit write failed");
  });
});

describe("errors", () => {
  it("a failing turn is logged without message text or identities and the person gets a generic apology", async () => {
    const { options, logged } = setup({
      isTenantAllowed: () => {
        throw new Error(`policy exploded while reading ${SECRET_TEXT}`);
      },
    });
    const out = replies(await post(options, activity({ text: SECRET_TEXT })));
    expect(out.map((a) => a.text)).toEqual([enAU.formatMessage(MESSAGES.somethingWentWrong)]);
    expect(logged()).toContain("bot turn failed");
    expect(logged()).not.toContain(SECRET_TEXT);
    expect(logged()).not.toContain("a0000000-0000-4000-8000-000000000001");
  });

  it("a body that is not an activity is a 400", async () => {
    const { options } = setup();
    expect((await post(options, "not json")).status).toBe(400);
    expect((await post(options, { text: "no type" })).status).toBe(400);
  });

  it("only POST is accepted", async () => {
    const { options } = setup();
    const res = await createBot(options).handle({ method: "GET", headers: {}, body: undefined });
    expect(res.status).toBe(405);
  });
});

describe("authentication", () => {
  // botbuilder prints every refused request to the console; keep the test output readable.
  beforeEach(() => void vi.spyOn(console, "error").mockImplementation(() => undefined));
  afterEach(() => vi.restoreAllMocks());

  const production = {
    appId: "3f2b9c1e-7d4a-4e8b-9c2d-1a5e6f7b8c9d",
    password: "not-a-real-secret",
    tenantId: "7f1c2a4e-0b8d-4c1e-9a51-3d2f6b8e1a01",
  } as const;

  it("with an app id, a request without a Bot Framework token is refused with 401 and reaches no handler", async () => {
    const { options, audit } = setup(production);
    const res = await post(options, activity({ deliveryMode: "expectReplies" }));
    expect(res.status).toBe(401);
    expect(audit).not.toHaveBeenCalled();
  });

  it("with an app id, a made-up bearer token is refused with 401", async () => {
    const { options } = setup(production);
    const res = await post(options, activity(), { authorization: "Bearer not.a.token" });
    expect(res.status).toBe(401);
  });

  it("passes the cloud's endpoints and the credentials to botbuilder; local mode has none", () => {
    const { options } = setup(production);
    expect(authenticationSettings(options)).toEqual({
      MicrosoftAppId: production.appId,
      MicrosoftAppPassword: production.password,
      MicrosoftAppType: "SingleTenant",
      MicrosoftAppTenantId: production.tenantId,
      ChannelService: "",
      OAuthUrl: publicCloud.oAuthUrl,
      ToChannelFromBotLoginUrl: publicCloud.toChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: publicCloud.toChannelFromBotOAuthScope,
      ToBotFromChannelTokenIssuer: publicCloud.toBotFromChannelTokenIssuer,
      ToBotFromChannelOpenIdMetadataUrl: publicCloud.toBotFromChannelOpenIdMetadataUrl,
      ValidateAuthority: true,
      CallerId: "urn:botframework:azure",
    });
    const msi = authenticationSettings({ ...options, type: "UserAssignedMSI", password: "" });
    expect(msi).toMatchObject({ MicrosoftAppType: "UserAssignedMSI" });
    expect(msi).not.toHaveProperty("MicrosoftAppPassword");
    const gov = authenticationSettings({ ...options, botFramework: { ...publicCloud, channelService: "https://botframework.azure.us" } });
    expect(gov).toMatchObject({ ChannelService: "https://botframework.azure.us", CallerId: "urn:botframework:azureusgov" });
    expect(authenticationSettings(setup().options)).toMatchObject({ MicrosoftAppId: "", MicrosoftAppPassword: "" });
    expect(authenticationSettings(setup().options)).not.toHaveProperty("MicrosoftAppType");
  });

  it("builds for a user-assigned managed identity", () => {
    const { options } = setup({ ...production, type: "UserAssignedMSI", password: "" });
    expect(() => createBot(options)).not.toThrow();
  });
});
