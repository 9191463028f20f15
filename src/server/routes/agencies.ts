import type { FastifyInstance } from "fastify";
import { listAgencies, registerAgency, updateAgency, type AgencyOptions } from "../../commands/agencies.js";
import type { AppDeps } from "../app.js";
import { commandContext, runCommand } from "./communities.js";

type IdParams = { Params: { id: string } };

/** The agency register (platform owners): agencies, their tenants and email domains, live on the sign-in allow-list or not. */
export async function agencyRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const options: AgencyOptions = { signInDomains: deps.config.eligibility.allowedEmailDomains };

  app.get("/api/v1/agencies", async (request) => {
    const c = await commandContext(request, deps);
    return runCommand(() => listAgencies(c, options));
  });
  app.post("/api/v1/agencies", async (request, reply) => {
    const c = await commandContext(request, deps);
    const created = await runCommand(() => registerAgency(c, request.body, options));
    return reply.code(201).send(created);
  });
  app.put<IdParams>("/api/v1/agencies/:id", async (request) => {
    const c = await commandContext(request, deps);
    return runCommand(() => updateAgency(c, request.params.id, request.body, options));
  });
}
