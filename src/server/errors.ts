/**
 * Errors with stable ids. Routes throw these; one handler turns them into JSON and turns anything else
 * into a generic 500 that is logged with the request id (never with tokens or personal data).
 */
import type { FastifyError, FastifyInstance } from "fastify";
import pg from "pg";
import { AGENCY_ISSUES } from "../commands/agencies.js";
import { ALREADY_MEMBER } from "../commands/communities/membership.js";
import { fieldIssue, requestMessages, sourceSentence, VALIDATION, type FieldIssue, type MessageArgs } from "../commands/context.js";
import { DENIAL_MESSAGES, REASON_MESSAGES, type IneligibleReason } from "../domain/policy.js";
import { defineMessages, type MessageDescriptor } from "../i18n/format.js";
import type { TokenProblem } from "./auth/tokens.js";

/**
 * A refusal with a stable id. Its sentence is a catalog message, never raw text: the answer carries `message`
 * (en-AU, the last fallback), `messageKey` (the catalog id the tab formats in the person's language) and `values`.
 */
export class AppError extends Error {
  constructor(
    readonly id: string,
    readonly status: number,
    readonly descriptor: MessageDescriptor,
    readonly values?: MessageArgs,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(sourceSentence(descriptor, values));
    this.name = "AppError";
  }

  get messageKey(): string {
    return this.descriptor.id;
  }
}

const m = defineMessages({
  missingToken: { id: "errors.auth.missingToken", defaultMessage: "Sign in through Microsoft Teams to use Guildhall." },
  invalidToken: { id: "errors.auth.invalidToken", defaultMessage: "Your sign-in could not be verified. Reload Guildhall to sign in again." },
  forbidden: { id: "errors.auth.forbidden", defaultMessage: "You do not have permission to do that." },
  httpsRequired: { id: "errors.request.httpsRequired", defaultMessage: "Guildhall is only served over HTTPS." },
  agencyNameTaken: { id: "errors.agency.nameRegistered", defaultMessage: "An agency with this name is already registered." },
  agencyNameAlike: { id: "errors.agency.nameRegisteredAlike", defaultMessage: "An agency with this name, or one that looks the same, is already registered." },
  agencyDomainTaken: { id: "errors.agency.domainRegistered", defaultMessage: "An email domain in the list already belongs to another agency." },
  requestPending: { id: "errors.community.requestPending", defaultMessage: "You have already asked to join; the moderators will reply." },
  conflict: {
    id: "errors.request.conflict",
    defaultMessage: "This clashes with something that already exists, or with a change made a moment ago. Reload and try again.",
  },
  invalidReference: { id: "errors.request.invalidReference", defaultMessage: "Something the request refers to does not exist (any more). Reload and try again." },
  unstorable: { id: "errors.request.unstorable", defaultMessage: "The request is not valid: a value in it cannot be stored." },
  retry: { id: "errors.request.retry", defaultMessage: "Another change to the same thing got in the way. Try again in a moment." },
  rateLimited: { id: "errors.request.rateLimited", defaultMessage: "Too many requests. Wait a moment and try again." },
  tooLarge: { id: "errors.request.tooLarge", defaultMessage: "The request is too large." },
  internal: { id: "errors.server.internal", defaultMessage: "Something went wrong on our side. Quote this request id if you report it." },
  addressInvalid: { id: "errors.request.addressInvalid", defaultMessage: "The address is not valid." },
});

/** Sentences the app's own answers use outside this module (the router's refusals in app.ts). */
export const ERROR_MESSAGES = { notFound: requestMessages.notFound, invalid: requestMessages.invalid, addressInvalid: m.addressInvalid } as const;

export const errors = {
  missingToken: () => new AppError("auth.missing_token", 401, m.missingToken),
  invalidToken: (problem: TokenProblem) => new AppError("auth.invalid_token", 401, m.invalidToken, undefined, { problem }),
  ineligible: (reason: IneligibleReason) => new AppError("eligibility.denied", 403, REASON_MESSAGES[reason], undefined, { reason }),
  forbidden: () => new AppError("auth.forbidden", 403, m.forbidden),
  notFound: () => new AppError("not_found", 404, requestMessages.notFound),
  invalidRequest: (issues: FieldIssue[]) => new AppError("request.invalid", 400, requestMessages.invalid, undefined, { issues }),
  httpsRequired: () => new AppError("request.https_required", 403, m.httpsRequired),
};

/** Seconds a client waits before retrying after a deadlock or serialisation failure. */
const RETRY_AFTER_SECONDS = 1;

/**
 * Constraints whose violation has a sentence of its own. Commands handle their known conflicts first (with
 * names and details); these answer when a race gets past them, so the answer is the same either way.
 */
export const CONSTRAINTS: Record<string, () => AppError> = {
  memberships_last_owner: () => new AppError("community.last_owner", 403, DENIAL_MESSAGES.last_owner, undefined, { reason: "last_owner" }),
  agencies_name_uq: () => new AppError("agency.name_taken", 409, m.agencyNameTaken, undefined, { issues: [fieldIssue("name", AGENCY_ISSUES.nameTaken)] }),
  agencies_name_key_uq: () => new AppError("agency.name_taken", 409, m.agencyNameAlike, undefined, { issues: [fieldIssue("name", AGENCY_ISSUES.nameTaken)] }),
  agency_domains_pkey: () => new AppError("agency.domain_taken", 409, m.agencyDomainTaken, undefined, { issues: [fieldIssue("emailDomains", AGENCY_ISSUES.domainTaken)] }),
  join_requests_pending_uq: () => new AppError("community.request_pending", 409, m.requestPending),
  memberships_pk: () => new AppError("community.already_member", 409, ALREADY_MEMBER),
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
    return new AppError("conflict", 409, m.conflict);
  }
  if (code === "23503") return new AppError("request.invalid_reference", 400, m.invalidReference);
  if (code.startsWith("23") || code.startsWith("22")) return new AppError("request.invalid", 400, m.unstorable);
  if (code === "40001" || code === "40P01" || code === "55P03") {
    return new AppError("request.retry", 503, m.retry, undefined, { retryAfterSeconds: RETRY_AFTER_SECONDS });
  }
  return undefined;
}

interface ErrorBody {
  error: { id: string; message: string; messageKey: string; values?: MessageArgs; requestId: string } & Record<string, unknown>;
}

/** The answer's body: the en-AU sentence, its catalog id and values, the request id, and the refusal's extras. */
export function errorBody(id: string, message: MessageDescriptor, values: MessageArgs | undefined, requestId: string, extra: Record<string, unknown> = {}): ErrorBody {
  return { error: { id, message: sourceSentence(message, values), messageKey: message.id, ...(values ? { values } : {}), requestId, ...extra } };
}

function appErrorBody(err: AppError, requestId: string): ErrorBody {
  return errorBody(err.id, err.descriptor, err.values, requestId, err.extra);
}

/** One JSON-schema (Ajv) validation problem in plain words, like zod's (see `fieldIssues`). */
function schemaIssue(v: NonNullable<FastifyError["validation"]>[number]): FieldIssue {
  const at = v.instancePath || "/";
  const params = v.params as Record<string, unknown>;
  const limit = Number(params["limit"]);
  switch (v.keyword) {
    case "required":
      return fieldIssue(`${v.instancePath}/${String(params["missingProperty"])}`, VALIDATION.required);
    case "additionalProperties":
      return fieldIssue(`${v.instancePath}/${String(params["additionalProperty"])}`, VALIDATION.unexpectedField);
    case "maxLength":
      return fieldIssue(at, VALIDATION.textTooLong, { maximum: limit });
    case "minLength":
      return limit <= 1 ? fieldIssue(at, VALIDATION.required) : fieldIssue(at, VALIDATION.textTooShort, { minimum: limit });
    case "maxItems":
      return fieldIssue(at, VALIDATION.tooManyItems, { maximum: limit });
    case "minItems":
      return fieldIssue(at, VALIDATION.tooFewItems, { minimum: limit });
    case "maximum":
      return fieldIssue(at, VALIDATION.numberAtMost, { maximum: limit });
    case "exclusiveMaximum":
      return fieldIssue(at, VALIDATION.numberBelow, { maximum: limit });
    case "minimum":
      return fieldIssue(at, VALIDATION.numberAtLeast, { minimum: limit });
    case "exclusiveMinimum":
      return fieldIssue(at, VALIDATION.numberAbove, { minimum: limit });
    case "type":
      return fieldIssue(at, VALIDATION.wrongType, { expected: String(params["type"]) === "integer" ? "int" : String(params["type"]) });
    case "format": {
      const format = String(params["format"]);
      return fieldIssue(at, format === "email" ? VALIDATION.email : format === "uuid" ? VALIDATION.identifier : format === "uri" || format === "url" ? VALIDATION.url : VALIDATION.format);
    }
    case "pattern":
      return fieldIssue(at, VALIDATION.format);
    case "enum":
    case "const":
      return fieldIssue(at, VALIDATION.choice);
    case "multipleOf":
      return fieldIssue(at, VALIDATION.multipleOf, { divisor: Number(params["multipleOf"]) });
    default:
      return fieldIssue(at, VALIDATION.invalid);
  }
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
    const requestId = String(request.id);
    if (err instanceof AppError) {
      if (err.status >= 500) request.log.error({ errorId: err.id }, "request failed");
      return reply.code(err.status).send(appErrorBody(err, requestId));
    }
    const refusal = databaseRefusal(err);
    if (refusal) {
      const pgErr = err as pg.DatabaseError;
      // The SQLSTATE and constraint name say what happened; the error's detail holds values, so it is not logged.
      request.log.warn({ errorId: refusal.id, sqlState: pgErr.code, constraint: pgErr.constraint }, "database refused the change");
      if (refusal.status === 503) void reply.header("retry-after", String(RETRY_AFTER_SECONDS));
      return reply.code(refusal.status).send(appErrorBody(refusal, requestId));
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      return reply.code(400).send(errorBody("request.invalid", requestMessages.invalid, undefined, requestId, { issues: fe.validation.map(schemaIssue) }));
    }
    if (typeof fe.statusCode === "number" && fe.statusCode >= 400 && fe.statusCode < 500) {
      if (fe.statusCode === 429) return reply.code(429).send(errorBody("request.rate_limited", m.rateLimited, undefined, requestId));
      if (fe.statusCode === 413) return reply.code(413).send(errorBody("request.too_large", m.tooLarge, undefined, requestId));
      return reply.code(fe.statusCode).send(errorBody("request.invalid", requestMessages.invalid, undefined, requestId));
    }
    request.log.error({ err: { type: err.name, message: err.message, stack: err.stack } }, "unhandled error");
    return reply.code(500).send(errorBody("internal", m.internal, undefined, requestId));
  });
}

/** Every message the error handler and `errors` answer with (the catalog tests check each exists). */
export const SERVER_ERROR_MESSAGES: readonly MessageDescriptor[] = [...Object.values(m), ...Object.values(requestMessages), ...Object.values(REASON_MESSAGES), ...Object.values(DENIAL_MESSAGES)];
