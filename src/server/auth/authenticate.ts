import type { FastifyRequest } from "fastify";
import { actorFor, authorize, type Action, type Actor, type EligibilitySettings } from "../../domain/policy.js";
import { errors } from "../errors.js";
import { TokenError, type TokenVerifier } from "./tokens.js";

export interface AuthDeps {
  verifier: TokenVerifier;
  eligibility: EligibilitySettings;
  audit(e: { event: string; outcome: "allowed" | "denied" | "info"; tenantId?: string; objectId?: string; requestId?: string; detail?: Record<string, unknown> }): Promise<void>;
}

function bearer(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m?.[1];
}

/**
 * Authenticate the request from its bearer token and check the action with the policy. Throws 401 for a
 * missing or invalid token and 403 (audit-logged) when the verified person may not do it.
 */
export async function authenticate(request: FastifyRequest, deps: AuthDeps, action: Action): Promise<Actor> {
  const token = bearer(request);
  if (!token) throw errors.missingToken();
  let actor: Actor;
  try {
    actor = actorFor(await deps.verifier.verify(token), deps.eligibility);
  } catch (err) {
    if (err instanceof TokenError) {
      request.log.info({ problem: err.problem }, "token rejected");
      throw errors.invalidToken(err.problem);
    }
    throw err;
  }
  const decision = authorize(actor, action);
  if (!decision.allowed) {
    await deps.audit({
      event: "access.denied",
      outcome: "denied",
      tenantId: actor.principal.tenantId,
      objectId: actor.principal.objectId,
      requestId: String(request.id),
      detail: { action, reason: decision.reason },
    });
    if (!actor.eligibility.eligible) throw errors.ineligible(actor.eligibility.reason);
    throw errors.forbidden();
  }
  return actor;
}
