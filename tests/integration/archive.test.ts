/**
 * Archiving a community in Teams, against the strict Graph stand-in: the archive is asynchronous (202 +
 * Location), needs ChannelSettings.ReadWrite.All for a channel, is recorded apart from the Guildhall status, and
 * a refusal or a run of failures is shown to the owner with a retry instead of "archived".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { abandonArchive, ARCHIVE_GAVE_UP_MESSAGE, archiveInTeams, MIN_POLL_SECONDS } from "../../src/jobs/archiveTeams.js";
import { provisionCommunity } from "../../src/jobs/provision.js";
import { gatewayFor } from "../support/graph-standin/gateway.js";
import { manifestApplicationPermissions } from "../support/graph-standin/permissions.js";
import { oid, startTeamsFlow, type TeamsFlow } from "../support/teams-flow.js";

let f: TeamsFlow;
beforeAll(async () => {
  f = await startTeamsFlow();
});
afterAll(async () => {
  await f.close();
});

const channelOf = (name: string) => f.g.teams.get(f.hostTeamId)!.channels.find((ch) => ch.displayName === name)!;
const archiveDeps = () => ({ db: f.h.store.db, teams: f.gw });
/** Teams' operations take the stand-in's 200 ms before they succeed. */
const teamsFinishes = () => new Promise((r) => setTimeout(r, 250));

async function provisionedAndArchived(over: Record<string, unknown> = {}, before?: (c: { id: string }) => Promise<unknown>) {
  const c = await f.approved("tom", over);
  expect(await provisionCommunity(f.deps, c.id)).toBe("linked");
  await before?.(c);
  const archived = await f.api("tom", "POST", `/api/v1/communities/${c.id}/archive`, { reason: "The work has finished." });
  expect(archived.status).toBe(200);
  expect(archived.body.status).toBe("archived");
  expect(archived.body.teams).toMatchObject({ state: "linked", archiveState: "queued" });
  return c;
}

describe("archiving a channel community in Teams", () => {
  it("declares the permission the channel archive needs (infra/entra/aad.manifest.json)", () => {
    expect(manifestApplicationPermissions()).toContain("ChannelSettings.ReadWrite.All");
  });

  it("waits for Teams' archive operation before recording it archived, polling no sooner than 30 s", async () => {
    const c = await provisionedAndArchived();
    const first = await archiveInTeams(archiveDeps(), c.id);
    expect(first).toEqual({ outcome: "waiting", pollAfterSeconds: MIN_POLL_SECONDS });
    // Teams accepted (202) but has not finished: neither Teams nor Guildhall calls it archived yet.
    expect(channelOf(c.name).archived).toBe(false);
    const during = await f.api("tom", "GET", `/api/v1/communities/${c.id}`);
    expect(during.body.teams.archiveState).toBe("archiving");
    // The tab says since when, and how often Teams was asked: one request so far.
    expect(during.body.teams).toMatchObject({ archiveAttempts: 1, archiveUpdatedAt: expect.any(String) });
    const askedAt = Date.parse(during.body.teams.archiveUpdatedAt);
    await teamsFinishes();
    expect(await archiveInTeams(archiveDeps(), c.id)).toEqual({ outcome: "archived" });
    expect(channelOf(c.name).archived).toBe(true);
    const view = await f.api("tom", "GET", `/api/v1/communities/${c.id}`);
    expect(view.body.status).toBe("archived");
    expect(view.body.teams).toMatchObject({ state: "linked", archiveState: "archived", archiveError: null, archiveAttempts: 1 });
    expect(Date.parse(view.body.teams.archiveUpdatedAt)).toBeGreaterThanOrEqual(askedAt);
    // Asked once, polled once: a re-run changes nothing.
    expect(await archiveInTeams(archiveDeps(), c.id)).toEqual({ outcome: "archived" });
    expect(f.g.calls.filter((x) => x.method === "POST" && x.path.endsWith(`${channelOf(c.name).id}/archive`))).toHaveLength(1);
  });

  it("without ChannelSettings.ReadWrite.All the archive fails visibly, names the permission, and an owner can retry", async () => {
    let member = "";
    const c = await provisionedAndArchived({}, async (x) => {
      member = (await f.financeMember(x, "Mo Member")).key;
    });
    const lacking = gatewayFor(f.g, { timeScale: 0.01, baseDelayMs: 20, roles: manifestApplicationPermissions().filter((p) => p !== "ChannelSettings.ReadWrite.All") });
    expect(await archiveInTeams({ db: f.h.store.db, teams: lacking }, c.id)).toEqual({ outcome: "failed" });
    expect(channelOf(c.name).archived).toBe(false);
    const view = await f.api("tom", "GET", `/api/v1/communities/${c.id}`);
    expect(view.body.status).toBe("archived");
    expect(view.body.teams.archiveState).toBe("failed");
    expect(view.body.teams.archiveError).toMatch(/permission.*ChannelSettings\.ReadWrite\.All/);
    expect(view.body.abilities["community.retryArchive"]).toBe(true);
    // A member sees the state but not the operator's detail, and cannot retry.
    const asMember = await f.api(member, "GET", `/api/v1/communities/${c.id}`);
    expect(asMember.body.teams).toMatchObject({ archiveState: "failed", archiveError: null });
    expect(asMember.body.abilities["community.retryArchive"]).toBe(false);
    expect((await f.api(member, "POST", `/api/v1/communities/${c.id}/archive/retry`)).status).toBe(403);

    const retry = await f.api("tom", "POST", `/api/v1/communities/${c.id}/archive/retry`);
    expect(retry.status).toBe(200);
    expect(retry.body.teams.archiveState).toBe("queued");
    expect((await f.api("tom", "POST", `/api/v1/communities/${c.id}/archive/retry`)).status).toBe(409);
    expect((await archiveInTeams(archiveDeps(), c.id)).outcome).toBe("waiting");
    await teamsFinishes();
    expect(await archiveInTeams(archiveDeps(), c.id)).toEqual({ outcome: "archived" });
    expect(channelOf(c.name).archived).toBe(true);
  });

  it("transient failures are retried by the job; when it runs out of retries the owner sees why and can retry", async () => {
    const c = await provisionedAndArchived();
    f.g.inject(/^POST \/teams\/.*\/channels\/.*\/archive$/, ...Array.from({ length: 6 }, () => ({ status: 503 })));
    await expect(archiveInTeams(archiveDeps(), c.id)).rejects.toMatchObject({ retryable: true });
    const during = await f.api("tom", "GET", `/api/v1/communities/${c.id}`);
    expect(during.body.teams).toMatchObject({ archiveState: "archiving", archiveError: expect.stringMatching(/busy|retry/) });
    // pg-boss hands the spent job to the dead-letter worker, which calls this.
    expect(await abandonArchive(f.h.store.db, c.id)).toBe(true);
    expect(await abandonArchive(f.h.store.db, c.id)).toBe(false);
    const view = await f.api("tom", "GET", `/api/v1/communities/${c.id}`);
    expect(view.body.teams.archiveState).toBe("failed");
    expect(view.body.teams.archiveError).toContain(ARCHIVE_GAVE_UP_MESSAGE);
    expect(view.body.teams.archiveError).toMatch(/Last answer from Teams: .*(busy|retry)/);
    expect((await f.api("tom", "POST", `/api/v1/communities/${c.id}/archive/retry`)).status).toBe(200);
    expect((await archiveInTeams(archiveDeps(), c.id)).outcome).toBe("waiting");
    await teamsFinishes();
    expect((await archiveInTeams(archiveDeps(), c.id)).outcome).toBe("archived");
    // An archive that finished is never marked failed by a late dead letter.
    expect(await abandonArchive(f.h.store.db, c.id)).toBe(false);
  });

  it("Teams' operation failing is shown with its reason", async () => {
    const c = await provisionedAndArchived();
    expect((await archiveInTeams(archiveDeps(), c.id)).outcome).toBe("waiting");
    for (const op of f.g.operations.values()) if (op.kind === "archiveChannel" && op.channelId === channelOf(c.name).id) op.fail = true;
    expect(await archiveInTeams(archiveDeps(), c.id)).toEqual({ outcome: "failed" });
    const view = await f.api("tom", "GET", `/api/v1/communities/${c.id}`);
    expect(view.body.teams).toMatchObject({ archiveState: "failed", archiveError: expect.stringMatching(/could not archive/) });
    expect(channelOf(c.name).archived).toBe(false);
  });
});

describe("archiving a team community in Teams", () => {
  it("polls the team archive operation and records it only when Teams is done", async () => {
    const c = await f.approved("tom", { teamsPresence: "team" });
    // The team as provisioning leaves it (its creation is tested with provisioning).
    const teamId = f.g.addTeam(c.name, [], [oid("tom")]);
    await f.h.store.db.updateTable("teams_links").set({ state: "linked", team_id: teamId }).where("community_id", "=", c.id).execute();
    expect((await f.api("tom", "POST", `/api/v1/communities/${c.id}/archive`, { reason: "The work has finished." })).status).toBe(200);
    const link = await f.h.store.db.selectFrom("teams_links").selectAll().where("community_id", "=", c.id).executeTakeFirstOrThrow();
    expect((await archiveInTeams(archiveDeps(), c.id)).outcome).toBe("waiting");
    expect(f.g.teams.get(link.team_id!)!.archived).toBe(false);
    await teamsFinishes();
    expect(await archiveInTeams(archiveDeps(), c.id)).toEqual({ outcome: "archived" });
    expect(f.g.teams.get(link.team_id!)!.archived).toBe(true);
  });

  it("the gateway hands back the Retry-After of Teams' 202 with the operation to poll", async () => {
    const teamId = f.g.addTeam("Archived straight from the gateway", [], [oid("tom")]);
    const started = await f.gw.archive({ teamId });
    expect(started.retryAfterSeconds).toBe(30);
    expect(started.operationUrl).toMatch(new RegExp(`^/teams\\('${teamId}'\\)/operations\\('`));
  });
});
