/**
 * What a command needs: the database, who is acting (verified, with their person row and agency), and
 * how to queue background work. Routes and bot handlers build it the same way.
 */
import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Classification, NamingPolicy } from "../domain/communities.js";
import type { Actor } from "../domain/policy.js";
import type { LocalisedParams, MessageArgs } from "../domain/text.js";
import { defineMessages, type MessageDescriptor } from "../i18n/format.js";
import { SOURCE_LOCALE } from "../i18n/locales.js";
import { intlFor } from "../i18n/node.js";
import type { Database, Person } from "../store/schema.js";

export interface Enqueue {
  (queue: string, data: Record<string, unknown>, options?: { singletonKey?: string; startAfterSeconds?: number }): Promise<void>;
}

export interface CommandSettings {
  naming: NamingPolicy;
  /** Graph is configured (an app registration and a host team); otherwise Teams links stay "not connected". */
  graphConnected: boolean;
  /** Sensitivity label ids per classification (Microsoft Purview), when configured. */
  sensitivityLabels: Partial<Record<"OFFICIAL" | "OFFICIAL_SENSITIVE" | "PROTECTED", string>>;
  /** The highest classification the deployment may hold (MAX_CLASSIFICATION); proposals above it are refused. */
  maxClassification: Classification;
  /** The tenant allow-list: agencies can be registered only in these tenants. */
  allowedTenantIds: ReadonlySet<string>;
  /**
   * Inviting people who have not opened Guildhall (src/commands/communities/invitations.ts): the sign-in domain
   * allow-list (an address outside it is refused), and, when Graph is connected, the host tenant's directory.
   */
  invitations?: { allowedEmailDomains: readonly string[]; directory?: UserDirectory; hostTenantId?: string };
}

/** The host tenant's directory, through the Graph gateway (app-only, User.Read.All). */
export interface UserDirectory {
  searchUsers(text: string, top?: number): Promise<{ objectId: string; displayName: string; mail: string | null; userPrincipalName: string; jobTitle: string | null }[]>;
  getUser(
    tenantId: string,
    objectId: string,
  ): Promise<{ objectId: string; displayName: string | null; mail: string | null; userPrincipalName: string; jobTitle: string | null; userType: "Member" | "Guest"; accountEnabled: boolean } | undefined>;
}

export interface CommandContext {
  db: Kysely<Database>;
  actor: Actor;
  person: Person;
  agencyId: string | null;
  requestId: string;
  enqueue: Enqueue;
  settings: CommandSettings;
}

export type { MessageArgs } from "../domain/text.js";

/**
 * One field's problem in a 400 (or 409) answer: `path` is the field, dotted for nested values (`tags.0`);
 * `message` the en-AU sentence (the last fallback), `messageKey` its catalog id, `values` its ICU arguments.
 */
export interface FieldIssue {
  path: string;
  message: string;
  messageKey: string;
  values?: MessageArgs;
}

/** The en-AU sentence of a message (what an error's `message` says; the tab formats `messageKey` instead). */
export function sourceSentence(message: MessageDescriptor, values?: MessageArgs): string {
  return intlFor(SOURCE_LOCALE).formatMessage(message, values);
}

/** A field's problem, from its message. */
export function fieldIssue(path: string, message: MessageDescriptor, values?: MessageArgs): FieldIssue {
  return { path, message: sourceSentence(message, values), messageKey: message.id, ...(values ? { values } : {}) };
}

export const requestMessages = defineMessages({
  invalid: { id: "errors.request.invalid", defaultMessage: "The request is not valid." },
  notFound: { id: "errors.request.notFound", defaultMessage: "Nothing was found at this address." },
});

/**
 * A refusal a command reports; the server maps it to 400/403/404/409 with a stable id. Its sentence is a
 * catalog message (never raw text): the answer carries the en-AU sentence, the message id and its values.
 */
export class CommandError extends Error {
  constructor(
    readonly kind: "invalid" | "forbidden" | "not_found" | "conflict" | "too_many" | "unavailable",
    readonly id: string,
    readonly descriptor: MessageDescriptor,
    readonly values?: MessageArgs,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(sourceSentence(descriptor, values));
    this.name = "CommandError";
  }

  get messageKey(): string {
    return this.descriptor.id;
  }
}

/** Plain words for zod's own issues (area `validation`); a schema's own messages travel in the issue's params. */
const v = defineMessages({
  required: { id: "validation.input.required", defaultMessage: "This field is required." },
  wrongType: {
    id: "validation.input.wrongType",
    defaultMessage:
      "{expected, select, string {Enter text.} number {Enter a number.} int {Enter a whole number.} boolean {Choose yes or no.} array {Enter a list.} date {Enter a date.} other {This value is not of the right kind.}}",
    description: "A value of the wrong type; expected is what the field takes (zod's name for it)",
  },
  textTooLong: { id: "validation.input.textTooLong", defaultMessage: "Use at most {maximum, plural, one {# character} other {# characters}}." },
  textTooShort: { id: "validation.input.textTooShort", defaultMessage: "Use at least {minimum, plural, one {# character} other {# characters}}." },
  tooManyItems: { id: "validation.input.tooManyItems", defaultMessage: "Use at most {maximum, plural, one {# item} other {# items}}." },
  tooFewItems: { id: "validation.input.tooFewItems", defaultMessage: "Add at least {minimum, plural, one {# item} other {# items}}." },
  numberAtMost: { id: "validation.input.numberAtMost", defaultMessage: "Enter a number no greater than {maximum, number}." },
  numberBelow: { id: "validation.input.numberBelow", defaultMessage: "Enter a number less than {maximum, number}." },
  numberAtLeast: { id: "validation.input.numberAtLeast", defaultMessage: "Enter a number no less than {minimum, number}." },
  numberAbove: { id: "validation.input.numberAbove", defaultMessage: "Enter a number greater than {minimum, number}." },
  tooBig: { id: "validation.input.tooBig", defaultMessage: "This value is too large." },
  tooSmall: { id: "validation.input.tooSmall", defaultMessage: "This value is too small." },
  email: { id: "validation.input.email", defaultMessage: "Enter a valid email address." },
  identifier: { id: "validation.input.identifier", defaultMessage: "This is not a valid identifier." },
  url: { id: "validation.input.url", defaultMessage: "Enter a valid web address (URL)." },
  format: { id: "validation.input.format", defaultMessage: "This value is not in the right format." },
  choice: { id: "validation.input.choice", defaultMessage: "Choose one of the options offered." },
  unexpectedField: { id: "validation.input.unexpectedField", defaultMessage: "This field is not expected here." },
  multipleOf: { id: "validation.input.multipleOf", defaultMessage: "Enter a multiple of {divisor, number}." },
  invalid: { id: "validation.input.invalid", defaultMessage: "This value is not valid." },
});

/** The plain words for validation problems, for the server's own schema (Ajv) answers too. */
export const VALIDATION = v;

function localisedParams(params: unknown): LocalisedParams | undefined {
  if (typeof params !== "object" || params === null) return undefined;
  const { messageKey, values } = params as { messageKey?: unknown; values?: unknown };
  if (typeof messageKey !== "string") return undefined;
  return { messageKey, ...(typeof values === "object" && values !== null ? { values: values as MessageArgs } : {}) };
}

const NUMERIC = new Set(["number", "int", "bigint"]);
const LISTS = new Set(["array", "set"]);

/** One zod issue in plain words, in the person's language once the tab formats it. */
function plainIssue(i: z.core.$ZodIssue, path: string): FieldIssue[] {
  switch (i.code) {
    case "custom": {
      const own = localisedParams(i.params);
      // A schema's own sentence, en-AU as written, with its catalog id; a refinement without one is "not valid".
      return [own ? { path, message: i.message, messageKey: own.messageKey, ...(own.values ? { values: own.values } : {}) } : { ...fieldIssue(path, v.invalid), message: i.message }];
    }
    case "invalid_type":
      if (i.input === undefined) return [fieldIssue(path, v.required)];
      return [fieldIssue(path, v.wrongType, { expected: String(i.expected) })];
    case "too_big": {
      const maximum = Number(i.maximum);
      if (i.origin === "string") return [fieldIssue(path, v.textTooLong, { maximum })];
      if (LISTS.has(i.origin)) return [fieldIssue(path, v.tooManyItems, { maximum })];
      if (NUMERIC.has(i.origin)) return [fieldIssue(path, i.inclusive === false ? v.numberBelow : v.numberAtMost, { maximum })];
      return [fieldIssue(path, v.tooBig)];
    }
    case "too_small": {
      const minimum = Number(i.minimum);
      if (i.origin === "string") return [minimum <= 1 ? fieldIssue(path, v.required) : fieldIssue(path, v.textTooShort, { minimum })];
      if (LISTS.has(i.origin)) return [fieldIssue(path, v.tooFewItems, { minimum })];
      if (NUMERIC.has(i.origin)) return [fieldIssue(path, i.inclusive === false ? v.numberAbove : v.numberAtLeast, { minimum })];
      return [fieldIssue(path, v.tooSmall)];
    }
    case "invalid_format":
      if (i.format === "email") return [fieldIssue(path, v.email)];
      if (i.format === "uuid" || i.format === "guid" || i.format.startsWith("uuid")) return [fieldIssue(path, v.identifier)];
      if (i.format === "url") return [fieldIssue(path, v.url)];
      return [fieldIssue(path, v.format)];
    case "invalid_value":
      return [fieldIssue(path, v.choice)];
    case "unrecognized_keys":
      return i.keys.map((k) => fieldIssue(path ? `${path}.${k}` : k, v.unexpectedField));
    case "not_multiple_of":
      return [fieldIssue(path, v.multipleOf, { divisor: Number(i.divisor) })];
    default:
      return [fieldIssue(path, v.invalid)];
  }
}

/** A zod failure as field issues, each in plain words with its catalog id (never zod's own English). */
export function fieldIssues(issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  return issues.flatMap((i) => plainIssue(i, i.path.map(String).join(".")));
}

/** Parse input with a zod schema; a failure is a 400 listing each field's problem, and nothing changes. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, message: MessageDescriptor = requestMessages.invalid): z.output<S> {
  // The input is reported to the issues only to tell a missing value from a wrong one; it is never sent back.
  const r = schema.safeParse(input, { reportInput: true });
  if (r.success) return r.data;
  throw new CommandError("invalid", "request.invalid", message, undefined, { issues: fieldIssues(r.error.issues) });
}

/**
 * The constraint a PostgreSQL unique violation (SQLSTATE 23505) names, or undefined for any other error. Commands
 * use it to answer a race that got past their own checks as those checks would have.
 */
export function uniqueViolation(err: unknown): string | undefined {
  if (typeof err !== "object" || err === null || (err as { code?: unknown }).code !== "23505") return undefined;
  const constraint = (err as { constraint?: unknown }).constraint;
  return typeof constraint === "string" ? constraint : "";
}
