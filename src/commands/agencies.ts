/**
 * Agencies: who a public servant works for. Platform owners register each agency with its Entra tenant and
 * the email domains its people sign in with; people are matched to an agency on every request (by domain,
 * or the tenant's only agency). Registering or changing an agency also updates the people already known, so
 * directory search, "people doing similar work" and agency-only communities see them at once.
 *
 * An agency is only onboarded when its people can sign in: each email domain is checked against the sign-in
 * allow-list (ALLOWED_EMAIL_DOMAINS, `domainLiveness`). A registration where no domain is live is refused beside
 * the field (nobody there could sign in); one where some are not live needs `acknowledgeInactiveDomains: true`
 * and is audit-logged as such. A change is held to the same rules for the domains it adds.
 */
import { sql, type Kysely } from "kysely";
import { z } from "zod";
import { DOMAIN_PATTERN, GUID_PATTERN } from "../domain/identity.js";
import { authorize } from "../domain/policy.js";
import { anyoneCanSignIn, domainStatuses, notFullyLive, type DomainStatus } from "../domain/signInDomains.js";
import { lineText, nameKey, nameText, refinement } from "../domain/text.js";
import { defineMessages, type MessageDescriptor } from "../i18n/format.js";
import { appendAudit } from "../store/audit.js";
import { rematchPeople } from "../store/people.js";
import type { Database } from "../store/schema.js";
import { CommandError, fieldIssue, parseInput, uniqueViolation, type CommandContext, type FieldIssue, type MessageArgs } from "./context.js";

const v = defineMessages({
  nameRequired: { id: "validation.agency.nameRequired", defaultMessage: "Enter the agency's name." },
  shortNameRequired: { id: "validation.agency.shortNameRequired", defaultMessage: "Enter a short name, for example ABS." },
  tenantId: { id: "validation.agency.tenantId", defaultMessage: "Enter the agency's Entra tenant id (a GUID)." },
  emailDomain: { id: "validation.agency.emailDomain", defaultMessage: "Each email domain must look like agency.gov.au (a leading dot admits subdomains)." },
  noDomains: { id: "validation.agency.noDomains", defaultMessage: "List at least one email domain the agency's people sign in with." },
  tooManyDomains: { id: "validation.agency.tooManyDomains", defaultMessage: "List at most {max, plural, one {# email domain} other {# email domains}}." },
  tenantNotAllowed: { id: "validation.agency.tenantNotAllowed", defaultMessage: "This tenant is not on the allow-list." },
  nameTaken: { id: "validation.agency.nameTaken", defaultMessage: "This name is taken." },
  domainTaken: { id: "validation.agency.domainTaken", defaultMessage: "A domain belongs to another agency." },
  noLiveDomain: {
    id: "agencies.validation.noLiveDomain",
    defaultMessage: "None of these domains is on the sign-in allow-list, so nobody at this agency could sign in. List at least one live domain.",
  },
  acknowledge: {
    id: "agencies.validation.acknowledgeInactiveDomains",
    defaultMessage:
      "{count, plural, one {# domain is} other {# domains are}} not fully on the sign-in allow-list. Confirm that you are registering the agency knowing that people there cannot sign in yet.",
    description: "count: how many of the agency's email domains are not (fully) on the allow-list",
  },
  notAllLive: {
    id: "agencies.validation.notAllLive",
    defaultMessage: "{count, plural, one {# domain is} other {# domains are}} not fully on the sign-in allow-list: people there cannot sign in yet.",
    description: "Beside the email domains field; count: how many are not (fully) on the allow-list",
  },
});

const m = defineMessages({
  notPlatformOwner: { id: "errors.agency.notPlatformOwner", defaultMessage: "Only platform owners can register or change agencies." },
  tenantNotAllowed: {
    id: "errors.agency.tenantNotAllowed",
    defaultMessage: "That tenant is not on Guildhall's tenant allow-list (ALLOWED_TENANT_IDS), so its people could not sign in. Add it there first.",
  },
  nameTaken: { id: "errors.agency.nameTaken", defaultMessage: "An agency called \"{name}\" is already registered.", description: "name: the registered agency's name" },
  nameTakenAlike: {
    id: "errors.agency.nameTakenAlike",
    defaultMessage: "An agency called \"{name}\" is already registered. Its name looks the same as this one.",
    description: "name: the registered agency's name, which looks like the one typed",
  },
  domainTaken: {
    id: "errors.agency.domainTaken",
    defaultMessage: "These email domains already belong to another agency: {domains}.",
    description: "domains: each domain with its agency in brackets, separated by commas (data, not translated)",
  },
  notFound: { id: "errors.agency.notFound", defaultMessage: "There is no such agency." },
  invalid: { id: "errors.agency.invalid", defaultMessage: "The agency needs changes." },
  noLiveDomain: {
    id: "agencies.errors.noLiveDomain",
    defaultMessage:
      "None of the agency's email domains is on Guildhall's sign-in allow-list (ALLOWED_EMAIL_DOMAINS), so nobody at the agency could sign in. Add a domain there first, or correct the domains.",
  },
  inactiveDomains: {
    id: "agencies.errors.inactiveDomains",
    defaultMessage:
      "{count, plural, one {# of the agency's email domains is} other {# of the agency's email domains are}} not fully on Guildhall's sign-in allow-list (ALLOWED_EMAIL_DOMAINS): people there cannot sign in yet. Confirm to register the agency anyway.",
    description: "count: how many of the agency's email domains are not (fully) on the allow-list",
  },
});

/** What a platform owner's agency commands need from the deployment: the sign-in domain allow-list. */
export interface AgencyOptions {
  /** ALLOWED_EMAIL_DOMAINS. */
  signInDomains: readonly string[];
}

/** The agency's name and domains have their own issue messages; the command's own sentence for a clash. */
export const AGENCY_ISSUES = { nameTaken: v.nameTaken, domainTaken: v.domainTaken } as const;

const agencyInput = z.object({
  name: nameText({ field: "agencyName", min: 2, max: 120, minMessage: v.nameRequired }),
  shortName: lineText({ field: "shortName", min: 1, max: 30, minMessage: v.shortNameRequired }),
  tenantId: z
    .string()
    .trim()
    .toLowerCase()
    .refine((t) => GUID_PATTERN.test(t), refinement(v.tenantId)),
  emailDomains: z
    .array(z.string().trim().toLowerCase().refine((d) => DOMAIN_PATTERN.test(d), refinement(v.emailDomain)))
    .refine((list) => list.length >= 1, refinement(v.noDomains))
    .refine((list) => list.length <= 50, refinement(v.tooManyDomains, { max: 50 })),
  /** The platform owner knows that some domains are not (fully) live, and registers or changes the agency anyway. */
  acknowledgeInactiveDomains: z.boolean().optional(),
});
export type AgencyInput = z.infer<typeof agencyInput>;

export interface AgencyView {
  id: string;
  name: string;
  shortName: string;
  /** Only for platform owners. */
  tenantId?: string;
  emailDomains?: string[];
  /** Only for platform owners: each email domain and whether it is live on the sign-in allow-list. */
  domains?: DomainStatus[];
  people?: number;
}

/** `GET /api/v1/agencies`: platform owners also get the sign-in allow-list, to see domains' liveness as they type. */
export interface AgencyRegister {
  items: AgencyView[];
  signInDomains?: string[];
}

function requireManager(ctx: CommandContext): void {
  const d = authorize(ctx.actor, "agency.manage");
  if (!d.allowed) throw new CommandError("forbidden", "agency.not_platform_owner", m.notPlatformOwner);
}

/** Registered agencies; platform owners also see tenants, domains (live or not) and how many people each has. */
export async function listAgencies(ctx: CommandContext, options: AgencyOptions): Promise<AgencyRegister> {
  const manager = authorize(ctx.actor, "agency.manage").allowed;
  const rows = await ctx.db
    .selectFrom("agencies as a")
    .select(["a.id", "a.name", "a.short_name", "a.tenant_id", "a.email_domains"])
    .select((eb) => eb.selectFrom("people as p").whereRef("p.agency_id", "=", "a.id").select(eb.fn.countAll<string>().as("n")).as("people"))
    .orderBy("a.name")
    .execute();
  const items = rows.map((a) => ({
    id: a.id,
    name: a.name,
    shortName: a.short_name,
    ...(manager ? { tenantId: a.tenant_id, emailDomains: a.email_domains, domains: domainStatuses(a.email_domains, options.signInDomains), people: Number(a.people ?? 0) } : {}),
  }));
  return manager ? { items, signInDomains: [...options.signInDomains] } : { items };
}

/**
 * Can the agency's people sign in? Refused beside its field, with every such problem at once: a tenant off the
 * tenant allow-list; domains of which none is live (when the list is new or changed); domains added that are not
 * fully live, unless acknowledged. Returns the domains' liveness and those not fully live, for the audit log.
 */
function checkSignIn(ctx: CommandContext, input: AgencyInput, options: AgencyOptions, before: readonly string[] | null): { domains: DomainStatus[]; notLive: string[] } {
  const domains = domainStatuses(input.emailDomains, options.signInDomains);
  const added = before === null ? input.emailDomains : input.emailDomains.filter((d) => !before.includes(d));
  const changed = before === null || added.length > 0 || before.some((d) => !input.emailDomains.includes(d));
  const notLive = notFullyLive(domains.filter((d) => added.includes(d.domain)));
  const refusals: { id: string; message: MessageDescriptor; values?: MessageArgs }[] = [];
  const issues: FieldIssue[] = [];
  if (!ctx.settings.allowedTenantIds.has(input.tenantId)) {
    refusals.push({ id: "agency.tenant_not_allowed", message: m.tenantNotAllowed });
    issues.push(fieldIssue("tenantId", v.tenantNotAllowed));
  }
  if (changed && !anyoneCanSignIn(domains)) {
    refusals.push({ id: "agency.no_live_domain", message: m.noLiveDomain });
    issues.push(fieldIssue("emailDomains", v.noLiveDomain));
  } else if (notLive.length > 0 && input.acknowledgeInactiveDomains !== true) {
    refusals.push({ id: "agency.inactive_domains", message: m.inactiveDomains, values: { count: notLive.length } });
    issues.push(fieldIssue("emailDomains", v.notAllLive, { count: notLive.length }), fieldIssue("acknowledgeInactiveDomains", v.acknowledge, { count: notLive.length }));
  }
  const first = refusals[0];
  if (first) throw new CommandError("invalid", first.id, first.message, first.values, { issues, domains });
  return { domains, notLive };
}

async function checkAgency(ctx: CommandContext, input: AgencyInput, id: string | null): Promise<void> {
  // Names clash when they look alike (`nameKey`), as community names do. Rows without a key (written by an
  // older release, or a look-alike migration 0007 found) are keyed here.
  const key = nameKey(input.name);
  const clash = await ctx.db
    .selectFrom("agencies")
    .select(["id", "name", "name_key", "email_domains"])
    .where((eb) => eb.or([eb("name_key", "=", key), eb("name_key", "is", null), eb(sql<string>`lower(name)`, "=", input.name.toLowerCase()), eb("email_domains", "&&", sql<string[]>`${input.emailDomains}::text[]`)]))
    .$if(id !== null, (q) => q.where("id", "!=", id ?? ""))
    .execute();
  const sameName = clash.find((a) => (a.name_key ?? nameKey(a.name)) === key || a.name.toLowerCase() === input.name.toLowerCase());
  if (sameName) {
    const alike = sameName.name.toLowerCase() !== input.name.toLowerCase();
    throw new CommandError("conflict", "agency.name_taken", alike ? m.nameTakenAlike : m.nameTaken, { name: sameName.name }, { issues: [fieldIssue("name", v.nameTaken)] });
  }
  const shared = clash.flatMap((a) => a.email_domains.filter((d) => input.emailDomains.includes(d)).map((d) => `${d} (${a.name})`));
  if (shared.length > 0) {
    throw new CommandError("conflict", "agency.domain_taken", m.domainTaken, { domains: shared.join(", ") }, { issues: [fieldIssue("emailDomains", v.domainTaken)] });
  }
}

/**
 * Names and email domains are unique in the database too (migration 0004: `agencies_name_uq`,
 * `agency_domains_pkey`; migration 0007: `agencies_name_key_uq`), so two registrations racing past `checkAgency` cannot both commit. The loser is
 * answered as `checkAgency` would answer it now, naming the agency that got there first.
 */
async function uniquely<T>(ctx: CommandContext, input: AgencyInput, id: string | null, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (uniqueViolation(err) === undefined) throw err;
    await checkAgency(ctx, input, id);
    throw err; // not found again (the other change was undone meanwhile): errors.ts names the field by constraint
  }
}

/** A platform owner registers an agency; people already known in its tenant are matched to it at once. */
export async function registerAgency(ctx: CommandContext, input: unknown, options: AgencyOptions): Promise<AgencyView & { matchedPeople: number }> {
  requireManager(ctx);
  const a = parseInput(agencyInput, input, m.invalid);
  const signIn = checkSignIn(ctx, a, options, null);
  await checkAgency(ctx, a, null);
  return uniquely(ctx, a, null, () => ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto("agencies")
      .values({ id: sql<string>`gen_random_uuid()`, name: a.name, name_key: nameKey(a.name), short_name: a.shortName, tenant_id: a.tenantId, email_domains: a.emailDomains })
      .returning(["id"])
      .executeTakeFirstOrThrow();
    const matchedPeople = await rematchPeople(tx, a.tenantId);
    await appendAudit(tx, { event: "agency.registered", outcome: "allowed", tenantId: ctx.actor.principal.tenantId, objectId: ctx.actor.principal.objectId, requestId: ctx.requestId, detail: { agencyId: row.id, tenantId: a.tenantId, emailDomains: a.emailDomains } });
    await auditInactive(ctx, tx, row.id, signIn);
    return { id: row.id, name: a.name, shortName: a.shortName, tenantId: a.tenantId, emailDomains: a.emailDomains, domains: signIn.domains, people: matchedPeople, matchedPeople };
  }));
}

export async function updateAgency(ctx: CommandContext, id: string, input: unknown, options: AgencyOptions): Promise<AgencyView & { matchedPeople: number }> {
  requireManager(ctx);
  if (!GUID_PATTERN.test(id)) throw new CommandError("not_found", "agency.not_found", m.notFound);
  const a = parseInput(agencyInput, input, m.invalid);
  const before = await ctx.db.selectFrom("agencies").selectAll().where("id", "=", id).executeTakeFirst();
  if (!before) throw new CommandError("not_found", "agency.not_found", m.notFound);
  const signIn = checkSignIn(ctx, a, options, before.email_domains);
  await checkAgency(ctx, a, id);
  return uniquely(ctx, a, id, () => ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable("agencies").set({ name: a.name, name_key: nameKey(a.name), short_name: a.shortName, tenant_id: a.tenantId, email_domains: a.emailDomains }).where("id", "=", id).execute();
    let matchedPeople = await rematchPeople(tx, a.tenantId);
    if (before.tenant_id !== a.tenantId) matchedPeople += await rematchPeople(tx, before.tenant_id);
    await appendAudit(tx, {
      event: "agency.changed",
      outcome: "allowed",
      tenantId: ctx.actor.principal.tenantId,
      objectId: ctx.actor.principal.objectId,
      requestId: ctx.requestId,
      detail: { agencyId: id, before: { name: before.name, tenantId: before.tenant_id, emailDomains: before.email_domains }, after: { name: a.name, tenantId: a.tenantId, emailDomains: a.emailDomains } },
    });
    await auditInactive(ctx, tx, id, signIn);
    const people = await tx.selectFrom("people").select((eb) => eb.fn.countAll<string>().as("n")).where("agency_id", "=", id).executeTakeFirstOrThrow();
    return { id, name: a.name, shortName: a.shortName, tenantId: a.tenantId, emailDomains: a.emailDomains, domains: signIn.domains, people: Number(people.n), matchedPeople };
  }));
}

/** An agency saved with domains its people cannot (all) sign in with: the platform owner confirmed it; say so in the audit log. */
async function auditInactive(ctx: CommandContext, tx: Kysely<Database>, agencyId: string, signIn: { domains: DomainStatus[]; notLive: string[] }): Promise<void> {
  if (signIn.notLive.length === 0) return;
  await appendAudit(tx, {
    event: "agency.inactive_domains_acknowledged",
    outcome: "allowed",
    tenantId: ctx.actor.principal.tenantId,
    objectId: ctx.actor.principal.objectId,
    requestId: ctx.requestId,
    detail: { agencyId, notLive: signIn.domains.filter((d) => signIn.notLive.includes(d.domain)) },
  });
}
