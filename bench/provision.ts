/**
 * Provision N communities (private channels in one host team) against the Graph stand-in running at the
 * documented Teams limits, through the real provisioning code, gateway and pacer, on the embedded
 * database. Reports total time against the rate-limit minimum, 429s and duplicates.
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { DEMO_IDENTITIES } from "../src/domain/demo.js";
import { provisionCommunity } from "../src/jobs/provision.js";
import { connect, startEmbedded } from "../src/store/connection.js";
import { migrateToLatest } from "../src/store/migrate.js";
import { seedDemoData } from "../src/store/seed.js";
import { gatewayFor } from "../tests/support/graph-standin/gateway.js";
import { GraphStandIn } from "../tests/support/graph-standin/server.js";

export interface ProvisionBench {
  communities: number;
  concurrency: number;
  seconds: number;
  minimumSeconds: number;
  ratio: number;
  teamScopedCalls: number;
  throttled: number;
  channels: number;
  duplicates: number;
}

export async function benchProvisioning(n = 100, concurrency = 4): Promise<ProvisionBench> {
  const embedded = await startEmbedded("memory");
  const store = connect({ url: embedded.url, ssl: "disable", poolMax: 4 });
  const g = new GraphStandIn();
  await g.start();
  try {
    await migrateToLatest(store.db);
    await seedDemoData(store.db);
    const tom = DEMO_IDENTITIES.find((d) => d.key === "tom")!;
    g.addUser({ id: tom.objectId, userPrincipalName: tom.email });
    const hostTeamId = g.addTeam("Guildhall communities", [], [tom.objectId]);
    const tomId = (await store.db.selectFrom("people").select("id").where("object_id", "=", tom.objectId).executeTakeFirstOrThrow()).id;
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const name = `Bench CoP ${i} ${randomUUID().slice(0, 6)}`;
      const row = await store.db
        .insertInto("communities")
        .values({ name, display_name: name, purpose: "Benchmark community", terms_of_reference: "-", code_of_practice: "-", visibility: "closed", scope: "cross_agency", classification: "OFFICIAL", sensitivity_label_id: null, tags: [], teams_presence: "private_channel", status: "approved", proposed_by: tomId, decided_by: tomId, decision_reason: null, decided_at: sql<Date>`now()`, archived_at: null, inactivity_flagged_at: null })
        .returning("id")
        .executeTakeFirstOrThrow();
      await store.db.insertInto("memberships").values({ community_id: row.id, person_id: tomId, role: "owner", code_version_accepted: 1, code_accepted_at: sql<Date>`now()` }).execute();
      await store.db.insertInto("teams_links").values({ community_id: row.id, state: "queued", team_id: null, channel_id: null, web_url: null, operation_location: null, last_error: null }).execute();
      await store.db.insertInto("provisioning_steps").values(["create_channel", "add_owners", "sync_members"].map((step, position) => ({ community_id: row.id, step, position, status: "pending" as const, detail: null, result: null }))).execute();
      ids.push(row.id);
    }
    const deps = { db: store.db, teams: gatewayFor(g), hostTeamId, hostTenantId: tom.tenantId };
    const queue = [...ids];
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let id = queue.shift(); id; id = queue.shift()) {
          if ((await provisionCommunity(deps, id)) !== "linked") throw new Error(`community ${id} not linked`);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const teamScopedCalls = g.calls.filter((c) => c.path.startsWith(`/teams/${hostTeamId}`)).length;
    const channels = g.teams.get(hostTeamId)!.channels;
    const names = channels.map((c) => c.displayName);
    // The per-team limit (4 requests per second) binds: every request on the host team uses one slot.
    const minimumSeconds = (teamScopedCalls - 4) / 4;
    return {
      communities: n,
      concurrency,
      seconds,
      minimumSeconds,
      ratio: seconds / minimumSeconds,
      teamScopedCalls,
      throttled: g.calls.filter((c) => c.status === 429).length,
      channels: channels.length,
      duplicates: names.length - new Set(names).size,
    };
  } finally {
    await g.stop();
    await store.close();
    await embedded.stop();
  }
}
