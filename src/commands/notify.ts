import type { Kysely } from "kysely";
import type { Database } from "../store/schema.js";

/**
 * Record a notice for a person, in the caller's transaction. It shows in the tab at once; the row is also
 * the outbox the Teams activity-feed worker (jobs/deliverNotices.ts) sends from, so a Teams outage never
 * loses the notice.
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
