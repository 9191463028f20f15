/**
 * Owners edit a live community (issue 8): its purpose, terms of reference, tags, code of practice and — where it is
 * safe — its visibility; members accept a new code of practice. Every edit names the revision it was made on, so
 * two owners editing at once cannot lose a write: the second is refused (409) and reloads.
 *
 * Visibility (decided in the policy, `authorizeVisibilityChange`):
 * - a community in a standard Teams channel is always open (the whole host team sees the channel);
 * - open ↔ closed, for a private channel or a team: only Guildhall's door changes, Teams already admits members only;
 * - to hidden: only once no request to join is pending (the people who asked would lose sight of it unanswered);
 * - from hidden: reveals that it exists to every public servant, so only a platform owner may.
 * No change of visibility touches Teams: membership there follows the members, whatever the visibility.
 */
import { sql } from "kysely";
import { z } from "zod";
import { proposalSchema } from "../../domain/communities.js";
import { authorizeVisibilityChange } from "../../domain/communityPolicy.js";
import { DENIAL_MESSAGES } from "../../domain/policyText.js";
import { defineMessages } from "../../i18n/format.js";
import { appendAudit } from "../../store/audit.js";
import { CommandError, parseInput, type CommandContext } from "../context.js";
import { NOTICES, notify } from "../notify.js";
import { check, loadVisible } from "./load.js";
import { requireCurrentCode } from "./membership.js";

const m = defineMessages({
  editedMeanwhile: {
    id: "manage.errors.editedMeanwhile",
    defaultMessage: "Someone else changed this community while you were editing it. Reload to see their changes, then make yours again.",
  },
  nothingToChange: { id: "manage.errors.nothingToChange", defaultMessage: "Change at least one thing before saving." },
  editIncomplete: { id: "manage.errors.editIncomplete", defaultMessage: "The changes are not complete." },
  notMember: { id: "manage.errors.acceptNotMember", defaultMessage: "Only members accept a community's code of practice." },
});

const fields = proposalSchema.shape;

const editSchema = z
  .object({
    /** The revision the edit was made on (`revision` in the community view). */
    revision: z.number().int().min(1),
    purpose: fields.purpose.optional(),
    termsOfReference: fields.termsOfReference.optional(),
    codeOfPractice: fields.codeOfPractice.optional(),
    tags: fields.tags.unwrap().optional(),
    visibility: fields.visibility.optional(),
  })
  .strict();

/** Refuse (409) an edit made on a revision the community has moved on from. */
export function editedMeanwhile(): CommandError {
  return new CommandError("conflict", "community.edited_meanwhile", m.editedMeanwhile);
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

function refuse(reason: keyof typeof DENIAL_MESSAGES): never {
  throw new CommandError("forbidden", `community.${reason}`, DENIAL_MESSAGES[reason], undefined, { reason });
}

/**
 * An owner (or platform owner) edits a live community. Only the fields sent are considered, and only those that
 * differ change; each needs its own ability (`community.edit`, `community.editCode`, and the visibility rules).
 * A new code of practice is a new version: members are told, and each accepts it on their next visit (the editor,
 * who wrote it, has accepted it). Audit-logged with the fields changed. The same values again change nothing.
 */
export async function editCommunity(ctx: CommandContext, communityId: string, input: unknown): Promise<void> {
  const loaded = await loadVisible(ctx, communityId);
  check(loaded, "community.edit");
  const e = parseInput(editSchema, input, m.editIncomplete);
  const c = loaded.community;
  if (e.revision !== c.revision) throw editedMeanwhile();
  const tags = e.tags === undefined ? undefined : [...new Set(e.tags)];
  const changes = {
    purpose: e.purpose !== undefined && e.purpose !== c.purpose ? e.purpose : undefined,
    termsOfReference: e.termsOfReference !== undefined && e.termsOfReference !== c.terms_of_reference ? e.termsOfReference : undefined,
    codeOfPractice: e.codeOfPractice !== undefined && e.codeOfPractice !== c.code_of_practice ? e.codeOfPractice : undefined,
    tags: tags !== undefined && !sameTags(tags, c.tags) ? tags : undefined,
    visibility: e.visibility !== undefined && e.visibility !== c.visibility ? e.visibility : undefined,
  };
  const changed = Object.entries(changes).filter(([, value]) => value !== undefined).map(([key]) => key);
  if (changed.length === 0) {
    const sent = [e.purpose, e.termsOfReference, e.codeOfPractice, e.tags, e.visibility].some((value) => value !== undefined);
    if (!sent) throw new CommandError("invalid", "request.invalid", m.nothingToChange);
    return;
  }
  if (changes.codeOfPractice !== undefined) check(loaded, "community.editCode");
  if (changes.visibility !== undefined) {
    const pending = await ctx.db.selectFrom("join_requests").select((eb) => eb.fn.countAll<string>().as("n")).where("community_id", "=", c.id).where("status", "=", "pending").executeTakeFirstOrThrow();
    const decision = authorizeVisibilityChange(loaded.facts, loaded.viewer, changes.visibility, Number(pending.n));
    if (!decision.allowed) refuse(decision.reason);
  }

  await ctx.db.transaction().execute(async (tx) => {
    const newCode = changes.codeOfPractice !== undefined;
    const row = await tx
      .updateTable("communities")
      .set({
        ...(changes.purpose !== undefined ? { purpose: changes.purpose } : {}),
        ...(changes.termsOfReference !== undefined ? { terms_of_reference: changes.termsOfReference } : {}),
        ...(changes.codeOfPractice !== undefined ? { code_of_practice: changes.codeOfPractice, code_version: sql<number>`code_version + 1` } : {}),
        ...(changes.tags !== undefined ? { tags: changes.tags } : {}),
        ...(changes.visibility !== undefined ? { visibility: changes.visibility } : {}),
        revision: sql<number>`revision + 1`,
        updated_at: sql<Date>`now()`,
      })
      .where("id", "=", c.id)
      .where("revision", "=", e.revision)
      .where("status", "=", "approved")
      .returning(["code_version", "revision"])
      .executeTakeFirst();
    if (!row) throw editedMeanwhile();
    if (newCode) {
      // The version members accepted until now is kept (communities proposed before migration 0010 have it already).
      await tx
        .insertInto("community_code_versions")
        .values({ community_id: c.id, version: c.code_version, code_of_practice: c.code_of_practice, created_by: null })
        .onConflict((oc) => oc.columns(["community_id", "version"]).doNothing())
        .execute();
      await tx.insertInto("community_code_versions").values({ community_id: c.id, version: row.code_version, code_of_practice: changes.codeOfPractice ?? "", created_by: ctx.person.id }).execute();
      // Whoever wrote it has read it.
      await tx.updateTable("memberships").set({ code_version_accepted: row.code_version, code_accepted_at: sql<Date>`now()` }).where("community_id", "=", c.id).where("person_id", "=", ctx.person.id).execute();
      const members = await tx.selectFrom("memberships").select("person_id").where("community_id", "=", c.id).where("person_id", "!=", ctx.person.id).execute();
      for (const member of members) {
        await notify(tx, { personId: member.person_id, kind: "codeOfPracticeChanged", communityId: c.id, message: NOTICES.codeOfPracticeChanged, values: { community: c.display_name, version: row.code_version } });
      }
    }
    await appendAudit(tx, {
      event: "community.edited",
      outcome: "info",
      tenantId: ctx.actor.principal.tenantId,
      objectId: ctx.actor.principal.objectId,
      requestId: ctx.requestId,
      detail: {
        communityId: c.id,
        fields: changed,
        revision: row.revision,
        ...(newCode ? { codeVersion: row.code_version } : {}),
        ...(changes.visibility !== undefined ? { visibility: { from: c.visibility, to: changes.visibility } } : {}),
      },
    });
  });
}

const acceptSchema = z.object({ codeVersion: z.number().int().min(1) }).strict();

/**
 * A member accepts the community's current code of practice (after an owner changed it). Accepting a version
 * that is no longer current is refused (409, as at join); accepting again changes nothing.
 */
export async function acceptCodeOfPractice(ctx: CommandContext, communityId: string, input: unknown): Promise<void> {
  const loaded = await loadVisible(ctx, communityId);
  if (loaded.viewer.role === null) throw new CommandError("forbidden", "community.not_member", m.notMember, undefined, { reason: "not_member" });
  const { codeVersion } = parseInput(acceptSchema, input);
  requireCurrentCode(loaded, codeVersion);
  await ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable("memberships")
      .set({ code_version_accepted: codeVersion, code_accepted_at: sql<Date>`now()` })
      .where("community_id", "=", communityId)
      .where("person_id", "=", ctx.person.id)
      .where("code_version_accepted", "<", codeVersion)
      .returning("person_id")
      .executeTakeFirst();
    if (!row) return;
    await appendAudit(tx, {
      event: "community.code_accepted",
      outcome: "info",
      tenantId: ctx.actor.principal.tenantId,
      objectId: ctx.actor.principal.objectId,
      requestId: ctx.requestId,
      detail: { communityId, codeVersion },
    });
  });
}

/** What the community view carries for editing and the code of practice (queries.ts `getCommunity`). */
export interface EditingView {
  /** The revision an edit must name (`revision` in the edit's body). */
  revision: number;
  /** For a member who has not accepted the current code of practice: the version they did accept. */
  codeAcceptance: { required: boolean; acceptedVersion: number } | null;
  /** For those who may change the visibility: each visibility, allowed or the policy's denial (its message key). */
  visibilityChoices: { visibility: (typeof VISIBILITY_ORDER)[number]; allowed: boolean; denial: string | null; messageKey: string | null }[];
}

const VISIBILITY_ORDER = ["open", "closed", "hidden"] as const;

export async function editingView(ctx: CommandContext, loaded: Awaited<ReturnType<typeof loadVisible>>, abilities: Record<string, boolean>): Promise<EditingView> {
  const c = loaded.community;
  const mine =
    loaded.viewer.role !== null
      ? await ctx.db.selectFrom("memberships").select("code_version_accepted").where("community_id", "=", c.id).where("person_id", "=", ctx.person.id).executeTakeFirst()
      : undefined;
  let visibilityChoices: EditingView["visibilityChoices"] = [];
  if (abilities["community.changeVisibility"]) {
    const pending = await ctx.db.selectFrom("join_requests").select((eb) => eb.fn.countAll<string>().as("n")).where("community_id", "=", c.id).where("status", "=", "pending").executeTakeFirstOrThrow();
    visibilityChoices = VISIBILITY_ORDER.map((visibility) => {
      const d = authorizeVisibilityChange(loaded.facts, loaded.viewer, visibility, Number(pending.n));
      return d.allowed ? { visibility, allowed: true, denial: null, messageKey: null } : { visibility, allowed: false, denial: d.reason, messageKey: DENIAL_MESSAGES[d.reason].id };
    });
  }
  return {
    revision: c.revision,
    codeAcceptance: mine ? { required: mine.code_version_accepted < c.code_version, acceptedVersion: mine.code_version_accepted } : null,
    visibilityChoices,
  };
}
