/**
 * Tokens for Graph, named by whose authority they carry: app-only (client credentials, the app's own
 * permissions) and on-behalf-of (a signed-in user's delegated permissions). msal-node in production.
 */
import { ConfidentialClientApplication } from "@azure/msal-node";

export interface TokenSource {
  /** An access token for Graph in `tenantId`. */
  appOnly(tenantId: string): Promise<string>;
  /** A delegated token for the user whose SSO token is `userAssertion`. */
  onBehalfOf(tenantId: string, userAssertion: string): Promise<string>;
}

export interface MsalOptions {
  clientId: string;
  clientSecret: string;
  loginHost: string;
  graphRoot: string;
}

export function msalTokenSource(o: MsalOptions): TokenSource {
  const apps = new Map<string, ConfidentialClientApplication>();
  const app = (tenantId: string) => {
    let a = apps.get(tenantId);
    if (!a) {
      a = new ConfidentialClientApplication({
        auth: { clientId: o.clientId, clientSecret: o.clientSecret, authority: `${o.loginHost}/${tenantId}`, knownAuthorities: [new URL(o.loginHost).host] },
      });
      apps.set(tenantId, a);
    }
    return a;
  };
  const scope = `${o.graphRoot}/.default`;
  return {
    async appOnly(tenantId) {
      const r = await app(tenantId).acquireTokenByClientCredential({ scopes: [scope] });
      if (!r?.accessToken) throw new Error("no app-only token");
      return r.accessToken;
    },
    async onBehalfOf(tenantId, userAssertion) {
      const r = await app(tenantId).acquireTokenOnBehalfOf({ oboAssertion: userAssertion, scopes: [scope] });
      if (!r?.accessToken) throw new Error("no on-behalf-of token");
      return r.accessToken;
    },
  };
}
