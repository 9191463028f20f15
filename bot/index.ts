/**
 * The Guildhall bot: botbuilder's CloudAdapter with Bot Framework authentication built from the server's
 * config for the selected cloud, a tenant filter at the entry of every turn, and handlers that mirror the
 * Teams protocol. The server calls `createBot(...).handle()` from `POST /api/messages`.
 *
 * With an empty `appId` (local mode only; config refuses it in production) botbuilder accepts
 * unauthenticated activities, which is how the Microsoft 365 Agents Playground talks to the bot. With an
 * app id, every request must carry a Bot Framework token for that app from the configured cloud. Either way
 * the bot replies only to a `serviceUrl` it trusts: loopback in local mode, the cloud's Bot Framework
 * service otherwise (middleware/serviceUrlFilter.ts).
 */
import { ActivityTypes, CloudAdapter, type TurnContext } from "botbuilder";
import { GuildhallActivityHandler } from "./activityHandler.js";
import { GuildhallBotAuthentication } from "./authentication.js";
import { MESSAGES } from "./cards/index.js";
import { CapturedResponse } from "./http.js";
import { quickIntl } from "./locale.js";
import { serviceUrlFilter, serviceUrlHost } from "./middleware/serviceUrlFilter.js";
import { tenantFilter } from "./middleware/tenantFilter.js";
import type { BotHttpRequest, BotHttpResponse, BotLogger, BotOptions, GuildhallBot } from "./options.js";
import type { TurnDeps } from "./turn.js";

export { authenticationSettings } from "./authentication.js";
export type {
  BotAuditEvent,
  BotFrameworkEndpointSettings,
  BotHttpRequest,
  BotHttpResponse,
  BotLogger,
  BotOptions,
  BotRefusal,
  GuildhallBot,
} from "./options.js";

/** Build the bot once at start-up. Throws if botbuilder rejects the credentials' shape. */
export function createBot(options: BotOptions): GuildhallBot {
  const deps: TurnDeps = {
    cards: { publicUrl: options.publicUrl, cardImagesAsUrls: options.cardImagesAsUrls },
    logger: options.logger,
    audit: (event) => options.audit(event),
    isTenantAllowed: (tenantId) => options.isTenantAllowed(tenantId),
    savedLocale: options.savedLocale ? (person) => options.savedLocale?.(person) ?? Promise.resolve(null) : undefined,
  };
  const authentication = new GuildhallBotAuthentication(options);
  const adapter = new CloudAdapter(authentication);
  adapter.onTurnError = (context, error) => onTurnError(context, error, options.logger);
  // First: nothing, not even a refusal, is sent to a serviceUrl outside the Bot Framework service.
  const refusedServiceUrl = new WeakSet<object>();
  const serviceUrls = { loopbackOnly: options.appId === "", hosts: options.botFramework.serviceUrlHosts.map((h) => h.toLowerCase()) };
  adapter.use(serviceUrlFilter(deps, serviceUrls, refusedServiceUrl));
  adapter.use(tenantFilter(deps));
  const handler = new GuildhallActivityHandler(deps);
  const logic = (context: TurnContext) => handler.run(context);

  return {
    async handle(req: BotHttpRequest): Promise<BotHttpResponse> {
      const body = isRecord(req.body) ? req.body : undefined;
      if (req.method === "POST" && (typeof body?.["type"] !== "string" || body["type"] === "")) {
        // botbuilder throws a plain Error (a 500) for these; bad input is a 400.
        return { status: 400, headers: { "content-type": "text/plain; charset=utf-8" }, body: "The request body is not a Bot Framework activity." };
      }
      if (body && body["serviceUrl"] !== undefined && typeof body["serviceUrl"] !== "string") {
        return { status: 400, headers: { "content-type": "text/plain; charset=utf-8" }, body: "The activity's serviceUrl must be a string." };
      }
      const res = new CapturedResponse();
      try {
        await adapter.process({ method: req.method, headers: req.headers, body }, res, logic);
      } catch (err) {
        options.logger.error(errorSummary(err), "bot request failed outside a turn");
        return { status: 500, headers: {}, body: undefined };
      }
      if (body && authentication.wasTokenRejected(body)) {
        return { status: 401, headers: { "content-type": "text/plain; charset=utf-8" }, body: "Unauthorized." };
      }
      if (body && refusedServiceUrl.has(body)) {
        const where = serviceUrls.loopbackOnly ? "a loopback address (local mode)" : "this cloud's Bot Framework service";
        // The server's refusal audit records this (rate-limited), with the refused host and no claimed identity.
        return {
          status: 403,
          headers: { "content-type": "text/plain; charset=utf-8" },
          body: `The activity's serviceUrl is not ${where}.`,
          refusal: { id: "bot.service_url_refused", detail: { serviceUrlHost: serviceUrlHost(body["serviceUrl"]) } },
        };
      }
      return res.toBotHttpResponse();
    },
  };
}

/** A turn failed: log where, never what was said or by whom, and tell the person something went wrong. */
async function onTurnError(context: TurnContext, error: Error, logger: BotLogger): Promise<void> {
  logger.error({ ...errorSummary(error), activityType: context.activity.type, channelId: context.activity.channelId }, "bot turn failed");
  try {
    if (context.activity.type === ActivityTypes.Invoke) {
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 500 } });
    } else {
      await context.sendActivity(quickIntl(context).formatMessage(MESSAGES.somethingWentWrong));
    }
  } catch (sendError) {
    logger.error(errorSummary(sendError), "bot could not send the error reply");
  }
}

/** Error name and code locations only: messages can quote input (activity text, names, ids). */
function errorSummary(err: unknown): { errorName: string; stack?: string[] } {
  if (!(err instanceof Error)) return { errorName: typeof err };
  const frames = (err.stack ?? "")
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 8)
    .map((line) => line.trim());
  return { errorName: err.name, stack: frames };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
