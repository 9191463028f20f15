import { sql, type Kysely } from "kysely";
import { nameKey } from "../../domain/text.js";

/**
 * Agency names compare by look, as community names do (migration 0005): `agencies.name_key` holds the name's
 * comparison key (`nameKey` in src/domain/text.ts: NFKC, case-folded, invisible characters removed,
 * confusable skeleton), and `agencies_name_key_uq` makes it unique, so "Department of Finance",
 * "Dеpartment of Finance" (Cyrillic е), "Ｄepartment of Finance" (fullwidth) and "De\u200Bpartment of Finance"
 * cannot all be registered. The older `agencies_name_uq` (lower(name)) stays: old instances running alongside
 * write rows without a key and still rely on it.
 *
 * Existing rows get their key here. Should two agencies already look alike, the older keeps the key and the
 * newer keeps its name but gets no key (`null`, which the unique index does not compare): nothing is renamed,
 * merged or deleted, and its people stay matched. Each such agency is audit-logged (`agency.name_lookalike`,
 * naming both) so a platform owner can rename it; any change to it is refused until its name no longer looks
 * like the older one's. The commands compare rows without a key by computing it (src/commands/agencies.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table agencies add column name_key text`.execute(db);
  const rows = await sql<{ id: string; name: string }>`select id, name from agencies order by created_at, id`.execute(db);
  const holders = new Map<string, string>();
  for (const r of rows.rows) {
    const key = nameKey(r.name);
    const older = holders.get(key);
    if (older !== undefined) {
      await sql`insert into audit_log (event, outcome, detail) values ('agency.name_lookalike', 'info', ${JSON.stringify({ agencyId: r.id, name: r.name, looksLike: older, by: "migration 0007" })}::jsonb)`.execute(db);
      continue;
    }
    holders.set(key, r.id);
    await sql`update agencies set name_key = ${key} where id = ${r.id}`.execute(db);
  }
  await sql`create unique index agencies_name_key_uq on agencies (name_key)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists agencies_name_key_uq`.execute(db);
  await sql`alter table agencies drop column if exists name_key`.execute(db);
}
