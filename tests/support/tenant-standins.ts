/**
 * A tenant for a real server process to connect to: the Entra stand-in (HTTPS, as msal-node requires) issuing
 * app-only tokens to Guildhall's app registration, the Graph stand-in trusting only those tokens, the people in
 * its directory, and the host team. `env` holds the settings that point a server at them; pass it, with any
 * others, to `startServer`.
 */
import { randomUUID } from "node:crypto";
import { DEMO_IDENTITIES, type DemoIdentity } from "../../src/domain/demo.js";
import { startEntraStandIn, type EntraStandIn } from "./entra-standin.js";
import { GraphStandIn, HOST_TENANT, type StandInOptions } from "./graph-standin/server.js";
import { localCertificate } from "./tls.js";

/** Guildhall's app registration in the stand-in tenant. */
export const STANDIN_APP_ID = "6c1f3e2a-7b4d-4e8f-9a0b-1c2d3e4f5a6b";

export interface TenantStandInOptions {
  /** Who is in the directory (default: every demo identity). */
  people?: readonly DemoIdentity[];
  /** The host team's name, its members and its owners (object ids; owners are members too). */
  hostTeam?: { name?: string; memberIds?: string[]; ownerIds?: string[] };
  /** The Graph stand-in's time scale and other timings (its token trust is always the Entra stand-in). */
  graph?: Omit<StandInOptions, "trust">;
}

export interface TenantStandIns {
  entra: EntraStandIn;
  graph: GraphStandIn;
  hostTeamId: string;
  /** The app's client secret (for asserting it never reaches a log). */
  secret: string;
  /** Server settings that connect Graph through the stand-ins: app registration, host team, hosts, trusted CA. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

const oid = (key: string): string => DEMO_IDENTITIES.find((d) => d.key === key)?.objectId ?? "";

/** Default host team: Tom a member and Priya its owner, put there by someone other than Guildhall. */
export async function startTenantStandIns(o: TenantStandInOptions = {}): Promise<TenantStandIns> {
  const tls = localCertificate();
  const secret = `secret-${randomUUID()}`;
  const entra = await startEntraStandIn({ tls, clients: [{ clientId: STANDIN_APP_ID, clientSecret: secret }] });
  const graph = new GraphStandIn({ ...o.graph, trust: { jwks: entra.jwks, issuer: `${entra.loginHost}/${HOST_TENANT}/v2.0`, tenantId: HOST_TENANT } });
  await graph.start();
  for (const d of o.people ?? DEMO_IDENTITIES) graph.addUser({ id: d.objectId, userPrincipalName: d.email, companyName: "Department of Finance" });
  const hostTeamId = graph.addTeam(o.hostTeam?.name ?? "Guildhall communities", o.hostTeam?.memberIds ?? [oid("tom")], o.hostTeam?.ownerIds ?? [oid("priya")]);
  return {
    entra,
    graph,
    hostTeamId,
    secret,
    env: {
      AAD_APP_CLIENT_ID: STANDIN_APP_ID,
      AAD_APP_CLIENT_SECRET: secret,
      AAD_APP_TENANT_ID: HOST_TENANT,
      GRAPH_HOST_TEAM_ID: hostTeamId,
      GRAPH_BASE_URL: graph.url,
      LOGIN_BASE_URL: entra.loginHost,
      // The stand-ins' certificate is trusted the way an agency trusts its own CA.
      NODE_EXTRA_CA_CERTS: tls.certFile,
    },
    async stop() {
      await graph.stop();
      await entra.close();
    },
  };
}
