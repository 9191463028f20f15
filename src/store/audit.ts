import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

export interface AuditEvent {
  event: string;
  outcome: "allowed" | "denied" | "info";
  tenantId?: string | undefined;
  objectId?: string | undefined;
  requestId?: string | undefined;
  /** Security facts only (reasons, ids). Never message text, answers or tokens. */
  detail?: Record<string, unknown>;
}

/** Append one security-relevant event. The table refuses updates and deletes. */
export async function appendAudit(db: Kysely<Database>, e: AuditEvent): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      event: e.event,
      outcome: e.outcome,
      actor_tenant_id: e.tenantId ?? null,
      actor_object_id: e.objectId ?? null,
      request_id: e.requestId ?? null,
      detail: JSON.stringify(e.detail ?? {}),
    })
    .execute();
}
