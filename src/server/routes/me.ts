import type { FastifyInstance } from "fastify";
import { resolveAgency, touchPerson } from "../../store/people.js";
import { authenticate } from "../auth/authenticate.js";
import { presentMe } from "../presenters/me.js";
import type { AppDeps } from "../app.js";

export async function meRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  /** Who am I, which agency, and what may I do (computed by the policy module). */
  app.get("/api/v1/me", async (request) => {
    const actor = await authenticate(request, deps.auth, "guildhall.use");
    const domain = actor.eligibility.eligible ? actor.eligibility.domain : undefined;
    const agency = await resolveAgency(deps.store.db, actor.principal.tenantId, domain);
    const person = await touchPerson(deps.store.db, actor.principal, agency?.id ?? null);
    return presentMe(actor, person, agency);
  });
}
