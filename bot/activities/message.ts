/**
 * `message` activities: typed text ("help") and Action.Submit data (the fallback of the cards'
 * Action.Execute buttons on clients below Adaptive Cards 1.4).
 */
import { MessageFactory, type TurnContext } from "botbuilder";
import { cardAttachment, helpCard, MESSAGES, VERBS } from "../cards/index.js";
import { turnIntl } from "../locale.js";
import type { TurnDeps } from "../turn.js";

/** "help" in every language, and French's "aide" (the fr-CA cards name it). */
const HELP_COMMANDS: ReadonlySet<string> = new Set(["help", "/help", "?", "aide", "/aide"]);
/** Longer input cannot be a command; don't spend regex time on it. */
const MAX_COMMAND_INPUT = 2_000;

/**
 * The command a message carries: mentions (`<at>Guildhall</at>` in channels and group chats) and any
 * other markup removed, whitespace collapsed, lower-cased. Patterns avoid nested quantifiers so the
 * work stays linear in the input.
 */
export function commandOf(text: string | undefined): string {
  if (!text || text.length > MAX_COMMAND_INPUT) return "";
  return text
    .replace(/<at\b[^<>]*>[^<]*<\/at>/gi, " ")
    .replace(/<[^<>]*>/g, " ")
    .replace(/&nbsp;/gi, " ")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/** The verb of an Action.Submit (`{ verb: "help" }`), if the message carries one. */
export function submittedVerb(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const verb = (value as Record<string, unknown>)["verb"];
  return typeof verb === "string" ? verb : undefined;
}

export async function onMessage(context: TurnContext, deps: TurnDeps): Promise<void> {
  const verb = submittedVerb(context.activity.value);
  const wantsHelp = verb !== undefined ? verb === VERBS.help : HELP_COMMANDS.has(commandOf(context.activity.text));
  const intl = await turnIntl(context, deps);
  if (wantsHelp) {
    await context.sendActivity(MessageFactory.attachment(cardAttachment(helpCard(deps.cards, intl))));
  } else {
    await context.sendActivity(intl.formatMessage(verb !== undefined ? MESSAGES.unknownAction : MESSAGES.notUnderstood));
  }
}
