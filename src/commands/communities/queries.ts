import { sql, type Expression, type SqlBool } from "kysely";
import { z } from "zod";
import { CLASSIFICATIONS, CLASSIFICATION_LABELS } from "../../domain/communities.js";
import { communityAbilities, joinBlockedDenial, joinBlockedReason } from "../../domain/policy.js";
import { teamsNameOf } from "../../domain/teamsNames.js";
import { lineText, tagText } from "../../domain/text.js";
import { defineMessages } from "../../i18n/format.js";
import { parseInput, type CommandContext } from "../context.js";
import { nameClashes } from "./decide.js";
import { editingView } from "./edit.js";
import { invitationsView } from "./invitations.js";
import { loadVisible } from "./load.js";

const m = defineMessages({
  invalidSearch: { id: "errors.community.invalidSearch", defaultMessage: "The search is not valid." },
});

const listSchema = z
  .object({
    q: lineText({ field: "search", max: 200 }).optional(),
    tag: tagText({ field: "tagFilter", max: 40 }).optional(),
    agencyId: z.uuid().optional(),
    classification: z.enum(CLASSIFICATIONS).optional(),
    status: z.enum(["approved", "archived", "proposed"]).optional(),
    mine: z.enum(["true", "false"]).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .strict();

export interface CommunitySummary {
  id: string;
  name: string;
  purpose: string;
  visibility: string;
  scope: string;
  classification: string;
  classificationLabel: string;
  tags: string[];
  status: string;
  memberCount: number;
  myRole: string | null;
  teamsState: string | null;
}

/**
 * The directory: communities the viewer may see, filtered and searched. Trimming happens in SQL, so a
 * hidden community never reaches a list, a count or a search result for someone who may not see it.
 */
export async function listCommunities(ctx: CommandContext, query: unknown): Promise<{ items: CommunitySummary[]; total: number }> {
  const f = parseInput(listSchema, query, m.invalidSearch);
  const me = ctx.person.id;
  const owner = ctx.actor.platformOwner;

  let base = ctx.db
    .selectFrom("communities as c")
    .leftJoin("memberships as mine", (j) => j.onRef("mine.community_id", "=", "c.id").on("mine.person_id", "=", me))
    .leftJoin("teams_links as tl", "tl.community_id", "c.id")
    .where((eb) => {
      const member = eb("mine.person_id", "is not", null);
      const invited = eb.exists(eb.selectFrom("invitations as i").select("i.person_id").whereRef("i.community_id", "=", "c.id").where("i.person_id", "=", me));
      const visible: Expression<SqlBool> = owner
        ? eb.lit(true)
        : eb.or([
            member,
            eb("c.proposed_by", "=", me),
            eb.and([eb("c.status", "in", ["approved", "archived"]), eb.or([eb("c.visibility", "!=", "hidden"), invited])]),
          ]);
      return visible;
    });
  if (f.status) base = base.where("c.status", "=", f.status);
  else base = base.where("c.status", "in", owner ? ["approved", "archived", "proposed"] : ["approved", "archived"]);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    base = base.where((eb) => eb.or([eb("c.display_name", "ilike", like), eb("c.purpose", "ilike", like), eb(sql`array_to_string(c.tags, ' ')`, "ilike", like)]));
  }
  if (f.tag) base = base.where(sql<boolean>`${f.tag} = any(c.tags)`);
  if (f.classification) base = base.where("c.classification", "=", f.classification);
  if (f.mine === "true") base = base.where("mine.person_id", "is not", null);
  if (f.agencyId) {
    const agencyId = f.agencyId;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom("memberships as m2")
          .innerJoin("people as p2", "p2.id", "m2.person_id")
          .select("m2.person_id")
          .whereRef("m2.community_id", "=", "c.id")
          .where("p2.agency_id", "=", agencyId),
      ),
    );
  }

  const total = await base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      "c.id",
      "c.display_name",
      "c.purpose",
      "c.visibility",
      "c.scope",
      "c.classification",
      "c.tags",
      "c.status",
      "mine.role as my_role",
      "tl.state as teams_state",
      (eb) => eb.selectFrom("memberships as m").select((e) => e.fn.countAll<string>().as("n")).whereRef("m.community_id", "=", "c.id").as("member_count"),
    ])
    .orderBy("c.display_name")
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return {
    total: Number(total.n),
    items: rows.map((c) => ({
      id: c.id,
      name: c.display_name,
      purpose: c.purpose,
      visibility: c.visibility,
      scope: c.scope,
      classification: c.classification,
      classificationLabel: CLASSIFICATION_LABELS[c.classification],
      tags: c.tags,
      status: c.status,
      memberCount: Number(c.member_count ?? 0),
      myRole: c.my_role ?? null,
      teamsState: c.teams_state ?? null,
    })),
  };
}

/** One community as the viewer may see it, with their abilities; members and requests only to those entitled. */
export async function getCommunity(ctx: CommandContext, communityId: string) {
  const loaded = await loadVisible(ctx, communityId);
  const c = loaded.community;
  const abilities = communityAbilities(loaded.facts, loaded.viewer);
  const isMember = loaded.viewer.role !== null;
  const [members, link, steps, requests, agencies, memberCount] = await Promise.all([
    isMember || ctx.actor.platformOwner
      ? ctx.db
          .selectFrom("memberships as m")
          .innerJoin("people as p", "p.id", "m.person_id")
          .leftJoin("agencies as a", "a.id", "p.agency_id")
          .select(["p.id", "p.display_name", "p.job_title", "a.short_name as agency", "m.role", "m.joined_at"])
          .where("m.community_id", "=", c.id)
          .orderBy("p.display_name")
          .execute()
      : Promise.resolve([]),
    ctx.db.selectFrom("teams_links").selectAll().where("community_id", "=", c.id).executeTakeFirst(),
    ctx.db.selectFrom("provisioning_steps").select(["step", "status", "detail", "updated_at"]).where("community_id", "=", c.id).orderBy("position").execute(),
    abilities["community.decideRequests"]
      ? ctx.db
          .selectFrom("join_requests as r")
          .innerJoin("people as p", "p.id", "r.person_id")
          .leftJoin("agencies as a", "a.id", "p.agency_id")
          .select(["r.id", "r.message", "r.created_at", "p.id as person_id", "p.display_name", "a.short_name as agency"])
          .where("r.community_id", "=", c.id)
          .where("r.status", "=", "pending")
          .orderBy("r.created_at")
          .execute()
      : Promise.resolve([]),
    ctx.db.selectFrom("community_agencies as ca").innerJoin("agencies as a", "a.id", "ca.agency_id").select(["a.id", "a.name", "a.short_name"]).where("ca.community_id", "=", c.id).execute(),
    ctx.db.selectFrom("memberships").select((eb) => eb.fn.countAll<string>().as("n")).where("community_id", "=", c.id).executeTakeFirstOrThrow(),
  ]);
  return {
    id: c.id,
    name: c.display_name,
    purpose: c.purpose,
    termsOfReference: c.terms_of_reference,
    codeOfPractice: c.code_of_practice,
    codeVersion: c.code_version,
    visibility: c.visibility,
    scope: c.scope,
    agencies: agencies.map((a) => ({ id: a.id, name: a.name, shortName: a.short_name })),
    classification: c.classification,
    classificationLabel: CLASSIFICATION_LABELS[c.classification],
    tags: c.tags,
    status: c.status,
    decisionReason: c.status === "rejected" && (loaded.viewer.proposer || ctx.actor.platformOwner) ? c.decision_reason : null,
    /** Archived: when, in which capacity (owner or platform owner, never the name) and why, as typed; null otherwise and before migration 0011. */
    archivedAt: c.status === "archived" ? c.archived_at : null,
    archivedByRole: c.status === "archived" ? c.archived_by_role : null,
    archiveReason: c.status === "archived" ? c.archive_reason : null,
    /** Platform owners deciding a proposal: live communities whose name looks the same (always empty for others). */
    nameClashes: await nameClashes(ctx, c),
    teamsPresence: c.teams_presence,
    /** The name the community has (or will have) in Teams, derived from its name (teams_name; issue 8). */
    teamsName: teamsNameOf(c),
    memberCount: Number(memberCount.n),
    myRole: loaded.viewer.role,
    invited: loaded.viewer.invited,
    requested: loaded.viewer.requested,
    abilities,
    /** Editing (issue 8): the revision an edit names, the member's code-of-practice acceptance, the visibilities allowed. */
    ...(await editingView(ctx, loaded, abilities)),
    /** Why this person can neither join nor ask to join (e.g. another agency's community), in plain words. */
    joinBlockedReason: joinBlockedReason(loaded.facts, loaded.viewer),
    /** The denial behind it (policy.denial.* in the catalogs), so the tab can say it in the person's language. */
    joinBlockedDenial: joinBlockedDenial(loaded.facts, loaded.viewer),
    teams: link
      ? {
          state: link.state,
          webUrl: link.web_url,
          lastError: isMember || ctx.actor.platformOwner ? link.last_error : null,
          // The Teams archive, apart from the Guildhall status; its failure is for owners and platform owners.
          archiveState: link.archive_state,
          // When that state last changed (queued, Teams asked, Teams answered), and how often Teams was asked.
          archiveUpdatedAt: link.archive_updated_at,
          archiveAttempts: link.archive_attempts,
          archiveError: loaded.viewer.role === "owner" || ctx.actor.platformOwner ? link.archive_error : null,
          // Restoring it in Teams after an un-archive (issue 8); its failure is for owners and platform owners.
          unarchiveState: link.unarchive_state,
          unarchiveUpdatedAt: link.unarchive_updated_at,
          unarchiveError: loaded.viewer.role === "owner" || ctx.actor.platformOwner ? link.unarchive_error : null,
          notAdded: loaded.viewer.role === "owner" || ctx.actor.platformOwner ? await teamsRefusals(ctx, c.id, link.team_id) : [],
        }
      : null,
    provisioning: isMember || ctx.actor.platformOwner ? steps.map((s) => ({ step: s.step, status: s.status, detail: s.detail })) : [],
    members: members.map((m) => ({ id: m.id, displayName: m.display_name, jobTitle: m.job_title, agency: m.agency, role: m.role })),
    /** For those who may invite: pending invitations (also of people not yet in Guildhall) and how one can invite here. */
    invitations: await invitationsView(ctx, loaded, abilities["community.invite"]),
    joinRequests: requests.map((r) => ({ id: r.id, message: r.message, createdAt: r.created_at, person: { id: r.person_id, displayName: r.display_name, agency: r.agency } })),
  };
}

/** Members Teams refused to add to the community's team (207), with Teams' reason and when Guildhall tries again. */
async function teamsRefusals(ctx: CommandContext, communityId: string, teamId: string | null): Promise<{ displayName: string; reason: string; retryAt: Date }[]> {
  if (!teamId) return [];
  return ctx.db
    .selectFrom("teams_member_refusals as r")
    .innerJoin("people as p", "p.object_id", "r.object_id")
    .innerJoin("memberships as m", (j) => j.onRef("m.person_id", "=", "p.id").on("m.community_id", "=", communityId))
    .select(["p.display_name as displayName", "r.reason", "r.retry_at as retryAt"])
    .where("r.team_id", "=", teamId)
    .orderBy("p.display_name")
    .execute();
}
