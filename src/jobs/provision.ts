/**
 * Provisioning a community's Teams presence. Every step records its intent before calling Teams and
 * its result after, and looks for what an earlier, interrupted run may already have created, so a job
 * that crashes halfway and runs again never creates a second channel or team. Creates are never re-sent
 * blindly: when Teams' answer is lost (504, timeout) the team or channel is looked for first, known by the
 * marker Guildhall puts in its description. A channel name already used in the host team (names are unique
 * there, not across Guildhall's hidden communities) gets a numbered suffix, without telling the proposer.
 */
import { sql, type Kysely } from "kysely";
import { numberedChannelName, teamsNameOf } from "../domain/teamsNames.js";
import { appendAudit } from "../store/audit.js";
import type { Community, Database, TeamsLink } from "../store/schema.js";
import { asTeamsFailure, type TeamsPort } from "./ports.js";
import { addToTeam, syncMembers } from "./syncMembers.js";

export interface ProvisionDeps {
  db: Kysely<Database>;
  teams: TeamsPort;
  hostTeamId: string;
  /** Tenant whose people can be added directly (the host tenant). */
  hostTenantId: string;
  /**
   * How long a POST /teams whose answer was lost stays unconfirmed before it is sent again, in ms: a new team
   * can take minutes to appear in GET /teams. Default 10 minutes. (Channels are listed at once: no wait.)
   */
  unconfirmedTeamMs?: number;
}

/** Microsoft Teams is still making the team: run the job again after `pollAfterSeconds`, no sooner. */
export interface WaitingForTeam {
  outcome: "waiting";
  pollAfterSeconds: number;
}

export type ProvisionOutcome = "linked" | "failed" | "skipped" | WaitingForTeam;

async function setStep(db: Kysely<Database>, communityId: string, step: string, status: "running" | "done" | "failed" | "pending", detail: string | null, result?: Record<string, unknown>) {
  await db
    .updateTable("provisioning_steps")
    .set({ status, detail, updated_at: sql<Date>`now()`, ...(result ? { result: JSON.stringify(result) } : {}) })
    .where("community_id", "=", communityId)
    .where("step", "=", step)
    .execute();
}

async function updateLink(db: Kysely<Database>, communityId: string, values: Partial<Pick<TeamsLink, "state" | "team_id" | "channel_id" | "web_url" | "operation_location" | "last_error">>) {
  await db.updateTable("teams_links").set({ ...values, updated_at: sql<Date>`now()` }).where("community_id", "=", communityId).execute();
}

async function ownerObjectIds(deps: ProvisionDeps, communityId: string): Promise<string[]> {
  const rows = await deps.db
    .selectFrom("memberships as m")
    .innerJoin("people as p", "p.id", "m.person_id")
    .select("p.object_id")
    .where("m.community_id", "=", communityId)
    .where("m.role", "=", "owner")
    .where("p.tenant_id", "=", deps.hostTenantId)
    .orderBy("m.joined_at")
    .execute();
  return rows.map((r) => r.object_id);
}

/**
 * Run (or resume) provisioning for one community. Returns {@link WaitingForTeam} while a team is still being
 * created (or replicated): the caller re-queues the job to start after its `pollAfterSeconds`.
 */
export async function provisionCommunity(deps: ProvisionDeps, communityId: string): Promise<ProvisionOutcome> {
  const community = await deps.db.selectFrom("communities").selectAll().where("id", "=", communityId).executeTakeFirst();
  const link = await deps.db.selectFrom("teams_links").selectAll().where("community_id", "=", communityId).executeTakeFirst();
  if (!community || !link || community.status !== "approved") return "skipped";
  if (link.state === "linked") return "linked";
  await deps.db.updateTable("teams_links").set({ state: "provisioning", attempts: sql<number>`attempts + 1`, last_error: null, updated_at: sql<Date>`now()` }).where("community_id", "=", communityId).execute();
  let current = "create";
  try {
    if (community.teams_presence === "team") {
      current = "create_team";
      const outcome = await provisionTeam(deps, community, link);
      if (outcome !== "linked") return outcome;
    } else {
      current = "create_channel";
      await provisionChannel(deps, community, link);
    }
    current = "sync_members";
    await setStep(deps.db, communityId, "sync_members", "running", null);
    const report = await syncMembers(deps, communityId);
    await setStep(deps.db, communityId, "sync_members", "done", report.notInHostTenant > 0 ? `${report.notInHostTenant} member(s) from other tenants need cross-tenant access` : null, { ...report });
    await updateLink(deps.db, communityId, { state: "linked", last_error: null });
    await appendAudit(deps.db, { event: "community.provisioned", outcome: "info", detail: { communityId } });
    return "linked";
  } catch (err) {
    const failure = asTeamsFailure(err);
    await setStep(deps.db, communityId, current, failure.retryable ? "pending" : "failed", failure.userMessage);
    await updateLink(deps.db, communityId, { state: failure.retryable ? "provisioning" : "failed", last_error: failure.userMessage });
    if (failure.retryable) throw err;
    return "failed";
  }
}

/** Documented: poll a teamsAsyncOperation no more often than every 30 s, unless Teams' Retry-After says later. */
export const DEFAULT_POLL_SECONDS = 30;
const NAME_ATTEMPTS = 20;

/** What Guildhall writes into the description of a team or channel it creates, to know it again. */
export const provisioningMarker = (communityId: string) => `Guildhall community ${communityId}`;

function describe(purpose: string, marker: string): string {
  return `${purpose.slice(0, 1024 - marker.length - 2)}\n\n${marker}`;
}

/** The n-th name to try for a community's channel: its Teams name, then "name (2)", "name (3)"… within 50 characters. */
export function channelName(name: string, n: number): string {
  return numberedChannelName(name, n);
}

const retryable = (message: string) => Object.assign(new Error(message), { retryable: true, userMessage: message });
const permanent = (message: string) => Object.assign(new Error(message), { retryable: false, userMessage: message });
const statusOf = (err: unknown) => (typeof err === "object" && err !== null && typeof (err as { status?: unknown }).status === "number" ? (err as { status: number }).status : undefined);
/** Teams may or may not have done it: no answer, or a 5xx after the request reached it. */
const outcomeUnknown = (err: unknown) => statusOf(err) === undefined || statusOf(err) === 0 || (statusOf(err) ?? 0) >= 500;
/** Graph's answer to a channel name in use (400 NameAlreadyExists / "Channel name already existed"), including by a deleted channel. */
const nameTaken = (err: unknown) => statusOf(err) === 400 && /NameAlreadyExists|already exist/i.test(`${String((err as { code?: unknown }).code)} ${String((err as { userMessage?: unknown }).userMessage)}`);

interface Intent {
  displayName?: string;
  attempt?: number;
  sentAt?: string;
}

async function intentOf(db: Kysely<Database>, communityId: string, step: string): Promise<Intent> {
  const row = await db.selectFrom("provisioning_steps").select("result").where("community_id", "=", communityId).where("step", "=", step).executeTakeFirst();
  const intent = row?.result?.["intent"];
  return typeof intent === "object" && intent !== null ? (intent as Intent) : {};
}

/** A team create sent less than `unconfirmedTeamMs` ago, with no answer, that Teams does not list yet: look again later. */
function stillUnconfirmed(deps: ProvisionDeps, intent: Intent): boolean {
  return intent.sentAt !== undefined && Date.now() - Date.parse(intent.sentAt) < (deps.unconfirmedTeamMs ?? 600_000);
}

/**
 * A private channel's owner must be a member of the host team: the first of the community's host-tenant owners who
 * is in the team, or whom Teams adds to it now (the same way membership sync adds people, so they are recorded and
 * released from the team once no community there needs them). When Teams refuses every owner (or refused them
 * before and nothing changed), the set-up fails with Teams' reason; the refusal is recorded, so the next sync or
 * retry does not ask Teams again before its backoff.
 */
async function ownerInHostTeam(deps: ProvisionDeps, owners: readonly string[]): Promise<string> {
  const members = new Set((await deps.teams.listMembers({ teamId: deps.hostTeamId })).map((m) => m.objectId));
  const inTeam = owners.find((id) => members.has(id.toLowerCase()));
  if (inTeam) return inTeam;
  const r = await addToTeam(deps, deps.hostTeamId, owners);
  const added = owners.find((id) => r.added.includes(id));
  if (added) return added;
  const reason = r.refused[0]?.error || r.heldBack[0]?.error || "refused";
  throw permanent(`Microsoft Teams could not add the channel's owner to the host team (${reason}); channel members must be members of the team. Retry once their account is ready in Teams, or make another owner from the host tenant.`);
}

async function provisionChannel(deps: ProvisionDeps, c: Community, link: TeamsLink): Promise<void> {
  if (link.channel_id) {
    await setStep(deps.db, c.id, "create_channel", "done", null);
  } else {
    const membershipType = c.teams_presence === "private_channel" ? "private" : "standard";
    const candidates = membershipType === "private" ? await ownerObjectIds(deps, c.id) : [];
    if (membershipType === "private" && candidates.length === 0) throw permanent("A private channel needs an owner from the host tenant; add one as an owner and retry.");
    const marker = provisioningMarker(c.id);
    const prior = await intentOf(deps.db, c.id, "create_channel");
    await setStep(deps.db, c.id, "create_channel", "running", null, { intent: { ...prior, teamId: deps.hostTeamId } });
    const owners = candidates.length > 0 ? [await ownerInHostTeam(deps, candidates)] : [];
    const done = async (channel: { id: string; webUrl: string | null }, detail: string | null) => {
      await updateLink(deps.db, c.id, { team_id: deps.hostTeamId, channel_id: channel.id, web_url: channel.webUrl });
      await setStep(deps.db, c.id, "create_channel", "done", detail, { channelId: channel.id });
    };
    let created = false;
    for (let attempt = prior.attempt ?? 1; attempt <= NAME_ATTEMPTS && !created; attempt++) {
      const name = channelName(teamsNameOf(c), attempt);
      const found = await deps.teams.findChannelByName(deps.hostTeamId, name);
      // A run from before channels were marked recorded only the name: its unlinked channel of that name is ours.
      const legacy = found && prior.attempt === undefined && prior.displayName === name && !(await deps.db.selectFrom("teams_links").select("community_id").where("channel_id", "=", found.id).executeTakeFirst());
      if (found && (found.description?.includes(marker) || legacy)) {
        await done(found, "Found the channel an earlier attempt created");
        created = true;
        break;
      }
      if (found) continue; // another community's channel (or one made in Teams) has this name
      await setStep(deps.db, c.id, "create_channel", "running", null, { intent: { teamId: deps.hostTeamId, displayName: name, attempt, sentAt: new Date().toISOString() } });
      try {
        const channel = await deps.teams.createChannel(deps.hostTeamId, { displayName: name, description: describe(c.purpose, marker), membershipType, ownerObjectIds: owners });
        // A suffixed name is not explained here: owners would learn that a (possibly hidden) community's channel exists.
        await done(channel, null);
        created = true;
      } catch (err) {
        if (nameTaken(err)) continue; // used by a channel Teams does not list (a deleted channel keeps its name)
        if (!outcomeUnknown(err)) throw err;
        const made = await deps.teams.findChannelByName(deps.hostTeamId, name);
        if (!made?.description?.includes(marker)) throw err;
        await done(made, "Found the channel Teams created although its answer was lost");
        created = true;
      }
    }
    if (!created) throw permanent("Guildhall could not find a free channel name in the host team; rename the community or tidy the host team's channels, then retry.");
  }
  if (c.teams_presence === "private_channel") await setStep(deps.db, c.id, "add_owners", "done", null);
}

async function findOurTeam(deps: ProvisionDeps, c: Community): Promise<string | undefined> {
  const marker = provisioningMarker(c.id);
  return (await deps.teams.findTeamsByName(teamsNameOf(c))).find((t) => t.description?.includes(marker))?.teamId;
}

/**
 * Wait for Teams: record when the team may be looked at again (Teams' Retry-After, else the documented 30 s), so a
 * run that starts sooner (a duplicate job, another instance) waits too, and tell the caller when to run again.
 */
async function waitForTeam(db: Kysely<Database>, communityId: string, seconds: number | undefined, detail: string): Promise<WaitingForTeam> {
  const pollAfterSeconds = seconds ?? DEFAULT_POLL_SECONDS;
  const at = new Date(Date.now() + pollAfterSeconds * 1000).toISOString();
  await setStep(db, communityId, "wait_for_team", "running", detail, { pollAfter: at });
  return { outcome: "waiting", pollAfterSeconds };
}

/** Milliseconds until a team being created may be looked at again, if a wait is recorded. */
async function msUntilPoll(db: Kysely<Database>, communityId: string): Promise<number | undefined> {
  const row = await db.selectFrom("provisioning_steps").select("result").where("community_id", "=", communityId).where("step", "=", "wait_for_team").executeTakeFirst();
  const at = typeof row?.result?.["pollAfter"] === "string" ? Date.parse(row.result["pollAfter"]) : Number.NaN;
  return Number.isNaN(at) ? undefined : at - Date.now();
}

const CREATING = "Microsoft Teams is creating the team";

async function provisionTeam(deps: ProvisionDeps, c: Community, link: TeamsLink): Promise<ProvisionOutcome> {
  let teamId = link.team_id;
  let operation = link.operation_location;
  if (!teamId) {
    const owner = (await ownerObjectIds(deps, c.id))[0];
    if (!owner) throw permanent("A new team needs an owner from the host tenant; add one as an owner and retry.");
    const prior = await intentOf(deps.db, c.id, "create_team");
    // An earlier POST /teams whose answer was lost may have made the team: look before sending it again.
    const earlier = prior.sentAt ? await findOurTeam(deps, c) : undefined;
    if (earlier) {
      await updateLink(deps.db, c.id, { team_id: earlier, operation_location: null });
      await setStep(deps.db, c.id, "create_team", "done", "Found the team an earlier attempt created", { teamId: earlier });
      teamId = earlier;
      operation = null;
    } else {
      if (stillUnconfirmed(deps, prior)) throw retryable("Microsoft Teams has not confirmed the new team yet; Guildhall will look for it again.");
      await setStep(deps.db, c.id, "create_team", "running", null, { intent: { displayName: teamsNameOf(c), owner, sentAt: new Date().toISOString() } });
      let started: Awaited<ReturnType<TeamsPort["startTeamCreation"]>>;
      try {
        started = await deps.teams.startTeamCreation({ displayName: teamsNameOf(c), description: describe(c.purpose, provisioningMarker(c.id)), ownerObjectId: owner });
      } catch (err) {
        if (outcomeUnknown(err)) throw retryable("Microsoft Teams did not confirm the new team; Guildhall will look for it before asking again.");
        // A definite refusal: nothing was made, so nothing to wait for.
        await setStep(deps.db, c.id, "create_team", "running", null, { intent: { displayName: teamsNameOf(c), owner } });
        throw err;
      }
      // Record at once: a crash after this point resumes polling instead of creating a second team.
      await updateLink(deps.db, c.id, { team_id: started.teamId, operation_location: started.operationUrl });
      await setStep(deps.db, c.id, "create_team", "done", null, { teamId: started.teamId });
      // The first poll comes no sooner than Teams' Retry-After (else the documented 30 s).
      return waitForTeam(deps.db, c.id, started.retryAfterSeconds, CREATING);
    }
  }
  // A run that comes before the recorded time (a duplicate job, another instance) asks Teams nothing.
  const early = (await msUntilPoll(deps.db, c.id)) ?? 0;
  if (early > 0) return { outcome: "waiting", pollAfterSeconds: Math.ceil(early / 1000) };
  if (operation) {
    const status = await deps.teams.pollOperation(operation);
    if (status.status === "failed") {
      await updateLink(deps.db, c.id, { team_id: null, operation_location: null });
      throw permanent(`Microsoft Teams could not create the team${status.error ? `: ${status.error}` : ""}. Retry to try again.`);
    }
    if (status.status !== "succeeded") return waitForTeam(deps.db, c.id, status.retryAfterSeconds, CREATING);
    // Made: from now on only the team itself is looked at (one GET a run, not two).
    await updateLink(deps.db, c.id, { operation_location: null });
  }
  let webUrl: string | null;
  try {
    webUrl = await deps.teams.getTeamWebUrl(teamId);
  } catch (err) {
    // A just-created team can answer 404 for a while (directory replication): look again in the documented 30 s.
    if (statusOf(err) === 404) return waitForTeam(deps.db, c.id, undefined, "Microsoft Teams has made the team and is still setting it up");
    throw err;
  }
  await updateLink(deps.db, c.id, { operation_location: null, web_url: webUrl });
  await setStep(deps.db, c.id, "wait_for_team", "done", null);
  await setStep(deps.db, c.id, "add_owners", "done", null);
  return "linked";
}

/** What the owner reads when Teams kept failing until the job ran out of retries. */
export const GAVE_UP_MESSAGE = "Microsoft Teams kept failing for a while, so Guildhall stopped trying. Retry the set-up when Teams is working again.";

/**
 * The provisioning job used up its retries (pg-boss moved it to the dead-letter queue): mark the set-up
 * failed, keeping the last reason Teams gave, so owners see it and can retry instead of waiting forever.
 */
export async function abandonProvisioning(db: Kysely<Database>, communityId: string): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const link = await tx
      .updateTable("teams_links")
      .set({ state: "failed", last_error: sql<string>`${GAVE_UP_MESSAGE} || coalesce(' Last answer from Teams: ' || last_error, '')`, updated_at: sql<Date>`now()` })
      .where("community_id", "=", communityId)
      .where("state", "in", ["queued", "provisioning"])
      .returning("community_id")
      .executeTakeFirst();
    if (!link) return false;
    await tx
      .updateTable("provisioning_steps")
      .set({ status: "failed", detail: GAVE_UP_MESSAGE, updated_at: sql<Date>`now()` })
      .where("community_id", "=", communityId)
      .where("status", "in", ["pending", "running"])
      .where("step", "=", (eb) => eb.selectFrom("provisioning_steps as s").select("s.step").where("s.community_id", "=", communityId).where("s.status", "in", ["pending", "running"]).orderBy("s.position").limit(1))
      .execute();
    await appendAudit(tx, { event: "community.provisioning_abandoned", outcome: "info", detail: { communityId } });
    return true;
  });
}
