/**
 * Errors with stable ids. Routes throw these; one handler turns them into JSON and turns anything else
 * into a generic 500 that is logged with the request id (never with tokens or personal data).
 */
import type { FastifyError, FastifyInstance } from "fastify";
import { reasonText, type IneligibleReason } from "../domain/policy.js";
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
