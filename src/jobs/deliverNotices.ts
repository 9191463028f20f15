/**
 * Notices reach people in Teams through the activity feed. `notify()` writes the notice in the same
 * transaction as the change it reports (an outbox), so a Teams outage never loses one; this worker claims
 * pending notices (SKIP LOCKED, so instances share the work), sends them, and records what happened:
 * sent; skipped (the person is in another tenant, or the notice is too old to be news); failed (Teams refused
 * for good: usually Guildhall's Teams app is not installed for that person — the common case in GCC High, where
 * apps cannot be installed for people with application permissions —, or, for every notice at once, the app
 * registration lacks TeamsActivity.Send, which the report counts apart so the operator is told); or pending again
 * after a transient failure, until the attempts run out. When Teams asks to be left alone for longer than a request
 * waits (a long Retry-After), the batch goes back to pending, those attempts not counted, and the report says how long
 * the caller must wait before delivering again. The notice is always in Guildhall's own Notices page.
 */
import { sql, type Kysely } from "kysely";
import { negotiateLocale } from "../i18n/locales.js";
import { intlFor } from "../i18n/node.js";
import type { Database } from "../store/schema.js";
import { asTeamsFailure, type TeamsPort } from "./ports.js";

export interface DeliveryDeps {
  db: Kysely<Database>;
  teams: Pick<TeamsPort, "sendActivityNotification">;
  /** Only people in this tenant can be reached with the app's token. */
  hostTenantId: string;
  /** Where a notice links to: a Teams deep link into the tab, or the tab's web address. */
  linkFor(notice: { communityId: string | null }): string;
}

export interface DeliveryOptions {
  batchSize?: number;
  maxAttempts?: number;
  /** Notices older than this are news no more: skipped, not sent. */
  maxAgeHours?: number;
  /** A claim older than this belonged to an instance that died: claim it again. */
  staleClaimMinutes?: number;
}

export interface DeliveryReport {
  sent: number;
  skipped: number;
  failed: number;
  retrying: number;
  /** Of `failed`: refused because Guildhall's Teams app is not installed for the person. */
  notInstalled: number;
  /** Of `failed`: refused because the app registration lacks a Graph permission (an operator must act). */
  permissionMissing: number;
  /**
   * Teams asked (Retry-After) not to be sent anything for this many seconds: the notices are pending again, and the
   * caller must not deliver before then.
   */
  retryAfterSeconds?: number;
}

interface Claimed {
  id: string;
  /** The en-AU sentence; the preview when the notice has no message (an older row) or the message cannot be formatted. */
  text: string;
  message_key: string | null;
  message_values: Record<string, string | number> | null;
  community_id: string | null;
  delivery_attempts: number;
  created_at: Date;
  object_id: string;
  tenant_id: string;
  community_name: string | null;
  /** The recipient's own choice of language; null: the tenant's default, en-AU. */
  locale: string | null;
}

/** The notice's preview text in the recipient's language. */
export function previewText(n: Pick<Claimed, "text" | "message_key" | "message_values" | "locale">): string {
  if (!n.message_key) return n.text;
  return intlFor(negotiateLocale([n.locale])).formatKey(n.message_key, n.message_values ?? {}, n.text);
}

export async function deliverNotices(deps: DeliveryDeps, options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, skipped: 0, failed: 0, retrying: 0, notInstalled: 0, permissionMissing: 0 };
  const batchSize = options.batchSize ?? 25;
  const maxAttempts = options.maxAttempts ?? 5;
  const maxAgeMs = (options.maxAgeHours ?? 72) * 3_600_000;
  const stale = options.staleClaimMinutes ?? 5;

  const claimed = await sql<Claimed>`
    with picked as (
      select n.id from notifications n
      where n.delivery_state = 'pending'
         or (n.delivery_state = 'sending' and n.delivery_claimed_at < now() - make_interval(mins => ${stale}))
      order by n.created_at
      limit ${batchSize}
      for update skip locked
    )
    update notifications n
       set delivery_state = 'sending', delivery_claimed_at = now(), delivery_attempts = n.delivery_attempts + 1
      from picked, people p
     where n.id = picked.id and p.id = n.person_id
    returning n.id, n.text, n.message_key, n.message_values, n.community_id, n.delivery_attempts, n.created_at, p.object_id, p.tenant_id, p.locale,
              (select c.display_name from communities c where c.id = n.community_id) as community_name`.execute(deps.db);

  for (const [i, n] of claimed.rows.entries()) {
    const settle = (state: "sent" | "skipped" | "failed" | "pending", note: string | null) =>
      deps.db
        .updateTable("notifications")
        .set({ delivery_state: state, delivery_note: note, delivery_claimed_at: null, ...(state === "sent" ? { delivered_at: sql<Date>`now()` } : {}) })
        .where("id", "=", n.id)
        .execute();
    if (n.tenant_id !== deps.hostTenantId) {
      await settle("skipped", "the person's tenant is not the host tenant");
      report.skipped += 1;
      continue;
    }
    if (Date.now() - new Date(n.created_at).getTime() > maxAgeMs) {
      await settle("skipped", "too old to send");
      report.skipped += 1;
      continue;
    }
    try {
      await deps.teams.sendActivityNotification(n.object_id, { text: previewText(n), webUrl: deps.linkFor({ communityId: n.community_id }), topic: n.community_name ?? "Guildhall" });
      await settle("sent", null);
      report.sent += 1;
    } catch (err) {
      const failure = asTeamsFailure(err);
      if (failure.retryAfterSeconds !== undefined) {
        // Throttled: nothing more is sent now, and waiting as asked is no failed attempt (for this or the rest).
        await unclaim(deps.db, claimed.rows.slice(i).map((r) => r.id), failure.userMessage);
        report.retrying += 1;
        report.retryAfterSeconds = failure.retryAfterSeconds;
        break;
      }
      if (failure.retryable && n.delivery_attempts < maxAttempts) {
        await settle("pending", failure.userMessage);
        report.retrying += 1;
      } else {
        await settle("failed", failure.userMessage);
        report.failed += 1;
        if (failure.refusal === "appNotInstalled") report.notInstalled += 1;
        if (failure.refusal === "permission") report.permissionMissing += 1;
      }
    }
  }
  return report;
}

/** Put claimed notices back as pending, their claim's attempt not counted (the first one noted with why). */
async function unclaim(db: Kysely<Database>, ids: readonly string[], note: string): Promise<void> {
  const [first, ...rest] = ids;
  if (first === undefined) return;
  const back = { delivery_state: "pending" as const, delivery_claimed_at: null, delivery_attempts: sql<number>`greatest(delivery_attempts - 1, 0)` };
  await db.updateTable("notifications").set({ ...back, delivery_note: note }).where("id", "=", first).execute();
  if (rest.length > 0) await db.updateTable("notifications").set(back).where("id", "in", rest).execute();
}

/**
 * Where a notice links to. With the Teams app id, a deep link that opens Guildhall's personal tab on the
 * page (Teams passes the page through `subPageId`); without it, the tab's own web address.
 */
export function noticeLinker(o: { teamsAppId: string | undefined; teamsWebHost: string; publicUrl: string | undefined }): (n: { communityId: string | null }) => string {
  return ({ communityId }) => {
    const page = communityId ? `/communities/${communityId}` : "/notices";
    if (o.teamsAppId) {
      const context = encodeURIComponent(JSON.stringify({ subEntityId: page }));
      return `${o.teamsWebHost}/l/entity/${encodeURIComponent(o.teamsAppId)}/home?context=${context}`;
    }
    return `${(o.publicUrl ?? "https://localhost").replace(/\/$/, "")}${page}`;
  };
}
