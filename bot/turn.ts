/**
 * What every handler receives besides the turn: how to build cards for this deployment, and where to
 * log and audit. Built once in createBot.
 */
import type { Activity } from "botbuilder";
import type { CardContext } from "./cards/index.js";
import type { BotAuditEvent, BotLogger } from "./options.js";

export interface TurnDeps {
  cards: CardContext;
  logger: BotLogger;
  audit(event: BotAuditEvent): Promise<void>;
  isTenantAllowed(tenantId: string | undefined): boolean;
  /** The person's saved language (BotOptions.savedLocale); bot/locale.ts decides the turn's language with it. */
  savedLocale?: ((person: { tenantId: string; objectId: string }) => Promise<string | null | undefined>) | undefined;
}

/**
 * The tenant an activity comes from. Teams puts it in `channelData.tenant.id` and, for most activities,
 * also in `conversation.tenantId`. When both are present and disagree the activity names no single
 * tenant, and the answer is "none" (which the policy refuses).
 */
export function tenantIdOf(activity: Partial<Activity>): string | undefined {
  const fromChannelData = stringAt(activity.channelData, "tenant", "id");
  const fromConversation = stringAt(activity.conversation, "tenantId");
  if (fromChannelData && fromConversation && fromChannelData.toLowerCase() !== fromConversation.toLowerCase()) return undefined;
  return (fromChannelData ?? fromConversation)?.toLowerCase();
}

/** Record an audit event; a failing audit sink is logged, never turned into a different answer. */
export async function recordAudit(deps: Pick<TurnDeps, "audit" | "logger">, event: BotAuditEvent): Promise<void> {
  try {
    await deps.audit(event);
  } catch (err) {
    deps.logger.error({ event: event.event, errorName: err instanceof Error ? err.name : typeof err }, "bot audit write failed");
  }
}

function stringAt(value: unknown, ...path: string[]): string | undefined {
  let current: unknown = value;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return typeof current === "string" && current.trim() !== "" ? current.trim() : undefined;
}
