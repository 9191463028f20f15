/**
 * The bot speaks the person's language: activities POSTed through `createBot(...).handle()` (the real CloudAdapter,
 * middleware and handler) with `deliveryMode: "expectReplies"`, in fr-CA, fr-FR and en-US; a 1:1 chat follows the
 * person's saved choice; a channel follows the activity. Every card that comes back is checked against the
 * Adaptive Cards 1.5 schema.
 */
import { describe, expect, it, vi } from "vitest";
import { intlFor } from "../src/i18n/node.js";
import { cardSchemaErrors } from "../tests/support/adaptive-card-schema.js";
import { ALLOWED_TENANT, botOptions as setup, OUTSIDER_TENANT, PUBLIC_URL } from "../tests/support/bot-options.js";
import { helpCard, helpText, MESSAGES, welcomeCard, type AdaptiveCard, type CardContext } from "./cards/index.js";
import { createBot, type BotHttpResponse, type BotOptions } from "./index.js";

const OBJECT_ID = "a0000000-0000-4000-8000-000000000001";
const cards: CardContext = { publicUrl: PUBLIC_URL, cardImagesAsUrls: true };
const fr = intlFor("fr-CA");
const enUS = intlFor("en-US");

function activity(overrides: Record<string, unknown> = {}, tenantId = ALLOWED_TENANT): Record<string, unknown> {
  return {
    type: "message",
    id: "1700000000000",
    channelId: "msteams",
    serviceUrl: "http://127.0.0.1:56150/",
    deliveryMode: "expectReplies",
    from: { id: "29:1user", name: "Priya Raman", aadObjectId: OBJECT_ID },
    recipient: { id: "28:bot-id", name: "Guildhall" },
    conversation: { id: "a:personal-chat", conversationType: "personal", tenantId },
    channelData: { tenant: { id: tenantId } },
    text: "help",
    ...overrides,
  };
}

function inChannel(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return activity({
    conversation: { id: "19:general@thread.tacv2;messageid=1", conversationType: "channel", tenantId: ALLOWED_TENANT },
    channelData: { tenant: { id: ALLOWED_TENANT }, team: { id: "19:team@thread.tacv2" }, channel: { id: "19:general@thread.tacv2" } },
    text: "<at>Guildhall</at> help",
    ...overrides,
  });
}

function post(options: BotOptions, body: unknown): Promise<BotHttpResponse> {
  return createBot(options).handle({ method: "POST", headers: { "content-type": "application/json" }, body });
}

interface ReplyActivity {
  type: string;
  text?: string;
  attachments?: { contentType: string; content: unknown }[];
}

function replies(res: BotHttpResponse): ReplyActivity[] {
  expect(res.status).toBe(200);
  return (res.body as { activities?: ReplyActivity[] }).activities ?? [];
}

/** The one card among the replies, valid against the Adaptive Cards 1.5 schema. */
function validCard(out: ReplyActivity[]): AdaptiveCard {
  expect(out).toHaveLength(1);
  const card = out[0]?.attachments?.[0]?.content as AdaptiveCard;
  const errors = cardSchemaErrors(card);
  expect(errors, JSON.stringify(errors, null, 2)).toEqual([]);
  expect(card.version).toBe("1.5");
  return card;
}

/** Every TextBlock's text and every action's title, as the person sees them. */
function words(card: AdaptiveCard): string {
  const out: string[] = [];
  JSON.stringify(card, (key, value: unknown) => {
    if ((key === "text" || key === "title") && typeof value === "string") out.push(value);
    return value;
  });
  return out.join(" | ");
}

describe("a fr-CA activity", () => {
  it.each(["fr-CA", "fr-FR", "fr"])('"help" with locale %s gets the French help card, valid Adaptive Cards 1.5', async (locale) => {
    const { options } = setup();
    const card = validCard(replies(await post(options, activity({ locale }))));
    expect(card).toEqual(helpCard(cards, fr));
    const seen = words(card);
    expect(seen).toContain("Aide de Guildhall");
    expect(seen).toContain(helpText(fr).intro);
    expect(seen).toContain("Ouvrir Guildhall");
    expect(seen).not.toContain("Guildhall help");
    expect(card.fallbackText).toMatch(/^Aide de Guildhall\. /);
    expect(card.actions?.find((a) => a.type === "Action.Execute")).toMatchObject({ title: "Aide", fallback: { type: "Action.Submit", title: "Aide" } });
  });

  it('understands "aide", the word the French card names', async () => {
    const { options } = setup();
    expect(validCard(replies(await post(options, activity({ locale: "fr-CA", text: "aide" }))))).toEqual(helpCard(cards, fr));
  });

  it("gets the French welcome card when the bot is installed", async () => {
    const { options } = setup();
    const out = replies(await post(options, activity({ locale: "fr-CA", type: "conversationUpdate", text: undefined, membersAdded: [{ id: "28:bot-id" }] })));
    expect(validCard(out)).toEqual(welcomeCard(cards, fr));
    expect(words(welcomeCard(cards, fr))).toContain("Bienvenue dans Guildhall");
  });

  it("gets the French help card from the card's Help button (invoke adaptiveCard/action)", async () => {
    const { options } = setup();
    const res = await post(
      options,
      activity({
        locale: "fr-CA",
        type: "invoke",
        name: "adaptiveCard/action",
        text: undefined,
        deliveryMode: undefined,
        value: { action: { type: "Action.Execute", verb: "help", id: "a1", data: {} }, trigger: "manual" },
      }),
    );
    expect(res.status).toBe(200);
    const body = res.body as { value: AdaptiveCard };
    expect(cardSchemaErrors(body.value)).toEqual([]);
    expect(body.value).toEqual(helpCard(cards, fr));
  });

  it("gets French plain replies", async () => {
    const { options } = setup();
    const out = replies(await post(options, activity({ locale: "fr-CA", text: "quoi de neuf ?" })));
    expect(out.map((a) => a.text)).toEqual([fr.formatMessage(MESSAGES.notUnderstood)]);
    expect(out[0]?.text).toBe("Je n’ai pas compris votre message. Envoyez «\u00a0aide\u00a0» pour voir ce que Guildhall peut faire.");
  });

  it("from a tenant that is not allowed is refused in French, without looking anything up", async () => {
    const savedLocale = vi.fn(async () => "en-US");
    const { options } = setup({ savedLocale });
    const out = replies(await post(options, activity({ locale: "fr-CA" }, OUTSIDER_TENANT)));
    expect(out.map((a) => a.text)).toEqual([fr.formatMessage(MESSAGES.notEligible)]);
    expect(out[0]?.text).toMatch(/^Guildhall est réservé aux fonctionnaires/);
    expect(savedLocale).not.toHaveBeenCalled();
  });
});

describe("an en-US activity", () => {
  it("gets the help card in en-US, valid Adaptive Cards 1.5", async () => {
    const { options } = setup();
    const card = validCard(replies(await post(options, activity({ locale: "en-US" }))));
    expect(card).toEqual(helpCard(cards, enUS));
    expect(words(card)).toContain("not the organizer and not an admin");
  });

  it("from a tenant that is not allowed is refused in en-US", async () => {
    const { options } = setup();
    const out = replies(await post(options, activity({ locale: "en-US" }, OUTSIDER_TENANT)));
    expect(out[0]?.text).toContain("Your organization is not on the list");
  });

  it("without a locale of its own, follows the clientInfo entity's", async () => {
    const { options } = setup();
    const card = validCard(replies(await post(options, activity({ entities: [{ type: "clientInfo", locale: "fr-CA", country: "CA", platform: "Web" }] }))));
    expect(card).toEqual(helpCard(cards, fr));
  });

  it("in a language Guildhall lacks gets en-AU", async () => {
    const { options } = setup();
    const card = validCard(replies(await post(options, activity({ locale: "de-DE" }))));
    expect(card).toEqual(helpCard(cards, intlFor("en-AU")));
  });
});

describe("the person's saved language", () => {
  it("decides in a 1:1 chat, over the activity's locale", async () => {
    const savedLocale = vi.fn(async () => "fr-CA");
    const { options } = setup({ savedLocale });
    const card = validCard(replies(await post(options, activity({ locale: "en-US" }))));
    expect(card).toEqual(helpCard(cards, fr));
    expect(savedLocale).toHaveBeenCalledWith({ tenantId: ALLOWED_TENANT, objectId: OBJECT_ID });
  });

  it("null (follow Teams) leaves the activity's locale", async () => {
    const { options } = setup({ savedLocale: async () => null });
    expect(validCard(replies(await post(options, activity({ locale: "fr-CA" }))))).toEqual(helpCard(cards, fr));
  });

  it("is not used in a channel: the activity's locale decides there", async () => {
    const savedLocale = vi.fn(async () => "fr-CA");
    const { options } = setup({ savedLocale });
    expect(validCard(replies(await post(options, inChannel({ locale: "en-US" }))))).toEqual(helpCard(cards, enUS));
    expect(validCard(replies(await post(options, inChannel({ locale: "fr-CA" }))))).toEqual(helpCard(cards, fr));
    expect(savedLocale).not.toHaveBeenCalled();
  });

  it("when it cannot be read, the activity's locale is used and the turn still answers", async () => {
    const { options, logged } = setup({
      savedLocale: async () => {
        throw new Error("connection refused");
      },
    });
    expect(validCard(replies(await post(options, activity({ locale: "fr-CA" }))))).toEqual(helpCard(cards, fr));
    expect(logged()).toContain("bot could not read the person's saved language");
  });
});
