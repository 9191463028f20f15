/**
 * Invitations (issue 8). A moderator invites, in one of three ways:
 * - `personId`: someone who has already opened Guildhall (idempotent: inviting again answers as if once);
 * - `objectId`: a member of the host tenant found in its directory through Microsoft Graph (never a guest);
 * - `email`: an address in the email domain of a registered agency whose tenant and domain are on the sign-in
 *   allow-list (someone in another tenant that Guildhall allows).
 * The last two are stored by tenant and object id or address (migration 0009), never as a person row: the invitee
 * finds the invitation, with a notice, when they first open Guildhall (`attachPendingInvitations`). Refusals
 * (outside the allow-list, a guest, already invited, already a member, another agency's community, too many
 * invitations in an hour) answer beside the field and write nothing. Who may invite is the policy's decision.
 */
import { sql, type Kysely } from "kysely";
import { z } from "zod";
import { agencyAdmitted } from "../../domain/communityPolicy.js";
import { emailDomain } from "../../domain/identity.js";
import { domainAllowed } from "../../domain/policy.js";
import { lineText } from "../../domain/text.js";
import { GraphFailure } from "../../graph/errors.js";
import { GRAPH_CALLS } from "../../graph/permissions.js";
import { defineMessages, type MessageDescriptor } from "../../i18n/format.js";
import { appendAudit } from "../../store/audit.js";
import { matchAgency } from "../../store/people.js";
import type { Agency, Database } from "../../store/schema.js";
import { CommandError, fieldIssue, parseInput, uniqueViolation, type CommandContext, type UserDirectory } from "../context.js";
import { NOTICES, notify } from "../notify.js";
import { check, loadVisible, type Loaded } from "./load.js";
import { ALREADY_MEMBER, PERSON_MESSAGES } from "./membership.js";

/** How many invitations one person may send in an hour, across communities. */
export const INVITES_PER_HOUR = 50;
/** How many directory matches a search offers. */
const DIRECTORY_RESULTS = 10;

const m = defineMessages({
  chooseOne: { id: "community.invite.error.chooseOne", defaultMessage: "Choose a person to invite, or enter an email address.", description: "Server refusal: the request named no one, or more than one way" },
  emailInvalid: { id: "community.invite.error.emailInvalid", defaultMessage: "Enter an email address, such as name@agency.gov.au.", description: "Beside the email field" },
  domainNotAllowed: {
    id: "community.invite.error.domainNotAllowed",
    defaultMessage: "Guildhall cannot invite {domain} addresses: only agencies on its sign-in allow-list can use it.",
    description: "Beside the email field. domain: the part of the address after @",
  },
  noDirectory: {
    id: "community.invite.error.noDirectory",
    defaultMessage: "Microsoft 365 is not connected here, so people can be invited only from Guildhall or by email.",
    description: "Local mode has no directory",
  },
  notInDirectory: { id: "community.invite.error.notInDirectory", defaultMessage: "That person is not in your organisation's directory any more.", description: "The directory no longer has the person chosen" },
  guest: {
    id: "community.invite.error.guest",
    defaultMessage: "Guest accounts cannot be invited. Invite the person by the email address of their own agency instead.",
    description: "The person chosen from the directory is a guest",
  },
  disabled: { id: "community.invite.error.disabled", defaultMessage: "That person's account is disabled.", description: "The directory account is disabled" },
  noAddress: {
    id: "community.invite.error.noAddress",
    defaultMessage: "That person has no email address in an agency on Guildhall's sign-in allow-list, so they could not sign in.",
    description: "The directory account's address is outside the allow-list",
  },
  alreadyInvited: { id: "community.invite.error.alreadyInvited", defaultMessage: "{who} has already been invited.", description: "who: the person's name or email address" },
  tooMany: {
    id: "community.invite.error.tooMany",
    defaultMessage: "You have sent {limit, plural, one {# invitation} other {# invitations}} in the last hour, the most Guildhall allows. Try again later.",
    description: "Rate limit per inviter. limit: the number allowed per hour",
  },
  directoryPermission: {
    id: "community.invite.error.directoryPermission",
    defaultMessage:
      "Guildhall cannot search your organisation's directory: its app registration lacks the Microsoft Graph permission {permission}, or it has no administrator consent. Ask your Guildhall administrator to grant it. People already in Guildhall, and email invitations, still work.",
    description: "503 for the operator. permission: the Graph application permission's name (User.Read.All)",
  },
  directoryUnavailable: {
    id: "community.invite.error.directoryUnavailable",
    defaultMessage: "Your organisation's directory did not answer. Try again in a moment.",
    description: "503: Graph failed or is throttling",
  },
  invalidSearch: { id: "community.invite.error.invalidSearch", defaultMessage: "The search is not valid.", description: "The directory search's text is not valid" },
});

/** The sentences above, for the completeness tests. */
export const INVITE_ERRORS = m;

const EMAIL = /^[^\s@]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

const inviteSchema = z
  .object({
    personId: z.uuid().optional(),
    objectId: z.uuid().optional(),
    email: z.string().max(254).optional(),
  })
  .strict();

function refuse(kind: "invalid" | "conflict" | "forbidden", id: string, field: string, message: MessageDescriptor, values?: Record<string, string | number>, extra: Record<string, unknown> = {}): CommandError {
  return new CommandError(kind, id, message, values, { issues: [fieldIssue(field, message, values)], ...extra });
}

function settings(ctx: CommandContext) {
  return ctx.settings.invitations ?? { allowedEmailDomains: [] as readonly string[] };
}

/** The directory, when Graph is connected. */
function directoryOf(ctx: CommandContext): { directory: UserDirectory; hostTenantId: string } | undefined {
  const s = settings(ctx);
  return ctx.settings.graphConnected && s.directory && s.hostTenantId ? { directory: s.directory, hostTenantId: s.hostTenantId.toLowerCase() } : undefined;
}

/** Agencies whose people can sign in: their tenant is allow-listed. */
async function liveAgencies(ctx: CommandContext): Promise<Agency[]> {
  const rows = await ctx.db.selectFrom("agencies").selectAll().orderBy("name").execute();
  return rows.filter((a) => ctx.settings.allowedTenantIds.has(a.tenant_id.toLowerCase()));
}

/** The agency an address belongs to, when someone with it could sign in (domain and tenant allow-listed). */
function agencyForAddress(ctx: CommandContext, agencies: readonly Agency[], domain: string): Agency | undefined {
  if (!domainAllowed(domain, settings(ctx).allowedEmailDomains)) return undefined;
  return agencies.find((a) => a.email_domains.some((d) => d === domain || (d.startsWith(".") && domain.endsWith(d))));
}

async function rateLimit(ctx: CommandContext): Promise<void> {
  const sent = await ctx.db
    .selectFrom("invitations")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("invited_by", "=", ctx.person.id)
    .where("created_at", ">", sql<Date>`now() - interval '1 hour'`)
    .executeTakeFirstOrThrow();
  if (Number(sent.n) >= INVITES_PER_HOUR) throw new CommandError("too_many", "community.invite_rate_limited", m.tooMany, { limit: INVITES_PER_HOUR });
}

async function audit(ctx: CommandContext, db: Kysely<Database>, event: string, detail: Record<string, unknown>) {
  await appendAudit(db, { event, outcome: "info", tenantId: ctx.actor.principal.tenantId, objectId: ctx.actor.principal.objectId, requestId: ctx.requestId, detail });
}

/** Moderators invite a public servant; an invitation lets them join even a closed or hidden community. */
export async function invite(ctx: CommandContext, communityId: string, input: unknown): Promise<void> {
  const loaded = await loadVisible(ctx, communityId);
  check(loaded, "community.invite");
  const i = parseInput(inviteSchema, input);
  const ways = [i.personId, i.objectId, i.email].filter((x) => x !== undefined).length;
  if (ways !== 1) throw refuse("invalid", "request.invalid", i.email !== undefined ? "email" : "personId", m.chooseOne);
  if (i.personId !== undefined) return invitePerson(ctx, loaded, i.personId, "personId");
  if (i.objectId !== undefined) return inviteFromDirectory(ctx, loaded, i.objectId.toLowerCase());
  return inviteByEmail(ctx, loaded, i.email ?? "");
}

async function invitePerson(ctx: CommandContext, loaded: Loaded, personId: string, field: string, resolvedFrom?: string): Promise<void> {
  const communityId = loaded.community.id;
  const target = await ctx.db.selectFrom("people").select(["id", "display_name", "agency_id"]).where("id", "=", personId).executeTakeFirst();
  if (!target) throw refuse("invalid", "community.unknown_person", field, PERSON_MESSAGES.unknownPerson);
  if (!agencyAdmitted(loaded.facts, target.agency_id)) throw refuse("forbidden", "community.agency_only", field, PERSON_MESSAGES.personAgencyOnly, undefined, { reason: "agency_only" });
  const member = await ctx.db.selectFrom("memberships").select("role").where("community_id", "=", communityId).where("person_id", "=", personId).executeTakeFirst();
  if (member) throw new CommandError("conflict", "community.already_member", ALREADY_MEMBER, undefined, { issues: [fieldIssue(field, ALREADY_MEMBER)] });
  const existing = await ctx.db.selectFrom("invitations").select("id").where("community_id", "=", communityId).where("person_id", "=", personId).executeTakeFirst();
  if (existing) {
    // Inviting the same person again by the same way answers as if once; by another way (an address that turns
    // out to be theirs) it is a duplicate, and says so.
    if (resolvedFrom !== undefined) throw refuse("conflict", "community.already_invited", field, m.alreadyInvited, { who: target.display_name });
    return;
  }
  await rateLimit(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    // Inviting again (or twice at once) answers as if once: one invitation, one notice.
    const created = await tx
      .insertInto("invitations")
      .values({ community_id: communityId, person_id: personId, invited_by: ctx.person.id })
      .onConflict((oc) => oc.columns(["community_id", "person_id"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!created) return;
    await notify(tx, { personId, kind: "invited", communityId, message: NOTICES.invited, values: { name: ctx.person.display_name, community: loaded.community.display_name } });
    await audit(ctx, tx, "community.invited", { communityId, personId, ...(resolvedFrom ? { by: resolvedFrom } : {}) });
  });
}

/** Store an invitation for someone not yet in Guildhall; a concurrent twin (the unique index) is a duplicate. */
async function invitePending(
  ctx: CommandContext,
  loaded: Loaded,
  row: { invitee_email: string | null; invitee_object_id: string | null; invitee_tenant_id: string; invitee_name: string | null },
  field: string,
  who: string,
): Promise<void> {
  const communityId = loaded.community.id;
  const twin = await ctx.db
    .selectFrom("invitations")
    .select("id")
    .where("community_id", "=", communityId)
    .where("invitee_tenant_id", "=", row.invitee_tenant_id)
    .where((eb) => (row.invitee_object_id ? eb("invitee_object_id", "=", row.invitee_object_id) : eb("invitee_email", "=", row.invitee_email)))
    .executeTakeFirst();
  if (twin) throw refuse("conflict", "community.already_invited", field, m.alreadyInvited, { who });
  await rateLimit(ctx);
  try {
    await ctx.db.transaction().execute(async (tx) => {
      await tx.insertInto("invitations").values({ community_id: communityId, person_id: null, invited_by: ctx.person.id, ...row }).execute();
      await audit(ctx, tx, "community.invited_pending", {
        communityId,
        tenantId: row.invitee_tenant_id,
        ...(row.invitee_object_id ? { objectId: row.invitee_object_id } : { emailDomain: emailDomain(row.invitee_email ?? "") }),
      });
    });
  } catch (err) {
    if (uniqueViolation(err) !== undefined) throw refuse("conflict", "community.already_invited", field, m.alreadyInvited, { who });
    throw err;
  }
}

async function inviteFromDirectory(ctx: CommandContext, loaded: Loaded, objectId: string): Promise<void> {
  const dir = directoryOf(ctx);
  if (!dir) throw refuse("invalid", "community.directory_not_connected", "objectId", m.noDirectory);
  const known = await ctx.db.selectFrom("people").select("id").where("tenant_id", "=", dir.hostTenantId).where("object_id", "=", objectId).executeTakeFirst();
  if (known) return invitePerson(ctx, loaded, known.id, "objectId", "objectId");
  const user = await directoryCall(ctx, () => dir.directory.getUser(dir.hostTenantId, objectId));
  if (!user) throw refuse("invalid", "community.not_in_directory", "objectId", m.notInDirectory);
  if (user.userType === "Guest") throw refuse("invalid", "community.invite_guest", "objectId", m.guest);
  if (!user.accountEnabled) throw refuse("invalid", "community.invite_disabled", "objectId", m.disabled);
  const address = (user.mail ?? user.userPrincipalName).toLowerCase();
  const domain = emailDomain(address);
  const agencies = (await liveAgencies(ctx)).filter((a) => a.tenant_id.toLowerCase() === dir.hostTenantId);
  if (!domain || !domainAllowed(domain, settings(ctx).allowedEmailDomains) || !ctx.settings.allowedTenantIds.has(dir.hostTenantId)) {
    throw refuse("invalid", "community.invite_outside_allow_list", "objectId", m.noAddress);
  }
  const agency = matchAgency(agencies, domain);
  if (!agencyAdmitted(loaded.facts, agency?.id ?? null)) throw refuse("forbidden", "community.agency_only", "objectId", PERSON_MESSAGES.personAgencyOnly, undefined, { reason: "agency_only" });
  // The same person invited by address before: one invitation is enough.
  const byAddress = await ctx.db.selectFrom("invitations").select("id").where("community_id", "=", loaded.community.id).where("invitee_tenant_id", "=", dir.hostTenantId).where("invitee_email", "=", address).executeTakeFirst();
  const name = (user.displayName ?? address).slice(0, 256);
  if (byAddress) throw refuse("conflict", "community.already_invited", "objectId", m.alreadyInvited, { who: name });
  await invitePending(ctx, loaded, { invitee_email: null, invitee_object_id: objectId, invitee_tenant_id: dir.hostTenantId, invitee_name: name }, "objectId", name);
}

async function inviteByEmail(ctx: CommandContext, loaded: Loaded, raw: string): Promise<void> {
  const email = raw.trim().toLowerCase();
  if (!EMAIL.test(email)) throw refuse("invalid", "request.invalid", "email", m.emailInvalid);
  const domain = emailDomain(email) ?? "";
  const agency = agencyForAddress(ctx, await liveAgencies(ctx), domain);
  if (!agency) throw refuse("invalid", "community.invite_outside_allow_list", "email", m.domainNotAllowed, { domain });
  const tenantId = agency.tenant_id.toLowerCase();
  const known = await ctx.db.selectFrom("people").select("id").where("tenant_id", "=", tenantId).where(sql<string>`lower(email)`, "=", email).executeTakeFirst();
  if (known) return invitePerson(ctx, loaded, known.id, "email", "email");
  if (!agencyAdmitted(loaded.facts, agency.id)) throw refuse("forbidden", "community.agency_only", "email", PERSON_MESSAGES.personAgencyOnly, undefined, { reason: "agency_only" });
  await invitePending(ctx, loaded, { invitee_email: email, invitee_object_id: null, invitee_tenant_id: tenantId, invitee_name: null }, "email", email);
}

/** A Graph call on behalf of the invite box: a refusal or an outage is a 503 that says what to do. */
async function directoryCall<T>(ctx: CommandContext, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof GraphFailure)) throw err;
    await appendAudit(ctx.db, {
      event: "graph.directory_refused",
      outcome: "denied",
      tenantId: ctx.actor.principal.tenantId,
      objectId: ctx.actor.principal.objectId,
      requestId: ctx.requestId,
      detail: { status: err.status, code: err.code, refusal: err.refusal ?? null, graphRequestId: err.requestId ?? null },
    });
    if (err.refusal === "permission") {
      const permission = GRAPH_CALLS.find((c) => c.method === "GET" && c.path === "/users")?.permission ?? "User.Read.All";
      throw new CommandError("unavailable", "graph.permission_missing", m.directoryPermission, { permission });
    }
    throw new CommandError("unavailable", "graph.unavailable", m.directoryUnavailable);
  }
}

const searchSchema = z.object({ q: lineText({ field: "search", min: 1, max: 100 }) }).strict();

export interface DirectoryMatch {
  objectId: string;
  displayName: string;
  mail: string | null;
  jobTitle: string | null;
  /** A pending invitation to this community already names them. */
  invited: boolean;
}

/**
 * People in the host tenant's directory who have not opened Guildhall yet, to invite (members only, never guests;
 * only those whose address could sign in). `connected: false` in local mode, where there is no directory.
 */
export async function searchDirectory(ctx: CommandContext, communityId: string, query: unknown): Promise<{ connected: boolean; items: DirectoryMatch[] }> {
  const loaded = await loadVisible(ctx, communityId);
  check(loaded, "community.invite");
  const { q } = parseInput(searchSchema, query, m.invalidSearch);
  const dir = directoryOf(ctx);
  if (!dir) return { connected: false, items: [] };
  const found = await directoryCall(ctx, () => dir.directory.searchUsers(q, DIRECTORY_RESULTS * 2));
  const allowed = settings(ctx).allowedEmailDomains;
  const candidates = found.filter((u) => {
    const d = emailDomain((u.mail ?? u.userPrincipalName).toLowerCase());
    return d !== undefined && domainAllowed(d, allowed);
  });
  if (candidates.length === 0) return { connected: true, items: [] };
  const ids = candidates.map((u) => u.objectId.toLowerCase());
  const [known, invited] = await Promise.all([
    ctx.db.selectFrom("people").select("object_id").where("tenant_id", "=", dir.hostTenantId).where("object_id", "in", ids).execute(),
    ctx.db.selectFrom("invitations").select("invitee_object_id").where("community_id", "=", loaded.community.id).where("invitee_tenant_id", "=", dir.hostTenantId).where("invitee_object_id", "in", ids).execute(),
  ]);
  const inGuildhall = new Set(known.map((k) => k.object_id.toLowerCase()));
  const pending = new Set(invited.map((k) => k.invitee_object_id));
  return {
    connected: true,
    items: candidates
      .filter((u) => !inGuildhall.has(u.objectId.toLowerCase()))
      .slice(0, DIRECTORY_RESULTS)
      .map((u) => ({ objectId: u.objectId.toLowerCase(), displayName: u.displayName, mail: u.mail, jobTitle: u.jobTitle, invited: pending.has(u.objectId.toLowerCase()) })),
  };
}

export interface PendingInvitation {
  id: string;
  /** How the invitee is named: a Guildhall person, a directory entry, or an address. */
  kind: "person" | "directory" | "email";
  personId: string | null;
  objectId: string | null;
  /** The person's name (Guildhall's, or the directory's); null for an address. */
  displayName: string | null;
  email: string | null;
  invitedBy: string;
  createdAt: Date;
}

/**
 * For those who may invite: who is invited and has not joined yet (including people who have not opened Guildhall),
 * whether the directory can be searched here, and the address domains an email invitation accepts.
 */
export async function invitationsView(
  ctx: CommandContext,
  loaded: Loaded,
  canInvite: boolean,
): Promise<{ pending: PendingInvitation[]; directory: boolean; emailDomains: string[] } | null> {
  if (!canInvite) return null;
  const [rows, agencies] = await Promise.all([
    ctx.db
      .selectFrom("invitations as i")
      .leftJoin("people as p", "p.id", "i.person_id")
      .innerJoin("people as by", "by.id", "i.invited_by")
      .select(["i.id", "i.person_id", "i.invitee_object_id", "i.invitee_email", "i.invitee_name", "i.created_at", "p.display_name", "by.display_name as invited_by"])
      .where("i.community_id", "=", loaded.community.id)
      .orderBy("i.created_at", "desc")
      .limit(200)
      .execute(),
    liveAgencies(ctx),
  ]);
  const allowed = settings(ctx).allowedEmailDomains;
  const emailDomains = agencies
    .filter((a) => agencyAdmitted(loaded.facts, a.id))
    .flatMap((a) => a.email_domains)
    .filter((d) => !d.startsWith(".") && domainAllowed(d, allowed));
  return {
    directory: directoryOf(ctx) !== undefined,
    emailDomains: [...new Set(emailDomains)].sort(),
    pending: rows.map((r) => ({
      id: r.id,
      kind: r.person_id ? "person" : r.invitee_object_id ? "directory" : "email",
      personId: r.person_id,
      objectId: r.invitee_object_id,
      displayName: r.display_name ?? r.invitee_name,
      email: r.invitee_email,
      invitedBy: r.invited_by,
      createdAt: r.created_at,
    })),
  };
}
