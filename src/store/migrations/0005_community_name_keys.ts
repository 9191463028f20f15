import { sql, type Kysely } from "kysely";
import { nameKey } from "../../domain/text.js";

/**
 * Community names compare by look, not by bytes (issue 7, sections 3 and 4): `name_key` holds the name's
 * comparison key (`nameKey` in src/domain/text.ts: NFKC, case-folded, invisible characters removed,
 * confusable skeleton), so "Data", "Dаta" (Cyrillic а), "D\u200Bata" and "𝐃𝐚𝐭𝐚" are one name.
 *
 * Only approved communities must have distinct keys (`communities_approved_name_key_uq`); a proposal may
 * share a key with another proposal or with a hidden community, because refusing it would tell the proposer
 * that the hidden one exists. The platform owner is shown the clash and the approval is refused until the
 * name is changed. For the same reason the old `communities_live_name_uq` index (which refused proposals
 * sharing a name with a hidden or pending community) is dropped: the one removal in this migration.
 *
 * Existing rows get their key here. Should two approved communities already look alike, the older keeps
 * the key and the newer gets none (it then clashes with nothing until it is renamed); old instances running
 * alongside write rows without a key, which an approval fills in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table communities add column name_key text`.execute(db);
  const rows = await sql<{ id: string; display_name: string; status: string }>`
    select id, display_name, status from communities order by created_at, id`.execute(db);
  const approvedKeys = new Set<string>();
  for (const r of rows.rows) {
    const key = nameKey(r.display_name);
    if (r.status === "approved") {
      if (approvedKeys.has(key)) continue;
      approvedKeys.add(key);
    }
    await sql`update communities set name_key = ${key} where id = ${r.id}`.execute(db);
  }
  await sql`create unique index communities_approved_name_key_uq on communities (name_key) where status = 'approved'`.execute(db);
  await sql`create index communities_name_key_idx on communities (name_key)`.execute(db);
  await sql`drop index if exists communities_live_name_uq`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists communities_name_key_idx`.execute(db);
  await sql`drop index if exists communities_approved_name_key_uq`.execute(db);
  await sql`alter table communities drop column if exists name_key`.execute(db);
  await sql`create unique index if not exists communities_live_name_uq on communities (lower(display_name)) where status in ('proposed', 'approved')`.execute(db);
}
