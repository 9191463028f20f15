import { z } from "zod";
import { CLASSIFICATION_LABELS } from "../../domain/communities.js";
import { authorize, DENIAL_MESSAGES } from "../../domain/policy.js";
import { CommandError, parseInput, type CommandContext } from "../context.js";

const querySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .strict();

/** One proposal as a platform owner weighs it: everything the proposer wrote, and who they are. */
export interface ProposalSummary {
  id: string;
  name: string;
  purpose: string;
  termsOfReference: string;
  codeOfPractice: string;
  visibility: string;
  scope: string;
  /** The agencies an agency-only community admits. */
  agencies: { id: string; name: string; shortName: string }[];
  classification: string;
  classificationLabel: string;
  tags: string[];
  teamsPresence: string;
  status: "proposed";
  /** When it was proposed (ISO 8601 once serialised). */
  proposedAt: Date;
  proposer: { id: string; displayName: string; jobTitle: string | null; agency: { name: string; shortName: string } | null };
}

/**
 * `GET /api/v1/proposals`: the approvals queue, oldest first, for platform owners only (deny by default: the policy's
 * `community.approve`). Two statements whatever the page size: the proposals with their proposers, then their agencies.
 */
export async function listProposals(ctx: CommandContext, query: unknown): Promise<{ items: ProposalSummary[]; total: number }> {
  const decision = authorize(ctx.actor, "community.approve");
  if (!decision.allowed) throw new CommandError("forbidden", "community.not_platform_owner", DENIAL_MESSAGES.not_platform_owner, undefined, { reason: "not_platform_owner" });
  const f = parseInput(querySchema, query);
  const base = ctx.db.selectFrom("communities as c").where("c.status", "=", "proposed");
  const [total, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
    base
      .innerJoin("people as p", "p.id", "c.proposed_by")
      .leftJoin("agencies as a", "a.id", "p.agency_id")
      .select([
        "c.id",
        "c.display_name",
        "c.purpose",
        "c.terms_of_reference",
        "c.code_of_practice",
        "c.visibility",
        "c.scope",
        "c.classification",
        "c.tags",
        "c.teams_presence",
        "c.created_at",
        "p.id as proposer_id",
        "p.display_name as proposer_name",
        "p.job_title as proposer_job_title",
        "a.name as agency_name",
        "a.short_name as agency_short_name",
      ])
      .orderBy("c.created_at")
      .orderBy("c.id")
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
  ]);
  const ids = rows.map((r) => r.id);
  const agencies =
    ids.length === 0
      ? []
      : await ctx.db
          .selectFrom("community_agencies as ca")
          .innerJoin("agencies as a", "a.id", "ca.agency_id")
          .select(["ca.community_id", "a.id", "a.name", "a.short_name"])
          .where("ca.community_id", "in", ids)
          .orderBy("a.short_name")
          .execute();
  return {
    total: Number(total.n),
    items: rows.map((c) => ({
      id: c.id,
      name: c.display_name,
      purpose: c.purpose,
      termsOfReference: c.terms_of_reference,
      codeOfPractice: c.code_of_practice,
      visibility: c.visibility,
      scope: c.scope,
      agencies: agencies.filter((a) => a.community_id === c.id).map((a) => ({ id: a.id, name: a.name, shortName: a.short_name })),
      classification: c.classification,
      classificationLabel: CLASSIFICATION_LABELS[c.classification],
      tags: c.tags,
      teamsPresence: c.teams_presence,
      status: "proposed" as const,
      proposedAt: c.created_at,
      proposer: {
        id: c.proposer_id,
        displayName: c.proposer_name,
        jobTitle: c.proposer_job_title,
        agency: c.agency_name === null || c.agency_short_name === null ? null : { name: c.agency_name, shortName: c.agency_short_name },
      },
    })),
  };
}
