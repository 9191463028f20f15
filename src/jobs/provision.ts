/**
 * Provisioning a community's Teams presence. Every step records its intent before calling Teams and
 * its result after, and looks for what an earlier, interrupted run may already have created, so a job
 * that crashes halfway and runs again never creates a second channel or team.
 */
import { sql, type Kysely } from "kysely";
import { appendAudit } from "../store/audit.js";
import type { Community, Database, TeamsLink } from "../store/schema.js";
import { asTeamsFailure, type TeamsPort } from "./ports.js";
import { syncMembers } from "./syncMembers.js";

export interface ProvisionDeps {
  db: Kysely<Database>;
  teams: TeamsPort;
  hostTeamId: string;
  /** Tenant whose people can be added directly (the host tenant). */
  hostTenantId: string;
}

export type ProvisionOutcome = "linked" | "waiting_for_team" | "failed" | "skipped";

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
    .execute();
  return rows.map((r) => r.object_id);
}

/**
 * Run (or resume) provisioning for one community. Returns "waiting_for_team" when a team is still being
 * created, so the caller re-queues it no sooner than the documented 30 s polling interval.
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

async function provisionChannel(deps: ProvisionDeps, c: Community, link: TeamsLink): Promise<void> {
  if (!link.channel_id) {
    await setStep(deps.db, c.id, "create_channel", "running", null, { intent: { teamId: deps.hostTeamId, displayName: c.display_name } });
    const existing = await deps.teams.findChannelByName(deps.hostTeamId, c.display_name);
    const membershipType = c.teams_presence === "private_channel" ? "private" : "standard";
    const owners = membershipType === "private" ? await ownerObjectIds(deps, c.id) : [];
    if (membershipType === "private" && owners.length === 0) {
      throw Object.assign(new Error("no owner in host tenant"), { retryable: false, userMessage: "A private channel needs an owner from the host tenant; add one as an owner and retry." });
    }
    const channel = existing ?? (await deps.teams.createChannel(deps.hostTeamId, { displayName: c.display_name, description: c.purpose.slice(0, 1024), membershipType, ownerObjectIds: owners.slice(0, 1) }));
    await updateLink(deps.db, c.id, { team_id: deps.hostTeamId, channel_id: channel.id, web_url: channel.webUrl });
    await setStep(deps.db, c.id, "create_channel", "done", existing ? "Found the channel an earlier attempt created" : null, { channelId: channel.id });
  } else {
    await setStep(deps.db, c.id, "create_channel", "done", null);
  }
  if (c.teams_presence === "private_channel") await setStep(deps.db, c.id, "add_owners", "done", null);
}

async function provisionTeam(deps: ProvisionDeps, c: Community, link: TeamsLink): Promise<ProvisionOutcome> {
  let teamId = link.team_id;
  let operation = link.operation_location;
  if (!teamId) {
    const owners = await ownerObjectIds(deps, c.id);
    const owner = owners[0];
    if (!owner) throw Object.assign(new Error("no owner"), { retryable: false, userMessage: "A new team needs an owner from the host tenant; add one as an owner and retry." });
    await setStep(deps.db, c.id, "create_team", "running", null, { intent: { displayName: c.display_name, owner } });
    const started = await deps.teams.startTeamCreation({ displayName: c.display_name, description: c.purpose.slice(0, 1024), ownerObjectId: owner });
    teamId = started.teamId;
    operation = started.operationUrl;
    // Record at once: a crash after this point resumes polling instead of creating a second team.
    await updateLink(deps.db, c.id, { team_id: teamId, operation_location: operation });
    await setStep(deps.db, c.id, "create_team", "done", null, { teamId });
  }
  if (operation) {
    await setStep(deps.db, c.id, "wait_for_team", "running", "Microsoft Teams is creating the team");
    const status = await deps.teams.pollOperation(operation);
    if (status.status === "failed") {
      await updateLink(deps.db, c.id, { team_id: null, operation_location: null });
      throw Object.assign(new Error("team creation failed"), { retryable: false, userMessage: `Microsoft Teams could not create the team${status.error ? `: ${status.error}` : ""}. Retry to try again.` });
    }
    if (status.status !== "succeeded") return "waiting_for_team";
    let webUrl: string | null;
    try {
      webUrl = await deps.teams.getTeamWebUrl(teamId);
    } catch (err) {
      // A just-created team can answer 404 for a while (directory replication): look again later.
      if ((err as { status?: unknown }).status === 404) return "waiting_for_team";
      throw err;
    }
    await updateLink(deps.db, c.id, { operation_location: null, web_url: webUrl });
  }
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
