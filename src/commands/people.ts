import { sql } from "kysely";
import { z } from "zod";
import { CommandError, fieldIssue, parseInput, requestMessages, type CommandContext } from "./context.js";
import { GUID_PATTERN } from "../domain/identity.js";
import { lineText, listOf, tagText } from "../domain/text.js";
import { defineMessages } from "../i18n/format.js";

const v = defineMessages({
  interestEmpty: { id: "validation.profile.interestEmpty", defaultMessage: "Interests cannot be empty." },
  tooManyInterests: { id: "validation.profile.tooManyInterests", defaultMessage: "List at most {max, plural, one {# interest} other {# interests}}." },
  locale: { id: "validation.profile.locale", defaultMessage: "Choose one of the languages offered." },
  searchRequired: { id: "validation.people.searchRequired", defaultMessage: "Type part of a name, job title or interest to search." },
});

const m = defineMessages({
  invalidProfile: { id: "errors.profile.invalid", defaultMessage: "The profile is not valid." },
  invalidSearch: { id: "errors.people.invalidSearch", defaultMessage: "Type part of a name, job title or interest to search." },
});

const profileSchema = z
  .object({
    jobTitle: lineText({ field: "jobTitle", max: 200 }).optional(),
    interests: listOf(tagText({ field: "interest", min: 1, max: 60, minMessage: v.interestEmpty }), 30, v.tooManyInterests).optional(),
    // One of the locales the deployment offers (checked against ProfileOptions), or null: follow Teams and the browser.
    locale: z.string().nullable().optional(),
  })
  .strict();

export interface ProfileOptions {
  /** The languages a person may choose here (`choosableLocales`: the pseudo-locale in local mode only). */
  locales: readonly string[];
}

/** Update my own profile (job title, interests, language). Fields left out are not changed. */
export async function updateMyProfile(ctx: CommandContext, input: unknown, options: ProfileOptions) {
  const data = parseInput(profileSchema, input, m.invalidProfile);
  if (typeof data.locale === "string" && !options.locales.includes(data.locale)) {
    throw new CommandError("invalid", "request.invalid", m.invalidProfile, undefined, { issues: [fieldIssue("locale", v.locale)] });
  }
  const set: { job_title?: string; interests?: string[]; locale?: string | null; updated_at: ReturnType<typeof sql<Date>> } = { updated_at: sql<Date>`now()` };
  if (data.jobTitle !== undefined) set.job_title = data.jobTitle;
  if (data.interests !== undefined) set.interests = [...new Set(data.interests)];
  if (data.locale !== undefined) set.locale = data.locale;
  await ctx.db.updateTable("people").set(set).where("id", "=", ctx.person.id).execute();
  return getPerson(ctx, ctx.person.id);
}

/**
 * A person's profile as another public servant sees it, with the communities they share that the viewer
 * may see (hidden communities the viewer is not in are never mentioned).
 */
export async function getPerson(ctx: CommandContext, personId: string) {
  if (!GUID_PATTERN.test(personId)) throw new CommandError("not_found", "not_found", requestMessages.notFound);
  const p = await ctx.db
    .selectFrom("people as p")
    .leftJoin("agencies as a", "a.id", "p.agency_id")
    .select(["p.id", "p.display_name", "p.job_title", "p.interests", "a.name as agency", "a.short_name as agency_short"])
    .where("p.id", "=", personId)
    .where("p.agency_id", "is not", null)
    .executeTakeFirst();
  if (!p) throw new CommandError("not_found", "not_found", requestMessages.notFound);
  const communities = await ctx.db
    .selectFrom("memberships as m")
    .innerJoin("communities as c", "c.id", "m.community_id")
    .select(["c.id", "c.display_name", "m.role"])
    .where("m.person_id", "=", personId)
    .where("c.status", "in", ["approved", "archived"])
    .where((eb) =>
      eb.or([
        eb("c.visibility", "!=", "hidden"),
        eb.exists(eb.selectFrom("memberships as mine").select("mine.person_id").whereRef("mine.community_id", "=", "c.id").where("mine.person_id", "=", ctx.person.id)),
      ]),
    )
    .orderBy("c.display_name")
    .execute();
  return {
    id: p.id,
    displayName: p.display_name,
    jobTitle: p.job_title,
    interests: p.interests,
    agency: p.agency ? { name: p.agency, shortName: p.agency_short } : null,
    communities: communities.map((c) => ({ id: c.id, name: c.display_name, role: c.role })),
  };
}

/**
 * People doing similar work: ranked by shared interests and shared (visible) communities, for the officer
 * who works alone and wants peers. Only eligible people with an agency appear; never the viewer.
 */
export async function similarPeople(ctx: CommandContext, limit = 20) {
  const me = ctx.person.id;
  const rows = await sql<{ id: string; display_name: string; job_title: string | null; agency: string | null; shared_interests: string[]; shared_communities: number }>`
    with my_comms as (select community_id from memberships where person_id = ${me}),
         candidates as (
           select p.id, p.display_name, p.job_title, a.short_name as agency,
                  array(select unnest(p.interests) intersect select unnest(${sql.val(ctx.person.interests)}::text[])) as shared_interests,
                  (select count(*)::int from memberships m join communities c on c.id = m.community_id
                    where m.person_id = p.id and m.community_id in (select community_id from my_comms) and c.status = 'approved') as shared_communities
           from people p join agencies a on a.id = p.agency_id
           where p.id <> ${me})
    select * from candidates
    where cardinality(shared_interests) > 0 or shared_communities > 0
    order by cardinality(shared_interests) * 2 + shared_communities desc, display_name
    limit ${limit}`.execute(ctx.db);
  return rows.rows.map((r) => ({ id: r.id, displayName: r.display_name, jobTitle: r.job_title, agency: r.agency, sharedInterests: r.shared_interests, sharedCommunities: r.shared_communities }));
}

/** Search eligible people (with a registered agency) by name, job title or interest, e.g. to invite them. */
export async function searchPeople(ctx: CommandContext, query: unknown) {
  const r = { data: parseInput(z.object({ q: lineText({ field: "search", min: 1, max: 100, minMessage: v.searchRequired }), limit: z.coerce.number().int().min(1).max(50).default(20) }).strict(), query, m.invalidSearch) };
  const like = `%${r.data.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  const rows = await ctx.db
    .selectFrom("people as p")
    .innerJoin("agencies as a", "a.id", "p.agency_id")
    .select(["p.id", "p.display_name", "p.job_title", "p.interests", "a.short_name"])
    .where((eb) => eb.or([eb("p.display_name", "ilike", like), eb("p.job_title", "ilike", like), eb(sql`array_to_string(p.interests, ' ')`, "ilike", like)]))
    .orderBy("p.display_name")
    .limit(r.data.limit)
    .execute();
  return rows.map((p) => ({ id: p.id, displayName: p.display_name, jobTitle: p.job_title, interests: p.interests, agency: p.short_name }));
}

