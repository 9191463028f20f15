/**
 * Real community names (issue 8): a name is free text; Teams gets a name derived from it within its rules; a
 * proposal with many problems gets them all in one answer. Through the real commands, the real database and the
 * Graph gateway talking HTTP to the Graph stand-in, which refuses what Teams refuses in a channel name.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { provisionCommunity } from "../../src/jobs/provision.js";
import { intlFor } from "../../src/i18n/node.js";
import { startTeamsFlow, type TeamsFlow } from "../support/teams-flow.js";

let f: TeamsFlow;

beforeAll(async () => {
  f = await startTeamsFlow({ graph: { asyncRetryAfterSeconds: 1 } });
});
afterAll(async () => {
  await f.close();
});

const proposal = (over: Record<string, unknown>) => ({
  name: `Fresh ${randomUUID().slice(0, 8)}`,
  purpose: "Practitioners sharing methods and data.",
  termsOfReference: "Monthly calls.",
  codeOfPractice: "Be kind.",
  visibility: "closed",
  scope: "cross_agency",
  classification: "OFFICIAL",
  ...over,
});

async function counts() {
  const db = f.h.store.db;
  const communities = await db.selectFrom("communities").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  const audit = await db.selectFrom("audit_log").select((eb) => eb.fn.countAll<string>().as("n")).where("event", "=", "community.proposed").executeTakeFirstOrThrow();
  return { communities: Number(communities.n), audit: Number(audit.n) };
}

type Issue = { path: string; message: string; messageKey: string; values?: Record<string, string | number> };

describe("every problem in one answer", () => {
  it("a proposal with five different problems gets one 400 naming all five fields, and writes nothing", async () => {
    const before = await counts();
    const res = await f.api(
      "tom",
      "POST",
      "/api/v1/communities",
      proposal({
        name: "Data \u202EscitylanA", // a direction override: disguised text
        purpose: "Short", // under 10 characters
        classification: "PROTECTED", // above this deployment's ceiling (OFFICIAL: Sensitive)
        agencyIds: [randomUUID()], // agencies named for a cross-agency community
        teamsPresence: "standard_channel", // a closed community in a channel the whole host team sees
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ id: "request.invalid", messageKey: "errors.community.proposalIncomplete" });
    const issues = res.body.error.issues as Issue[];
    expect(issues.map((i) => i.path).sort()).toEqual(["agencyIds", "classification", "name", "purpose", "teamsPresence"]);
    const by = new Map(issues.map((i) => [i.path, i]));
    expect(by.get("name")).toMatchObject({ messageKey: "validation.text.directionControl", values: { field: "communityName", character: "U+202E" } });
    expect(by.get("purpose")).toMatchObject({ messageKey: "validation.community.purposeRequired" });
    expect(by.get("classification")).toMatchObject({ messageKey: "classification.ceiling.reason", values: { max: "OFFICIAL_SENSITIVE" } });
    expect(by.get("agencyIds")).toMatchObject({ messageKey: "validation.community.agenciesOnlyForAgencyOnly" });
    expect(by.get("teamsPresence")).toMatchObject({ messageKey: "validation.community.presenceMismatch" });
    // Plain words, never the validator's, and each reads in French.
    const fr = intlFor("fr-CA");
    for (const i of issues) {
      expect(i.message).not.toMatch(/Too big|Too small|expected|Invalid input/);
      expect(fr.formatKey(i.messageKey, i.values, "")).not.toBe("");
    }
    expect(await counts()).toEqual(before);
  });

  it("missing choices get the form's words, an over-long tag is named, and a taken name comes with the rest", async () => {
    const taken = await f.api("tom", "POST", "/api/v1/communities", proposal({}));
    expect(taken.status).toBe(201);
    const before = await counts();
    const res = await f.api("tom", "POST", "/api/v1/communities", {
      ...proposal({ name: taken.body.name, tags: ["data", `evaluation-and-${"x".repeat(40)}`] }),
      visibility: undefined,
      classification: undefined,
    });
    expect(res.status).toBe(400);
    const issues = res.body.error.issues as Issue[];
    expect(issues.map((i) => i.path).sort()).toEqual(["classification", "name", "tags.1", "visibility"]);
    const by = new Map(issues.map((i) => [i.path, i]));
    expect(by.get("visibility")?.message).toBe("Choose who can see and join the community.");
    expect(by.get("classification")?.message).toBe("Choose the highest classification members may share.");
    expect(by.get("name")?.messageKey).toBe("validation.community.nameTaken");
    expect(by.get("tags.1")?.message).toBe("The tag \u201Cevaluation-and-xxxxxxxxx\u2026\u201D is 15 characters too long: use at most 40 characters.");
    expect(intlFor("fr-CA").formatKey(by.get("tags.1")!.messageKey, by.get("tags.1")!.values, "")).toBe(
      "Le mot-clé «\u00A0evaluation-and-xxxxxxxxx\u2026\u00A0» compte 15\u00A0caractères de trop\u00A0: utilisez au plus 40\u00A0caractères.",
    );
    expect(await counts()).toEqual(before);
  });

  it("a single problem keeps its own error id, as before", async () => {
    const res = await f.api("tom", "POST", "/api/v1/communities", proposal({ classification: "PROTECTED" }));
    expect(res.status).toBe(400);
    expect(res.body.error.id).toBe("community.classification_above_ceiling");
    const mismatch = await f.api("tom", "POST", "/api/v1/communities", proposal({ teamsPresence: "standard_channel" }));
    expect(mismatch.body.error).toMatchObject({ id: "community.presence_mismatch", issues: [{ path: "teamsPresence" }] });
  });
});

describe("real names reach Teams under a name Teams accepts", () => {
  it.each([
    ["Data & Analytics", "Data and Analytics"],
    ["Women's Network", "Women\u2019s Network"],
    ["Dept. of Finance CoP", "Dept. of Finance CoP"],
    ["APS 6/EL1 Network", "APS 6-EL1 Network"],
    ["Evaluation: methods", "Evaluation - methods"],
  ])("%s is proposed, approved and provisioned as the channel %s", async (typed, channel) => {
    const suffix = randomUUID().slice(0, 6);
    const proposed = await f.api("tom", "POST", "/api/v1/communities", proposal({ name: `${typed} ${suffix}` }));
    expect(proposed.status).toBe(201);
    expect(proposed.body.name).toBe(`${typed} ${suffix}`);
    expect(proposed.body.teamsName).toBe(`${channel} ${suffix}`);
    const decided = await f.api("priya", "POST", `/api/v1/communities/${proposed.body.id}/decision`, { decision: "approve" });
    expect(decided.status).toBe(200);
    expect(await provisionCommunity(f.deps, proposed.body.id)).toBe("linked");
    const made = f.g.teams.get(f.hostTeamId)!.channels.filter((c) => c.description.includes(proposed.body.id));
    expect(made.map((c) => c.displayName)).toEqual([`${channel} ${suffix}`]);
    const view = await f.api("tom", "GET", `/api/v1/communities/${proposed.body.id}`);
    expect(view.body).toMatchObject({ name: `${typed} ${suffix}`, teamsName: `${channel} ${suffix}`, teams: { state: "linked" } });
  });

  it("two names that derive the same channel name: the second channel is numbered, as for any name in use", async () => {
    const suffix = randomUUID().slice(0, 6);
    const ids: string[] = [];
    for (const name of [`R&D ${suffix}`, `R and D ${suffix}`]) {
      const p = await f.api("tom", "POST", "/api/v1/communities", proposal({ name }));
      expect(p.status).toBe(201);
      expect(p.body.teamsName).toBe(`R and D ${suffix}`);
      await f.api("priya", "POST", `/api/v1/communities/${p.body.id}/decision`, { decision: "approve" });
      expect(await provisionCommunity(f.deps, p.body.id)).toBe("linked");
      ids.push(p.body.id);
    }
    const names = ids.map((id) => f.g.teams.get(f.hostTeamId)!.channels.find((c) => c.description.includes(id))!.displayName);
    expect(names).toEqual([`R and D ${suffix}`, `R and D ${suffix} (2)`]);
  });

  it("a long name is kept whole in Guildhall and shortened for Teams; a team keeps the characters a team name allows", async () => {
    const long = `Community of practice for program evaluation and ${randomUUID()}`;
    const p = await f.api("tom", "POST", "/api/v1/communities", proposal({ name: long }));
    expect(p.status).toBe(201);
    expect(p.body.name).toBe(long);
    expect(p.body.teamsName.length).toBeLessThanOrEqual(50);
    expect(p.body.teamsName.endsWith("\u2026")).toBe(true);
    const team = await f.api("tom", "POST", "/api/v1/communities", proposal({ name: `Data & Analytics ${randomUUID().slice(0, 6)}`, teamsPresence: "team" }));
    expect(team.status).toBe(201);
    expect(team.body.teamsName).toBe(team.body.name);
  });

  it("a name with nothing Teams can use is refused beside the name, for a channel; the stand-in refuses what Teams refuses", async () => {
    const res = await f.api("tom", "POST", "/api/v1/communities", proposal({ name: "???" }));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ id: "community.name_nothing_usable", issues: [{ path: "name", messageKey: "validation.community.nameNothingForTeams" }] });
    await expect(f.gw.createChannel(f.hostTeamId, { displayName: "Data & Analytics", description: "x", membershipType: "standard", ownerObjectIds: [] })).rejects.toMatchObject({ status: 400 });
    await expect(f.gw.createChannel(f.hostTeamId, { displayName: "Data..Analytics", description: "x", membershipType: "standard", ownerObjectIds: [] })).rejects.toMatchObject({ status: 400 });
  });
});
