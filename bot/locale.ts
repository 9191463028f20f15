/**
 * The language of a turn. In a 1:1 chat it is the person's own choice, when they saved one in Guildhall
 * (people.locale, looked up through `BotOptions.savedLocale`); otherwise, and always in a channel or group chat,
 * the activity's `locale` (the Teams client's language; its `clientInfo` entity's when there is none). A language we lack falls back as everywhere else:
 * fr-FR → fr-CA, en-GB → en-AU, anything else → en-AU.
 *
 * The saved choice is looked up once per turn, only when the bot has something to say, and only for a tenant
 * the tenant filter let through; if the lookup fails the activity's locale is used and the turn goes on.
 */
import type { Activity, TurnContext } from "botbuilder";
import type { Formatter } from "../src/i18n/format.js";
import { negotiateLocale, type AnyLocale } from "../src/i18n/locales.js";
import { intlFor } from "../src/i18n/node.js";
import { tenantIdOf, type TurnDeps } from "./turn.js";

const TURN_LOCALE = Symbol("guildhall.turnLocale");

/** The locales an activity names, most telling first: its `locale`, then its `clientInfo` entity's (Teams sends both on messages). */
function activityLocales(activity: Partial<Activity>): (string | undefined)[] {
  const clientInfo = (activity.entities ?? []).find((e) => e.type === "clientInfo") as { locale?: unknown } | undefined;
  return [typeof activity.locale === "string" ? activity.locale : undefined, typeof clientInfo?.locale === "string" ? clientInfo.locale : undefined];
}

/** The activity's own locale, matched to one we speak. */
export function activityLocale(activity: Partial<Activity>): AnyLocale {
  return negotiateLocale(activityLocales(activity));
}

/** Whether the activity comes from a 1:1 chat with the bot (Teams' `personal` scope). */
export function isPersonalChat(activity: Partial<Activity>): boolean {
  const type = activity.conversation?.conversationType;
  return type === undefined || type === "personal";
}

/** The turn's language, looked up (and remembered for the turn) on first use. */
export async function turnLocale(context: TurnContext, deps: Pick<TurnDeps, "savedLocale" | "logger">): Promise<AnyLocale> {
  const known = context.turnState.get<AnyLocale | undefined>(TURN_LOCALE);
  if (known) return known;
  const { activity } = context;
  let saved: string | null | undefined;
  const tenantId = tenantIdOf(activity);
  const objectId = activity.from?.aadObjectId;
  if (deps.savedLocale && isPersonalChat(activity) && tenantId && typeof objectId === "string" && objectId !== "") {
    try {
      saved = await deps.savedLocale({ tenantId, objectId: objectId.toLowerCase() });
    } catch (err) {
      deps.logger.warn({ errorName: err instanceof Error ? err.name : typeof err }, "bot could not read the person's saved language");
    }
  }
  const locale = negotiateLocale([saved, ...activityLocales(activity)]);
  context.turnState.set(TURN_LOCALE, locale);
  return locale;
}

/** A formatter in the turn's language. */
export async function turnIntl(context: TurnContext, deps: Pick<TurnDeps, "savedLocale" | "logger">): Promise<Formatter> {
  return intlFor(await turnLocale(context, deps));
}

/**
 * A formatter without a lookup: the turn's language if it is already known, else the activity's. For answers
 * that must not depend on the database (a refusal to an outsider, the apology after a failed turn).
 */
export function quickIntl(context: TurnContext): Formatter {
  return intlFor(context.turnState.get<AnyLocale | undefined>(TURN_LOCALE) ?? activityLocale(context.activity));
}
