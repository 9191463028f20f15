import { sql, type Kysely } from "kysely";
import { NOTICES, notify } from "../commands/notify.js";
import { appendAudit } from "../store/audit.js";
import type { Database } from "../store/schema.js";

export const LIFECYCLE_QUEUE = "community.lifecycle";

/**
 * Flag communities with no activity for `inactivityDays` to their owners, once per quiet spell (activity
 * clears the flag). Returns the ids flagged. Idempotent: a second run the same day flags nothing new.
 */
export async function flagInactiveCommunities(db: Kysely<Database>, inactivityDays: number): Promise<string[]> {
  return db.transaction().execute(async (tx) => {
    const quiet = await tx
      .updateTable("communities")
      .set({ inactivity_flagged_at: sql<Date>`now()` })
      .where("status", "=", "approved")
      .where("inactivity_flagged_at", "is", null)
      .where("last_activity_at", "<", sql<Date>`now() - make_interval(days => ${inactivityDays})`)
      .returning(["id", "display_name"])
      .execute();
    for (const c of quiet) {
      const owners = await tx.selectFrom("memberships").select("person_id").where("community_id", "=", c.id).where("role", "=", "owner").execute();
      for (const o of owners) {
        await notify(tx, {
          personId: o.person_id,
          kind: "communityInactive",
          communityId: c.id,
          message: NOTICES.communityInactive,
          values: { community: c.display_name, days: inactivityDays },
        });
      }
      await appendAudit(tx, { event: "community.flagged_inactive", outcome: "info", detail: { communityId: c.id, inactivityDays } });
    }
    return quiet.map((c) => c.id);
  });
}
