/**
 * Errors with stable ids. Routes throw these; one handler turns them into JSON and turns anything else
 * into a generic 500 that is logged with the request id (never with tokens or personal data).
 */
import type { FastifyError, FastifyInstance } from "fastify";
import pg from "pg";
import { denialText, reasonText, type IneligibleReason } from "../domain/policy.js";
import type { TokenProblem } from "./auth/tokens.js";

export class AppError extends Error {
  constructor(
    readonly id: string,
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const errors = {
  missingToken: () => new AppError("auth.missing_token", 401, "Sign in through Microsoft Teams to use Guildhall."),
  invalidToken: (problem: TokenProblem) =>
    new AppError("auth.invalid_token", 401, "Your sign-in could not be verified. Reload Guildhall to sign in again.", { problem }),
  ineligible: (reason: IneligibleReason) =>
    new AppError("eligibility.denied", 403, reasonText(reason), { reason }),
  forbidden: () => new AppError("auth.forbidden", 403, "You do not have permission to do that."),
  notFound: () => new AppError("not_found", 404, "Nothing was found at this address."),
  invalidRequest: (issues: { path: string; message: string }[]) =>
    new AppError("request.invalid", 400, "The request is not valid.", { issues }),
  httpsRequired: () => new AppError("request.https_required", 403, "Guildhall is only served over HTTPS."),
};

/** Seconds a client waits before retrying after a deadlock or serialisation failure. */
const RETRY_AFTER_SECONDS = 1;

/**
 * Constraints whose violation has a sentence of its own. Commands handle their known conflicts first (with
 * names and details); these answer when a race gets past them, so the answer is the same either way.
 */
export const CONSTRAINTS: Record<string, () => AppError> = {
  memberships_last_owner: () =>
    new AppError("community.last_owner", 403, denialText("last_owner"), { reason: "last_owner" }),
  agencies_name_uq: () =>
    new AppError("agency.name_taken", 409, "An agency with this name is already registered.", { issues: [{ path: "name", message: "This name is taken." }] }),
  agencies_name_key_uq: () =>
    new AppError("agency.name_taken", 409, "An agency with this name, or one that looks the same, is already registered.", { issues: [{ path: "name", message: "This name is taken." }] }),
  agency_domains_pkey: () =>
    new AppError("agency.domain_taken", 409, "An email domain in the list already belongs to another agency.", { issues: [{ path: "emailDomains", message: "A domain belongs to another agency." }] }),
  join_requests_pending_uq: () => new AppError("community.request_pending", 409, "You have already asked to join; the moderators will reply."),
  memberships_pk: () => new AppError("community.already_member", 409, "That person is already a member."),
};

/**
 * A PostgreSQL refusal that reached the handler, as a 4xx (or a 503 to retry) with a stable id: never a 500.
 * Unique and exclusion violations are 409, other integrity and data errors 400, deadlocks and serialisation
 * failures 503 with Retry-After. Undefined for anything that is not a database refusal.
 */
export function databaseRefusal(err: unknown): AppError | undefined {
  if (!(err instanceof pg.DatabaseError) || typeof err.code !== "string") return undefined;
  const known = err.constraint ? CONSTRAINTS[err.constraint] : undefined;
  if (known) return known();
  const code = err.code;
  if (code === "23505" || code === "23P01") {
    return new AppError("conflict", 409, "This clashes with something that already exists, or with a change made a moment ago. Reload and try again.");
  }
  if (code === "23503") return new AppError("request.invalid_reference", 400, "Something the request refers to does not exist (any more). Reload and try again.");
  if (code.startsWith("23") || code.startsWith("22")) return new AppError("request.invalid", 400, "The request is not valid: a value in it cannot be stored.");
  if (code === "40001" || code === "40P01" || code === "55P03") {
    return new AppError("request.retry", 503, "Another change to the same thing got in the way. Try again in a moment.", { retryAfterSeconds: RETRY_AFTER_SECONDS });
  }
  return undefined;
}

interface ErrorBody {
  error: { id: string; message: string; requestId: string } & Record<string, unknown>;
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
    const requestId = String(request.id);
    if (err instanceof AppError) {
      const body: ErrorBody = { error: { id: err.id, message: err.message, requestId, ...err.extra } };
      if (err.status >= 500) request.log.error({ errorId: err.id }, "request failed");
      return reply.code(err.status).send(body);
    }
    const refusal = databaseRefusal(err);
    if (refusal) {
      const pgErr = err as pg.DatabaseError;
      // The SQLSTATE and constraint name say what happened; the error's detail holds values, so it is not logged.
      request.log.warn({ errorId: refusal.id, sqlState: pgErr.code, constraint: pgErr.constraint }, "database refused the change");
      if (refusal.status === 503) void reply.header("retry-after", String(RETRY_AFTER_SECONDS));
      return reply.code(refusal.status).send({ error: { id: refusal.id, message: refusal.message, requestId, ...refusal.extra } } satisfies ErrorBody);
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const issues = fe.validation.map((v) => ({ path: v.instancePath || "/", message: v.message ?? "invalid" }));
      return reply.code(400).send({ error: { id: "request.invalid", message: "The request is not valid.", requestId, issues } });
    }
    if (typeof fe.statusCode === "number" && fe.statusCode >= 400 && fe.statusCode < 500) {
      const id = fe.statusCode === 429 ? "request.rate_limited" : fe.statusCode === 413 ? "request.too_large" : "request.invalid";
      const message =
        fe.statusCode === 429 ? "Too many requests. Wait a moment and try again." : fe.statusCode === 413 ? "The request is too large." : "The request is not valid.";
      return reply.code(fe.statusCode).send({ error: { id, message, requestId } });
    }
    request.log.error({ err: { type: err.name, message: err.message, stack: err.stack } }, "unhandled error");
    return reply.code(500).send({ error: { id: "internal", message: "Something went wrong on our side. Quote this request id if you report it.", requestId } });
  });
}
