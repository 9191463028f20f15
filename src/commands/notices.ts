/**
 * A person's notices (the `notifications` rows `notify()` writes): listed newest first a page at a time, with how
 * many are unread; marked read when the person has seen them, one, some or all at once. Only one's own: a notice
 * of someone else's is answered exactly as one that does not exist (404), and nothing changes. Marking read is
 * idempotent (a notice read before keeps when it was first read) and never touches activity-feed delivery
 * (src/jobs/deliverNotices.ts reads `delivery_state`, not `read_at`).
 */
import { sql } from "kysely";
import { z } from "zod";
import { defineMessages } from "../i18n/format.js";
import { CommandError, fieldIssue, parseInput, type CommandContext } from "./context.js";

const v = defineMessages({
  before: { id: "notices.validation.before", defaultMessage: "This page of notices no longer exists. Start again from the newest." },
  upTo: { id: "notices.validation.upTo", defaultMessage: "This is not one of your notices. Reload your notices and try again." },
});

const m = defineMessages({
  notFound: { id: "notices.errors.notFound", defaultMessage: "There is no such notice." },
  invalid: { id: "notices.errors.invalid", defaultMessage: "The request about your notices is not valid." },
});

export interface NoticeView {
  id: string;
  kind: string;
  communityId: string | null;
  /** The en-AU sentence (older notices have only this). */
  text: string;
  /** The catalog message and its arguments, for the tab to show the notice in the reader's language. */
  messageKey: string | null;
  values: Record<string, string | number> | null;
  createdAt: Date;
  read: boolean;
}

export interface NoticePage {
  items: NoticeView[];
  /** How many of the person's notices are unread (all of them, not only this page's). */
  unread: number;
  /** How many notices the person has. */
  total: number;
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: string | null;
}

const listQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    /** The last notice of the previous page: the page holds the notices older than it. */
    before: z.uuid().optional(),
  })
  .strict();

const idsBody = z.object({ ids: z.array(z.uuid()).min(1).max(100) }).strict();
const allBody = z
  .object({
    /** The newest notice the person saw: only it and older ones are marked, so one that arrived meanwhile stays unread. */
    upTo: z.uuid().optional(),
  })
  .strict();

/** How many of my notices are unread. */
export async function unreadNoticeCount(ctx: CommandContext): Promise<number> {
  const row = await ctx.db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("person_id", "=", ctx.person.id)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * My notices, newest first, a page at a time. `messageKey` and `values` are the catalog message and its
 * arguments, for the tab to show the notice in the reader's language; `text` is the en-AU sentence (older notices
 * have only that). Listing them does not mark them read: the tab marks what it has shown (`markNoticesRead`).
 */
export async function myNotifications(ctx: CommandContext, query: unknown = {}): Promise<NoticePage> {
  const q = parseInput(listQuery, query ?? {}, m.invalid);
  const me = ctx.person.id;
  let cursor: { created_at: Date; id: string } | undefined;
  if (q.before) {
    cursor = await ctx.db.selectFrom("notifications").select(["created_at", "id"]).where("id", "=", q.before).where("person_id", "=", me).executeTakeFirst();
    if (!cursor) throw new CommandError("invalid", "request.invalid", m.invalid, undefined, { issues: [fieldIssue("before", v.before)] });
  }
  // The cursor is compared in SQL, at the database's own (microsecond) precision, never through a JS Date.
  const rows = await ctx.db
    .selectFrom("notifications")
    .select(["id", "kind", "community_id", "text", "message_key", "message_values", "created_at", "read_at"])
    .where("person_id", "=", me)
    .$if(cursor !== undefined, (b) => b.where(sql<boolean>`(created_at, id) < (select n.created_at, n.id from notifications n where n.id = ${cursor?.id ?? null}::uuid)`))
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(q.limit + 1)
    .execute();
  const counts = await ctx.db
    .selectFrom("notifications")
    .select((eb) => [eb.fn.countAll<string>().as("total"), eb.fn.count<string>("id").filterWhere("read_at", "is", null).as("unread")])
    .where("person_id", "=", me)
    .executeTakeFirstOrThrow();
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((n) => ({
      id: n.id,
      kind: n.kind,
      communityId: n.community_id,
      text: n.text,
      messageKey: n.message_key,
      values: n.message_values,
      createdAt: n.created_at,
      read: n.read_at !== null,
    })),
    unread: Number(counts.unread),
    total: Number(counts.total),
    nextBefore: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/**
 * Mark some of my notices read (those the tab has shown). Every id must be one of mine, or nothing changes and
 * the answer is 404, as for a notice that does not exist. Already read ones keep when they were first read.
 */
export async function markNoticesRead(ctx: CommandContext, body: unknown): Promise<{ marked: number; unread: number }> {
  const { ids } = parseInput(idsBody, body ?? {}, m.invalid);
  const unique = [...new Set(ids.map((i) => i.toLowerCase()))];
  const marked = await ctx.db.transaction().execute(async (tx) => {
    const mine = await tx.selectFrom("notifications").select("id").where("person_id", "=", ctx.person.id).where("id", "in", unique).execute();
    if (mine.length !== unique.length) throw new CommandError("not_found", "notice.not_found", m.notFound);
    const done = await tx.updateTable("notifications").set({ read_at: sql<Date>`now()` }).where("person_id", "=", ctx.person.id).where("id", "in", unique).where("read_at", "is", null).executeTakeFirst();
    return Number(done.numUpdatedRows);
  });
  return { marked, unread: await unreadNoticeCount(ctx) };
}

/** Mark one of my notices read; someone else's, or none, is a 404. */
export async function markNoticeRead(ctx: CommandContext, id: string): Promise<{ marked: number; unread: number }> {
  if (!z.uuid().safeParse(id).success) throw new CommandError("not_found", "notice.not_found", m.notFound);
  return markNoticesRead(ctx, { ids: [id] });
}

/** Mark all my notices read (up to `upTo`, when given: the newest notice the person saw, and those older). */
export async function markAllNoticesRead(ctx: CommandContext, body: unknown): Promise<{ marked: number; unread: number }> {
  const { upTo } = parseInput(allBody, body ?? {}, m.invalid);
  let newest: { created_at: Date; id: string } | undefined;
  if (upTo) {
    newest = await ctx.db.selectFrom("notifications").select(["created_at", "id"]).where("id", "=", upTo).where("person_id", "=", ctx.person.id).executeTakeFirst();
    if (!newest) throw new CommandError("invalid", "request.invalid", m.invalid, undefined, { issues: [fieldIssue("upTo", v.upTo)] });
  }
  // Compared in SQL, at the database's own (microsecond) precision: the newest one seen is marked too.
  const done = await ctx.db
    .updateTable("notifications")
    .set({ read_at: sql<Date>`now()` })
    .where("person_id", "=", ctx.person.id)
    .where("read_at", "is", null)
    .$if(newest !== undefined, (b) => b.where(sql<boolean>`(created_at, id) <= (select n.created_at, n.id from notifications n where n.id = ${newest?.id ?? null}::uuid)`))
    .executeTakeFirst();
  return { marked: Number(done.numUpdatedRows), unread: await unreadNoticeCount(ctx) };
}
