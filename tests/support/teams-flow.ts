/**
 * A Guildhall server (real commands, real database) with a Graph stand-in and a host team, and the few steps
 * the Teams tests share: propose and approve a community, invite and join, add a Finance public servant.
 */
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { DEMO_IDENTITIES } from "../../src/domain/demo.js";
import type { ProvisionDeps } from "../../src/jobs/provision.js";
import { gatewayFor } from "./graph-standin/gateway.js";
import { GraphStandIn, type StandInOptions } from "./graph-standin/server.js";
import { createHarness } from "./harness.js";

export const FINANCE = "7f1c2a4e-0b8d-4c1e-9a51-3d2f6b8e1a01";
export const oid = (key: string): string => DEMO_IDENTITIES.find((d) => d.key === key)!.objectId;

/**
 * Host team: Tom is a plain member and Priya its owner, both put there by someone other than Guildhall. `graph`
 * overrides the Graph stand-in's timings (default: time scaled to 1 %, team creation 200 ms, replication 100 ms).
 */
export async function startTeamsFlow(o: { graph?: StandInOptions } = {}) {
  const h = await createHarness({}, { commands: { graphConnected: true } });
  const tokens = new Map<string, string>();
  for (const d of DEMO_IDENTITIES) tokens.set(d.key, await h.tokenFor(d.key));
  const g = new GraphStandIn({ timeScale: 0.01, teamCreationMs: 200, replicationDelayMs: 100, ...o.graph });
  await g.start();
  for (const d of DEMO_IDENTITIES) g.addUser({ id: d.objectId, userPrincipalName: d.email, companyName: "Department of Finance" });
  const hostTeamId = g.addTeam("Guildhall communities", [oid("tom")], [oid("priya")]);
  const gw = gatewayFor(g, { timeScale: 0.01, baseDelayMs: 20 });
  const deps: ProvisionDeps = { db: h.store.db, teams: gw, hostTeamId, hostTenantId: FINANCE };

  const api = async (who: string, method: "GET" | "POST", url: string, body?: unknown) => {
    const res = await h.app.inject({ method, url, headers: { authorization: `Bearer ${tokens.get(who)}` }, ...(body !== undefined ? { payload: body as object } : {}) });
    return { status: res.statusCode, body: res.json() };
  };
  const approved = async (proposer: string, over: Record<string, unknown> = {}): Promise<{ id: string; name: string }> => {
    const p = await api(proposer, "POST", "/api/v1/communities", {
      name: `Teams ${randomUUID().slice(0, 8)}`,
      purpose: "A community to test what Teams does.",
      termsOfReference: "ToR",
      codeOfPractice: "Code",
      visibility: "closed",
      scope: "cross_agency",
      classification: "OFFICIAL",
      ...over,
    });
    expect(p.status).toBe(201);
    const d = await api("priya", "POST", `/api/v1/communities/${p.body.id}/decision`, { decision: "approve" });
    expect(d.body.teams.state).toBe("queued");
    return { id: p.body.id, name: p.body.name };
  };
  const inviteAndJoin = async (c: { id: string }, who: string): Promise<string> => {
    const me = await api(who, "GET", "/api/v1/me");
    await api("tom", "POST", `/api/v1/communities/${c.id}/invitations`, { personId: me.body.person.id });
    expect((await api(who, "POST", `/api/v1/communities/${c.id}/join`, { acceptCodeOfPractice: true, codeVersion: 1 })).status).toBe(200);
    return me.body.person.id as string;
  };
  /** A new Finance public servant who joins `c`; `inDirectory: false` leaves them out of the stand-in's directory. */
  const financeMember = async (c: { id: string }, name: string, o: { inDirectory?: boolean } = {}): Promise<{ objectId: string; personId: string; key: string }> => {
    const who = { ...DEMO_IDENTITIES.find((d) => d.key === "tom")!, objectId: randomUUID(), displayName: name, email: `${name.toLowerCase().replace(/\W+/g, ".")}.${randomUUID().slice(0, 6)}@finance.gov.au` };
    if (o.inDirectory !== false) g.addUser({ id: who.objectId, userPrincipalName: who.email });
    const key = `person-${who.objectId}`;
    tokens.set(key, await h.issuer!.issue(who));
    return { objectId: who.objectId, personId: await inviteAndJoin(c, key), key };
  };
  return {
    h,
    g,
    gw,
    hostTeamId,
    deps,
    api,
    approved,
    inviteAndJoin,
    financeMember,
    async close() {
      await h.close();
      await g.stop();
    },
  };
}

export type TeamsFlow = Awaited<ReturnType<typeof startTeamsFlow>>;
