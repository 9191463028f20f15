import { describe, expect, it } from "vitest";
import { ApiError, communityQueryString, createApiClient, NetworkError, type FetchLike } from "./client.js";

interface Call {
  url: string;
  init: RequestInit | undefined;
}

/** A fetch stand-in at the browser boundary: records calls and answers with a fixed response. */
function stubFetch(respond: () => Response | Promise<Response>): { fetch: FetchLike; calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    fetch: async (url, init) => {
      calls.push({ url, init });
      return respond();
    },
  };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected the promise to reject");
}

describe("api client", () => {
  it("sends the bearer token on me() and returns the body", async () => {
    const me = { person: { id: "p1", displayName: "Tom" }, agency: null, tenantId: "t", platformOwner: false, permissions: {} };
    const stub = stubFetch(() => json(200, me));
    const client = createApiClient({ fetch: stub.fetch, getToken: async () => "tok-123" });
    await expect(client.me()).resolves.toEqual(me);
    expect(stub.calls[0]?.url).toBe("/api/v1/me");
    expect(new Headers(stub.calls[0]?.init?.headers).get("authorization")).toBe("Bearer tok-123");
  });

  it("maps 401 to an ApiError that is a sign-in problem", async () => {
    const stub = stubFetch(() =>
      json(401, { error: { id: "auth.invalid_token", message: "The token has expired.", requestId: "req-1" } }),
    );
    const error = await rejection(createApiClient({ fetch: stub.fetch, getToken: async () => "old" }).me());
    expect(error).toBeInstanceOf(ApiError);
    const e = error as ApiError;
    expect(e).toMatchObject({ status: 401, id: "auth.invalid_token", message: "The token has expired.", requestId: "req-1" });
    expect(e.isSignInProblem).toBe(true);
    expect(e.isNotEligible).toBe(false);
  });

  it("maps 403 eligibility.denied to an ApiError carrying the reason", async () => {
    const stub = stubFetch(() =>
      json(403, {
        error: {
          id: "eligibility.denied",
          message: "Guest accounts cannot use Guildhall.",
          reason: "guest_not_allowed",
          requestId: "req-2",
        },
      }),
    );
    const e = (await rejection(createApiClient({ fetch: stub.fetch, getToken: async () => "t" }).me())) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 403, id: "eligibility.denied", reason: "guest_not_allowed", requestId: "req-2" });
    expect(e.isNotEligible).toBe(true);
    expect(e.isSignInProblem).toBe(false);
  });

  it("keeps the status when the error body is not the server's envelope", async () => {
    const stub = stubFetch(() => new Response("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway" }));
    const e = (await rejection(createApiClient({ fetch: stub.fetch }).clientConfig())) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 502, id: "http.502" });
  });

  it("turns a failed fetch into a NetworkError", async () => {
    const client = createApiClient({
      fetch: async () => {
        throw new TypeError("Failed to fetch");
      },
    });
    await expect(client.clientConfig()).rejects.toBeInstanceOf(NetworkError);
  });

  it("posts the identity key as JSON for a dev token", async () => {
    const stub = stubFetch(() => json(200, { token: "t", expiresAt: "2030-01-01T00:00:00.000Z" }));
    await createApiClient({ fetch: stub.fetch }).devToken("priya");
    expect(stub.calls[0]?.init?.method).toBe("POST");
    expect(stub.calls[0]?.init?.body).toBe(JSON.stringify({ key: "priya" }));
  });

  it("carries field issues from a 400 and recognises a 404", async () => {
    let status = 400;
    const stub = stubFetch(() =>
      status === 400
        ? json(400, { error: { id: "request.invalid", message: "The proposal is not complete.", issues: [{ path: "name", message: "Too short" }, { bad: 1 }] } })
        : json(404, { error: { id: "not_found", message: "Nothing was found at this address." } }),
    );
    const client = createApiClient({ fetch: stub.fetch, getToken: async () => "t" });
    const invalid = (await rejection(client.communities())) as ApiError;
    expect(invalid.issues).toEqual([{ path: "name", message: "Too short" }]);
    expect(invalid.isNotFound).toBe(false);
    status = 404;
    const missing = (await rejection(client.community("x"))) as ApiError;
    expect(missing.isNotFound).toBe(true);
    expect(missing.issues).toEqual([]);
  });

  it("posts community actions to their paths with the token, escaping ids", async () => {
    const stub = stubFetch(() => json(200, { left: true }));
    const client = createApiClient({ fetch: stub.fetch, getToken: async () => "t" });
    await expect(client.communityAction("a/b", "members/role", { personId: "p", role: "moderator" })).resolves.toEqual({ left: true });
    expect(stub.calls[0]?.url).toBe("/api/v1/communities/a%2Fb/members/role");
    expect(stub.calls[0]?.init?.method).toBe("POST");
    expect(new Headers(stub.calls[0]?.init?.headers).get("authorization")).toBe("Bearer t");
    await client.decideJoinRequest("c", "r", { decision: "decline", reason: "No" });
    expect(stub.calls[1]?.url).toBe("/api/v1/communities/c/requests/r/decision");
  });

  it("leaves empty filters out of the directory query", () => {
    expect(communityQueryString({})).toBe("");
    expect(communityQueryString({ q: "data & stats", tag: "", mine: false, classification: "PROTECTED", limit: 24 })).toBe("?q=data+%26+stats&classification=PROTECTED&limit=24");
    expect(communityQueryString({ mine: true })).toBe("?mine=true");
  });
});
