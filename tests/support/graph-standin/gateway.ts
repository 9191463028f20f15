import { GraphGateway } from "../../../src/graph/gateway.js";
import { Pacer } from "../../../src/graph/pacer.js";
import type { TokenSource } from "../../../src/graph/tokens.js";
import { HOST_TENANT, type GraphStandIn } from "./server.js";

/**
 * App-only tokens the stand-in itself issues, carrying exactly the application permissions the Entra
 * manifest declares (or `roles` when given). msal-node itself is exercised in the e2e test against the
 * Entra stand-in; on-behalf-of tokens are not used against Graph.
 */
export function standInTokens(standIn: GraphStandIn, roles?: readonly string[]): TokenSource {
  return {
    appOnly: async () => standIn.appToken(roles),
    onBehalfOf: async () => {
      throw new Error("Guildhall calls Graph with app-only tokens only");
    },
  };
}

export function gatewayFor(standIn: GraphStandIn, o: { timeScale?: number; timeoutMs?: number; baseDelayMs?: number; roles?: readonly string[]; maxDelayMs?: number } = {}): GraphGateway {
  return new GraphGateway({
    graphRoot: standIn.url,
    tenantId: HOST_TENANT,
    tokens: standInTokens(standIn, o.roles),
    retry: { timeoutMs: o.timeoutMs ?? 5000, baseDelayMs: o.baseDelayMs ?? 50, maxAttempts: 6, ...(o.maxDelayMs !== undefined ? { maxDelayMs: o.maxDelayMs } : {}) },
    pacer: new Pacer({ timeScale: o.timeScale ?? 1 }),
  });
}
