/**
 * Every Adaptive Card the bot sends is built here, and only here (one serialisation layer).
 *
 * - Cards are version 1.5 (Teams desktop and web). Teams mobile renders up to 1.2, so every
 *   `Action.Execute` carries an `Action.Submit` fallback with the same verb in its data.
 * - Text that is not a constant of this module goes through `escapeText`, so a stored string shows
 *   exactly as given and cannot add links, formatting or date functions to a card.
 * - Images: the brand mark is an embedded data URI, so it renders in every cloud and nothing is fetched
 *   from outside the tenant. `image()` admits an https URL only when the cloud's clients can fetch it
 *   (`cardImagesAsUrls`; false in GCC High and DoD).
 *
 * - Every word is a catalog message (area `bot`, which only the server loads), formatted in the person's
 *   language by the `Formatter` the handler passes (bot/locale.ts decides which).
 *
 * Each builder's output is validated against the Adaptive Cards 1.5 schema in cards.test.ts.
 */
import { defineMessages, type Formatter } from "../../src/i18n/format.js";

export const ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
export const CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";

/** Verbs the bot understands in `Action.Execute` invokes and `Action.Submit` data. */
export const VERBS = { help: "help" } as const;
export type Verb = (typeof VERBS)[keyof typeof VERBS];

export interface CardContext {
  /** The app's public address for "Open Guildhall"; the action is left out when undefined. */
  publicUrl: string | undefined;
  cardImagesAsUrls: boolean;
}

export type TextBlock = {
  type: "TextBlock";
  text: string;
  wrap: true;
  style?: "heading";
  size?: "Small" | "Default" | "Medium" | "Large";
  weight?: "Lighter" | "Default" | "Bolder";
  isSubtle?: boolean;
  spacing?: "None" | "Small" | "Medium";
};
export type ImageElement = { type: "Image"; url: string; altText: string; width?: string };
export type Column = { type: "Column"; width: "auto" | "stretch"; items: CardElement[]; verticalContentAlignment?: "Center" };
export type ColumnSet = { type: "ColumnSet"; columns: Column[] };
export type Container = { type: "Container"; items: CardElement[]; spacing?: "Medium" };
export type CardElement = TextBlock | ImageElement | ColumnSet | Container;

export type SubmitAction = { type: "Action.Submit"; title: string; data: { verb: Verb } };
export type ExecuteAction = { type: "Action.Execute"; title: string; verb: Verb; fallback: SubmitAction };
export type OpenUrlAction = { type: "Action.OpenUrl"; title: string; url: string };
export type CardAction = SubmitAction | ExecuteAction | OpenUrlAction;

export type AdaptiveCard = {
  type: "AdaptiveCard";
  $schema: typeof CARD_SCHEMA;
  version: "1.5";
  fallbackText: string;
  body: CardElement[];
  actions?: CardAction[];
};

export type CardAttachment = { contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE; content: AdaptiveCard };

/** 48×48 PNG brand mark (a civic hall on Teams purple), embedded so no client fetches anything. */
export const BRAND_MARK_DATA_URI =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAYAAABXAvmHAAAAqUlEQVR42u3aQQqAMAxE0bmh4FG9oO4tim2TdBIn4MrNfwhSbYGPs+3HGXlhdqKDzUBs4V0Q9vhXRJb4R0RqQLb4BiFARcB93AAR8a6IiHBPCKLjrRGIDreGYGW8BQIrwy0gYIkfRYAlfBQCxvgexD+egAAMANoV6cxrNOKeAAIIIIAAAgggABMg7WJO3wNegPJ/p1ePANon0y5lwb3iukcNShz2yHbc5gJPvSGesGOy7AAAAABJRU5ErkJggg==";

/**
 * Make a string safe for a TextBlock: it renders as given, with no markdown, links or `{{DATE()}}`
 * functions. Only the characters that could start such syntax are escaped, so ordinary prose is
 * unchanged. Control characters are dropped.
 */
export function escapeText(value: string): string {
  return (
    value
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "")
      .replace(/[\\`*_[\]~<>]/g, "\\$&")
      .replace(/^([ \t]*)([#+-])(?=[ \t]|$)/gm, "$1\\$2")
      .replace(/^([ \t]*\d+)([.)])(?=[ \t]|$)/gm, "$1\\$2")
      .replace(/\{\{/g, "{\u200B{")
  );
}

function text(value: string, options: Omit<TextBlock, "type" | "text" | "wrap"> = {}): TextBlock {
  return { type: "TextBlock", text: escapeText(value), wrap: true, ...options };
}

/**
 * An image element, or undefined when the source may not be used in this cloud: data URIs always,
 * https URLs only when the cloud's Teams clients can fetch them.
 */
export function image(url: string, altText: string, ctx: CardContext, width?: string): ImageElement | undefined {
  const isDataUri = /^data:image\/(png|jpeg|gif);base64,[A-Za-z0-9+/]+=*$/.test(url);
  const isHttps = /^https:\/\//i.test(url);
  if (!isDataUri && !(isHttps && ctx.cardImagesAsUrls)) return undefined;
  return { type: "Image", url, altText, ...(width ? { width } : {}) };
}

function card(fallbackText: string, body: CardElement[], actions: CardAction[]): AdaptiveCard {
  return { type: "AdaptiveCard", $schema: CARD_SCHEMA, version: "1.5", fallbackText, body, ...(actions.length > 0 ? { actions } : {}) };
}

/** An Action.Execute (Universal Actions) with an Action.Submit fallback for clients below 1.4. */
function execute(title: string, verb: Verb): ExecuteAction {
  return { type: "Action.Execute", title, verb, fallback: { type: "Action.Submit", title, data: { verb } } };
}

function openGuildhall(ctx: CardContext, intl: Formatter): OpenUrlAction[] {
  if (!ctx.publicUrl) return [];
  let url: URL;
  try {
    url = new URL(ctx.publicUrl);
  } catch {
    return [];
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return [];
  return [{ type: "Action.OpenUrl", title: intl.formatMessage(CARD_MESSAGES.openGuildhall), url: url.href }];
}

function header(title: string, subtitle: string, ctx: CardContext): ColumnSet {
  const mark = image(BRAND_MARK_DATA_URI, "Guildhall", ctx, "40px");
  const columns: Column[] = [];
  if (mark) columns.push({ type: "Column", width: "auto", items: [mark], verticalContentAlignment: "Center" });
  columns.push({
    type: "Column",
    width: "stretch",
    verticalContentAlignment: "Center",
    items: [text(title, { style: "heading", size: "Medium", weight: "Bolder" }), text(subtitle, { isSubtle: true, spacing: "None" })],
  });
  return { type: "ColumnSet", columns };
}

/** The words on the help and welcome cards. */
export const CARD_MESSAGES = defineMessages({
  helpTitle: { id: "bot.help.title", defaultMessage: "Guildhall help", description: "Heading of the help card." },
  welcomeTitle: { id: "bot.welcome.title", defaultMessage: "Welcome to Guildhall", description: "Heading of the card the bot sends when it is added to a chat, channel or personal scope." },
  subtitle: { id: "bot.help.subtitle", defaultMessage: "Communities of practice for verified public servants", description: "Line under the heading of the help and welcome cards." },
  intro: {
    id: "bot.help.intro",
    defaultMessage: "Guildhall brings public servants who do the same work together, in communities of practice inside Microsoft Teams.",
    description: "First paragraph of the help and welcome cards.",
  },
  communitiesTitle: { id: "bot.help.communities.title", defaultMessage: "Communities of practice", description: "Help card: heading of the first feature." },
  communitiesDetail: {
    id: "bot.help.communities.detail",
    defaultMessage: "Find peers across agencies doing the same work, and join a community that meets in its own Teams channel.",
    description: "Help card: what the first feature does.",
  },
  forumsTitle: { id: "bot.help.forums.title", defaultMessage: "Closed forums", description: "Help card: heading of the second feature." },
  forumsDetail: {
    id: "bot.help.forums.detail",
    defaultMessage: "Only verified public servants can reach a community's forum. Guests and people outside government are kept out.",
    description: "Help card: what the second feature does.",
  },
  feedbackTitle: { id: "bot.help.feedback.title", defaultMessage: "Anonymous feedback", description: "Help card: heading of the third feature." },
  feedbackDetail: {
    id: "bot.help.feedback.detail",
    defaultMessage: "After each community session you can say what worked. No one, not the organiser and not an admin, can trace it back to you.",
    description: "Help card: what the third feature does.",
  },
  howTo: {
    id: "bot.help.howTo",
    defaultMessage: 'Send "help" at any time to see this card again.',
    description: "Last line of the help card. The bot understands help, /help and ? in every language, and aide or /aide too: name the word that suits the language.",
  },
  helpAction: { id: "bot.help.action", defaultMessage: "Help", description: "Button that shows the help card." },
  openGuildhall: { id: "bot.card.openGuildhall", defaultMessage: "Open Guildhall", description: "Button that opens the Guildhall app." },
  fallback: {
    id: "bot.card.fallback",
    defaultMessage: "{title}. {details}",
    description: "The text a client shows when it cannot show the card. title: the card's heading; details: the card's sentences, one a line.",
  },
  fallbackFeature: {
    id: "bot.card.fallbackFeature",
    defaultMessage: "{title}: {detail}",
    description: "One feature in the card's plain-text fallback. title: the feature's heading; detail: its sentence.",
  },
});

/** The help card's words in one language: the introduction, each feature (heading and sentence), the closing line. */
export function helpText(intl: Formatter): { intro: string; features: [title: string, detail: string][]; howTo: string } {
  const m = CARD_MESSAGES;
  return {
    intro: intl.formatMessage(m.intro),
    features: [
      [intl.formatMessage(m.communitiesTitle), intl.formatMessage(m.communitiesDetail)],
      [intl.formatMessage(m.forumsTitle), intl.formatMessage(m.forumsDetail)],
      [intl.formatMessage(m.feedbackTitle), intl.formatMessage(m.feedbackDetail)],
    ],
    howTo: intl.formatMessage(m.howTo),
  };
}

function helpBody(intl: Formatter): CardElement[] {
  const help = helpText(intl);
  return [
    text(help.intro),
    {
      type: "Container",
      spacing: "Medium",
      items: help.features.flatMap(([title, detail]) => [text(title, { weight: "Bolder", spacing: "Medium" }), text(detail, { spacing: "None" })]),
    },
    text(help.howTo, { isSubtle: true, spacing: "Medium" }),
  ];
}

function helpFallbackText(title: string, intl: Formatter): string {
  const help = helpText(intl);
  const lines = [help.intro, ...help.features.map(([t, d]) => intl.formatMessage(CARD_MESSAGES.fallbackFeature, { title: t, detail: d })), help.howTo];
  return intl.formatMessage(CARD_MESSAGES.fallback, { title, details: lines.join("\n") });
}

/** What Guildhall does, with "Open Guildhall" (when the public URL is known) and "Help", in the formatter's language. */
export function helpCard(ctx: CardContext, intl: Formatter): AdaptiveCard {
  const title = intl.formatMessage(CARD_MESSAGES.helpTitle);
  return card(
    helpFallbackText(title, intl),
    [header(title, intl.formatMessage(CARD_MESSAGES.subtitle), ctx), ...helpBody(intl)],
    [...openGuildhall(ctx, intl), execute(intl.formatMessage(CARD_MESSAGES.helpAction), VERBS.help)],
  );
}

/** Sent once when the bot is added to a chat, channel or personal scope. */
export function welcomeCard(ctx: CardContext, intl: Formatter): AdaptiveCard {
  const title = intl.formatMessage(CARD_MESSAGES.welcomeTitle);
  return card(
    helpFallbackText(title, intl),
    [header(title, intl.formatMessage(CARD_MESSAGES.subtitle), ctx), ...helpBody(intl)],
    [...openGuildhall(ctx, intl), execute(intl.formatMessage(CARD_MESSAGES.helpAction), VERBS.help)],
  );
}

/** Wrap a card for `activity.attachments`. */
export function cardAttachment(content: AdaptiveCard): CardAttachment {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content };
}

/** Plain-text replies, kept beside the cards so every word the bot says lives in one module. */
export const MESSAGES = defineMessages({
  notEligible: {
    id: "bot.reply.notEligible",
    defaultMessage:
      "Guildhall is open to verified public servants only. Your organisation is not on the list of participating agencies, so I can't help you here. If you think this is a mistake, ask your agency's Microsoft Teams administrator.",
    description: "The bot's answer to anyone from a tenant that is not allowed.",
  },
  notUnderstood: {
    id: "bot.reply.notUnderstood",
    defaultMessage: "Sorry, I didn't understand that. Send \"help\" to see what Guildhall can do.",
    description: "The bot's answer to a message it does not understand. Name the same word as the help card's last line.",
  },
  unknownAction: {
    id: "bot.reply.unknownAction",
    defaultMessage: "That action is not available. Send \"help\" to see what Guildhall can do.",
    description: "The bot's answer to a card button it does not know (an old card, say). Name the same word as the help card's last line.",
  },
  somethingWentWrong: {
    id: "bot.reply.somethingWentWrong",
    defaultMessage: "Sorry, something went wrong on our side. Please try again in a moment.",
    description: "The bot's answer when a turn fails.",
  },
});
