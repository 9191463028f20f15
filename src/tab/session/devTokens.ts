import type { DevTokenResponse } from "../api/types.js";

/** Local mode: tokens for one demo identity, fetched from the server and refreshed before they expire. */
export interface DevTokenSource {
  readonly key: string;
  getToken(): Promise<string>;
  /** Forget the cached token (for example after the server restarted with a new signing key). */
  invalidate(): void;
}

export interface DevTokenOptions {
  now?: () => number;
  /** Fetch a new token when less than this much lifetime is left. */
  refreshMarginMs?: number;
}

export function createDevTokenSource(
  key: string,
  issue: (key: string) => Promise<DevTokenResponse>,
  options: DevTokenOptions = {},
): DevTokenSource {
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? 2 * 60_000;
  let cached: { token: string; expiresAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function refresh(): Promise<string> {
    const res = await issue(key);
    const expiresAt = Date.parse(res.expiresAt);
    cached = { token: res.token, expiresAt: Number.isNaN(expiresAt) ? now() : expiresAt };
    return res.token;
  }

  return {
    key,
    getToken() {
      if (cached && cached.expiresAt - margin > now()) return Promise.resolve(cached.token);
      // Several callers at once share one request.
      inFlight ??= refresh().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
