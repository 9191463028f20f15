import type { Kysely } from "kysely";
import type { Database } from "../store/schema.js";

export const NOTIFY_QUEUE = "notifications.deliver";

/**
 * Record a notice for a person. It shows in the tab at once; delivery to Teams (bot message or activity
 * feed) is a job, so a Teams outage never loses the notice.
 */
export async function notify(
  db: Kysely<Database>,
  n: { personId: string; kind: string; communityId: string | null; text: string },
): Promise<string> {
  const row = await db
    .insertInto("notifications")
    .values({ person_id: n.personId, kind: n.kind, community_id: n.communityId, text: n.text, read_at: null, delivered_at: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
