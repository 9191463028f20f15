/**
 * The bot answers at the address an activity names in `serviceUrl`, with its own credentials. A forged
 * activity naming another host would make the bot post replies (and, with credentials, its Bot Framework
 * token) there. So, first in every turn: in local mode (no app id) only a loopback `serviceUrl` (the
 * Agents Playground), otherwise only https to the configured cloud's Bot Framework service hosts. A refused
 * activity reaches no handler and gets no reply; the HTTP answer is 403 with the refusal `bot.service_url_refused`
 * and the refused host, which the server's refusal audit records (rate-limited like every refusal). Nothing the
 * activity claims about who sent it is recorded: its payload is what was just judged untrustworthy.
 */
import type { Middleware, TurnContext } from "botbuilder";
import { isLoopbackHost } from "../../src/domain/hosts.js";
import type { TurnDeps } from "../turn.js";

export interface ServiceUrlPolicy {
  /** Local mode: loopback only. */
  loopbackOnly: boolean;
  /** Allowed hosts outside local mode (lower case). */
  hosts: readonly string[];
}

/** Whether the bot may send to this `serviceUrl` under the policy. */
export function isServiceUrlAllowed(serviceUrl: unknown, policy: ServiceUrlPolicy): boolean {
  if (typeof serviceUrl !== "string" || serviceUrl.length > 2048) return false;
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (url.username !== "" || url.password !== "") return false;
  if (policy.loopbackOnly) return (url.protocol === "http:" || url.protocol === "https:") && isLoopbackHost(url.hostname);
  return url.protocol === "https:" && url.port === "" && policy.hosts.includes(url.hostname);
}

/** The host of a serviceUrl for the audit log (never the whole URL: it is attacker-chosen text). */
export function serviceUrlHost(serviceUrl: unknown): string | null {
  if (typeof serviceUrl !== "string") return null;
  try {
    return new URL(serviceUrl).host.slice(0, 255);
  } catch {
    return null;
  }
}

/** The middleware; `refused` remembers which activity objects it stopped, for the HTTP answer. */
export function serviceUrlFilter(deps: Pick<TurnDeps, "logger">, policy: ServiceUrlPolicy, refused: WeakSet<object>): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const { activity } = context;
      if (isServiceUrlAllowed(activity.serviceUrl, policy)) {
        await next();
        return;
      }
      refused.add(activity);
      deps.logger.warn({ activityType: activity.type, channelId: activity.channelId }, "bot activity names a serviceUrl outside the Bot Framework service");
    },
  };
}
