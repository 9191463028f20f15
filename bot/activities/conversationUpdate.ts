/**
 * `conversationUpdate` activities. When the bot itself is among the members added (installed in a
 * personal scope, a group chat or a team) it introduces itself once.
 */
import { MessageFactory, type TurnContext } from "botbuilder";
import { cardAttachment, welcomeCard } from "../cards/index.js";
import { turnIntl } from "../locale.js";
import { recordAudit, tenantIdOf, type TurnDeps } from "../turn.js";

export async function onMembersAdded(context: TurnContext, deps: TurnDeps): Promise<void> {
  const { activity } = context;
  const botId = activity.recipient?.id;
  const botAdded = botId !== undefined && (activity.membersAdded ?? []).some((m) => m.id === botId);
  if (!botAdded) return;
  await recordAudit(deps, {
    event: "bot.installed",
    outcome: "info",
    tenantId: tenantIdOf(activity),
    detail: { conversationType: activity.conversation?.conversationType ?? "personal" },
  });
  await context.sendActivity(MessageFactory.attachment(cardAttachment(welcomeCard(deps.cards, await turnIntl(context, deps)))));
}
