/**
 * Routes each activity to the handler module for its place in the Teams protocol
 * (activities/<type>.ts, activities/invoke/<name>.ts). botbuilder's TeamsActivityHandler does the
 * dispatching and the invoke-response plumbing; this class only connects the two.
 */
import {
  StatusCodes,
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type InvokeResponse,
  type TurnContext,
} from "botbuilder";
import { onAdaptiveCardAction } from "./activities/invoke/adaptiveCardAction.js";
import { onMembersAdded } from "./activities/conversationUpdate.js";
import { onMessage } from "./activities/message.js";
import type { TurnDeps } from "./turn.js";

export class GuildhallActivityHandler extends TeamsActivityHandler {
  constructor(private readonly deps: TurnDeps) {
    super();
    this.onMessage(async (context, next) => {
      await onMessage(context, this.deps);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      await onMembersAdded(context, this.deps);
      await next();
    });
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    // botbuilder reads `value.action.type` without checking; a malformed invoke is a 400, not a 500.
    if (context.activity.name === "adaptiveCard/action" && !hasAction(context.activity.value)) {
      return {
        status: StatusCodes.BAD_REQUEST,
        body: { statusCode: StatusCodes.BAD_REQUEST, type: "application/vnd.microsoft.error", value: { code: "BadRequest", message: "Missing action" } },
      };
    }
    return super.onInvokeActivity(context);
  }

  protected override onAdaptiveCardInvoke(context: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    return onAdaptiveCardAction(context, value, this.deps);
  }
}

function hasAction(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const action = (value as Record<string, unknown>)["action"];
  return typeof action === "object" && action !== null && typeof (action as Record<string, unknown>)["type"] === "string";
}
