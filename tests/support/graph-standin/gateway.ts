import { GraphGateway } from "../../../src/graph/gateway.js";
import { Pacer } from "../../../src/graph/pacer.js";
import type { TokenSource } from "../../../src/graph/tokens.js";
import type { GraphStandIn } from "./server.js";

/**
 * Tokens for the stand-in. msal-node itself is not exercised here (it needs Entra's discovery endpoints);
 * the stand-in checks that every call carries a bearer token.
 */
export const standInTokens: TokenSource = {
  appOnly: async (tenantId) => `standin-app-token-${tenantId}`,
  onBehalfOf: async (tenantId) => `standin-obo-token-${tenantId}`,
};

export function gatewayFor(standIn: GraphStandIn, o: { timeScale?: number; timeoutMs?: number; baseDelayMs?: number } = {}): GraphGateway {
  return new GraphGateway({
    graphRoot: standIn.url,
    tenantId: "7f1c2a4e-0b8d-4c1e-9a51-3d2f6b8e1a01",
    tokens: standInTokens,
    retry: { timeoutMs: o.timeoutMs ?? 5000, baseDelayMs: o.baseDelayMs ?? 50, maxAttempts: 6 },
    pacer: new Pacer({ timeScale: o.timeScale ?? 1 }),
  });
}
