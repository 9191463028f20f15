import type { FastifyRequest } from "fastify";
import { actorFor, authorize, type Action, type Actor, type EligibilitySettings } from "../../domain/policy.js";
import { errors } from "../errors.js";
import { noteRefuser } from "../refusals.js";
import { TokenError, type TokenVerifier } from "./tokens.js";

export interface AuthDeps {
  verifier: TokenVerifier;
  eligibility: EligibilitySettings;
  /** Where refusals are written (src/server/refusals.ts writes every 401/403, rate-limited). */
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
 * missing or invalid token and 403 when the verified person may not do it; both are audit-logged by the
 * refusal hook (src/server/refusals.ts), which learns here who the token named.
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
  const who = { tenantId: actor.principal.tenantId, objectId: actor.principal.objectId };
  noteRefuser(request, who);
  const decision = authorize(actor, action);
  if (!decision.allowed) {
    noteRefuser(request, { ...who, action, reason: decision.reason });
    if (!actor.eligibility.eligible) throw errors.ineligible(actor.eligibility.reason);
    throw errors.forbidden();
  }
  return actor;
}
