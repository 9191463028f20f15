/**
 * `invoke` named `adaptiveCard/action`: an Action.Execute (Universal Actions) from one of our cards.
 * The answer replaces the card the button was on. Known verbs: "help" (the card becomes the help card).
 */
import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TurnContext } from "botbuilder";
import { ADAPTIVE_CARD_CONTENT_TYPE, helpCard, MESSAGES, VERBS } from "../../cards/index.js";
import { turnIntl } from "../../locale.js";
import type { TurnDeps } from "../../turn.js";

export async function onAdaptiveCardAction(
  context: TurnContext,
  value: AdaptiveCardInvokeValue,
  deps: TurnDeps,
): Promise<AdaptiveCardInvokeResponse> {
  const intl = await turnIntl(context, deps);
  switch (value.action.verb) {
    case VERBS.help:
      return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: helpCard(deps.cards, intl) };
    default:
      return { statusCode: 400, type: "application/vnd.microsoft.error", value: { code: "BadRequest", message: intl.formatMessage(MESSAGES.unknownAction) } };
  }
}
