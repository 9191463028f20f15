/**
 * Tenant check at the entry of every turn (Company Communicator's filter middleware, without its
 * switch to turn it off). The eligibility policy decides; an activity from a tenant it does not allow
 * never reaches a handler. The person gets one polite sentence, the audit log gets `bot.access.denied`,
 * and nothing logs what they wrote.
 */
import { ActivityTypes, StatusCodes, type Middleware, type TurnContext } from "botbuilder";
import { MESSAGES } from "../cards/index.js";
import { quickIntl } from "../locale.js";
import { recordAudit, tenantIdOf, type TurnDeps } from "../turn.js";

/** Activity types that get the refusal as a reply (the person did something and should hear why). */
const ANSWERED: ReadonlySet<string> = new Set([ActivityTypes.Message, ActivityTypes.ConversationUpdate]);
/** Too frequent and meaningless to audit. */
const NOT_AUDITED: ReadonlySet<string> = new Set([ActivityTypes.Typing]);

export function tenantFilter(deps: TurnDeps): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const { activity } = context;
      const tenantId = tenantIdOf(activity);
      if (deps.isTenantAllowed(tenantId)) {
        await next();
        return;
      }
      deps.logger.warn({ activityType: activity.type, channelId: activity.channelId }, "bot activity from a tenant that is not allowed");
      if (!NOT_AUDITED.has(activity.type)) {
        await recordAudit(deps, {
          event: "bot.access.denied",
          outcome: "denied",
          tenantId,
          objectId: activity.from?.aadObjectId,
          detail: { activityType: activity.type, channelId: activity.channelId, conversationType: activity.conversation?.conversationType ?? null },
        });
      }
      await refuse(context);
    },
  };
}

/** The refusal is in the activity's language: nothing is looked up for someone the policy refuses. */
async function refuse(context: TurnContext): Promise<void> {
  const { activity } = context;
  const notEligible = quickIntl(context).formatMessage(MESSAGES.notEligible);
  if (activity.type === ActivityTypes.Invoke) {
    // A card action from outside: Teams shows an `activity.message` answer as text in place of an error.
    const body =
      activity.name === "adaptiveCard/action"
        ? { statusCode: StatusCodes.OK, type: "application/vnd.microsoft.activity.message", value: notEligible }
        : undefined;
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: body ? StatusCodes.OK : 403, body } });
    return;
  }
  if (activity.type === ActivityTypes.ConversationUpdate) {
    const botId = activity.recipient?.id;
    const botAdded = botId !== undefined && (activity.membersAdded ?? []).some((m) => m.id === botId);
    if (!botAdded) return;
  }
  if (ANSWERED.has(activity.type)) await context.sendActivity(notEligible);
}
