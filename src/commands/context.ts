/**
 * What a command needs: the database, who is acting (verified, with their person row and agency), and
 * how to queue background work. Routes and bot handlers build it the same way.
 */
import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Classification, NamingPolicy } from "../domain/communities.js";
import type { Actor } from "../domain/policy.js";
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

/** A refusal a command reports; the server maps it to 400/403/404/409 with a stable id. */
export class CommandError extends Error {
  constructor(
    readonly kind: "invalid" | "forbidden" | "not_found" | "conflict",
    readonly id: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "CommandError";
  }
}

/** Parse input with a zod schema; a failure is a 400 listing each field's problem, and nothing changes. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, message = "The request is not valid."): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw new CommandError("invalid", "request.invalid", message, {
    issues: r.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
  });
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
