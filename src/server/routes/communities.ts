import type { FastifyInstance, FastifyRequest } from "fastify";
import { CommandError, type CommandContext } from "../../commands/context.js";
import { decideProposal, retryProvisioning } from "../../commands/communities/decide.js";
import {
  changeRole,
  decideJoinRequest,
  invite,
  joinCommunity,
  leaveCommunity,
  removeMember,
  requestToJoin,
  transferOwnership,
} from "../../commands/communities/membership.js";
import { searchDirectory } from "../../commands/communities/invitations.js";
import { proposeCommunity } from "../../commands/communities/propose.js";
import { archiveCommunity, retryTeamsArchive } from "../../commands/communities/archive.js";
import { acceptCodeOfPractice, editCommunity } from "../../commands/communities/edit.js";
import { editProposal, resubmitProposal, retryTeamsUnarchive, unarchiveCommunity, withdrawProposal } from "../../commands/communities/lifecycle.js";
import { getPerson, searchPeople, similarPeople, updateMyProfile } from "../../commands/people.js";
import { getCommunity, listCommunities } from "../../commands/communities/queries.js";
import { listProposals } from "../../commands/communities/proposals.js";
import { resolveAgency, touchPerson } from "../../store/people.js";
import type { AppDeps } from "../app.js";
import { authenticate } from "../auth/authenticate.js";
import { choosableLocales } from "../config.js";
import { AppError } from "../errors.js";

const STATUS = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409, too_many: 429, unavailable: 503 } as const;

/** Build the command context for a verified, eligible person. */
export async function commandContext(request: FastifyRequest, deps: AppDeps): Promise<CommandContext> {
  const actor = await authenticate(request, deps.auth, "guildhall.use");
  const domain = actor.eligibility.eligible ? actor.eligibility.domain : undefined;
  const agency = await resolveAgency(deps.store.db, actor.principal.tenantId, domain);
  const person = await touchPerson(deps.store.db, actor.principal, agency?.id ?? null);
  return { db: deps.store.db, actor, person, agencyId: agency?.id ?? null, requestId: String(request.id), enqueue: deps.enqueue, settings: deps.commands };
}

/** Run a command, turning its refusal into the app's error answer (routes/agencies.ts and routes/notices.ts use it too). */
export async function runCommand<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof CommandError) throw new AppError(err.id, STATUS[err.kind], err.descriptor, err.values, err.extra);
    throw err;
  }
}

const run = runCommand;

type IdParams = { Params: { id: string } };

export async function communityRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const ctx = (request: FastifyRequest) => commandContext(request, deps);

  app.get("/api/v1/communities", async (request) => {
    const c = await ctx(request);
    return run(() => listCommunities(c, request.query));
  });

  // The approvals queue (platform owners): each proposal with its proposer, terms and code of practice.
  app.get("/api/v1/proposals", async (request) => {
    const c = await ctx(request);
    return run(() => listProposals(c, request.query));
  });

  app.post("/api/v1/communities", async (request, reply) => {
    const c = await ctx(request);
    const created = await run(() => proposeCommunity(c, request.body));
    return reply.code(201).send(await run(() => getCommunity(c, created.id)));
  });

  app.get<IdParams>("/api/v1/communities/:id", async (request) => {
    const c = await ctx(request);
    return run(() => getCommunity(c, request.params.id));
  });

  const action = (path: string, fn: (c: CommandContext, id: string, body: unknown) => Promise<unknown>) =>
    app.post<IdParams>(`/api/v1/communities/:id/${path}`, async (request) => {
      const c = await ctx(request);
      await run(() => fn(c, request.params.id, request.body ?? {}));
      return run(() => getCommunity(c, request.params.id)).catch((err: unknown) => {
        // Leaving a hidden community makes it invisible: say so rather than 404 the successful action.
        if (err instanceof AppError && err.status === 404) return { left: true };
        throw err;
      });
    });

  action("decision", decideProposal);
  action("join", joinCommunity);
  action("requests", requestToJoin);
  action("leave", (c, id) => leaveCommunity(c, id));
  action("invitations", invite);
  action("members/remove", removeMember);
  action("members/role", changeRole);
  action("ownership", transferOwnership);
  action("archive", archiveCommunity);
  action("provisioning/retry", (c, id) => retryProvisioning(c, id));
  action("archive/retry", (c, id) => retryTeamsArchive(c, id));
  // Issue 8: owners edit; members accept a new code of practice; the proposer withdraws, edits, resubmits; platform owners un-archive.
  action("edit", editCommunity);
  action("code/accept", acceptCodeOfPractice);
  action("withdraw", (c, id) => withdrawProposal(c, id));
  action("proposal", editProposal);
  action("resubmit", resubmitProposal);
  action("unarchive", (c, id) => unarchiveCommunity(c, id));
  action("unarchive/retry", (c, id) => retryTeamsUnarchive(c, id));

  // People in the host tenant's directory not yet in Guildhall, for the invite box (Graph; `connected: false` in local mode).
  app.get<IdParams>("/api/v1/communities/:id/invitees", async (request) => {
    const c = await ctx(request);
    return run(() => searchDirectory(c, request.params.id, request.query));
  });

  app.get("/api/v1/people", async (request) => {
    const c = await ctx(request);
    return { items: await run(() => searchPeople(c, request.query)) };
  });
  app.get("/api/v1/people/similar", async (request) => {
    const c = await ctx(request);
    return { items: await run(() => similarPeople(c)) };
  });
  app.get<IdParams>("/api/v1/people/:id", async (request) => {
    const c = await ctx(request);
    return run(() => getPerson(c, request.params.id));
  });
  app.post("/api/v1/me/profile", async (request) => {
    const c = await ctx(request);
    return run(() => updateMyProfile(c, request.body ?? {}, { locales: choosableLocales(deps.config) }));
  });

  app.post<{ Params: { id: string; requestId: string } }>("/api/v1/communities/:id/requests/:requestId/decision", async (request) => {
    const c = await ctx(request);
    await run(() => decideJoinRequest(c, request.params.id, request.params.requestId, request.body ?? {}));
    return run(() => getCommunity(c, request.params.id));
  });
}
