/**
 * Passwordless PostgreSQL: an Entra access token for Azure Database for PostgreSQL, fetched from the App
 * Service managed-identity endpoint (IDENTITY_ENDPOINT + IDENTITY_HEADER, set by the platform) for the
 * user-assigned identity, and used as the connection password. `pg` calls the function for every new
 * connection; the token is cached until five minutes before it expires.
 */

export interface ManagedIdentityOptions {
  /** IDENTITY_ENDPOINT (App Service / Functions managed identity, API version 2019-08-01). */
  endpoint: string;
  /** IDENTITY_HEADER, sent back as X-IDENTITY-HEADER. */
  header: string;
  /** Client id of the user-assigned identity. */
  clientId: string;
  /** The PostgreSQL resource of the cloud, e.g. https://ossrdbms-aad.database.windows.net */
  resource: string;
  /** The clock (tests move it to check caching and refresh). */
  now?: () => number;
}

const REFRESH_BEFORE_MS = 5 * 60_000;

export class ManagedIdentityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ManagedIdentityError";
  }
}

/** A password function for `pg` that returns a current Entra token for the database. */
export function managedIdentityPassword(o: ManagedIdentityOptions): () => Promise<string> {
  const now = o.now ?? Date.now;
  let cached: { token: string; expiresAt: number } | undefined;
  let inflight: Promise<string> | undefined;

  const acquire = async (): Promise<string> => {
    const url = new URL(o.endpoint);
    url.searchParams.set("api-version", "2019-08-01");
    url.searchParams.set("resource", o.resource);
    url.searchParams.set("client_id", o.clientId);
    let res: Response;
    try {
      res = await fetch(url, { headers: { "X-IDENTITY-HEADER": o.header }, signal: AbortSignal.timeout(10_000) });
    } catch (err) {
      throw new ManagedIdentityError(`the managed-identity endpoint did not answer (${err instanceof Error ? err.message : String(err)})`);
    }
    const text = await res.text();
    if (!res.ok) throw new ManagedIdentityError(`the managed-identity endpoint answered ${res.status}: check that the identity is assigned to the app and DATABASE_IDENTITY_CLIENT_ID names it`);
    let body: { access_token?: unknown; expires_on?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new ManagedIdentityError("the managed-identity endpoint answered something that is not JSON");
    }
    if (typeof body.access_token !== "string" || body.access_token === "") throw new ManagedIdentityError("the managed-identity endpoint answered without a token");
    const expiresOn = Number(body.expires_on);
    cached = { token: body.access_token, expiresAt: Number.isFinite(expiresOn) && expiresOn > 0 ? expiresOn * 1000 : now() + 10 * 60_000 };
    return cached.token;
  };

  return async () => {
    if (cached && now() < cached.expiresAt - REFRESH_BEFORE_MS) return cached.token;
    inflight ??= acquire().finally(() => {
      inflight = undefined;
    });
    return inflight;
  };
}
