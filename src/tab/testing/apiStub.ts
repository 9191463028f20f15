/**
 * The server as the browser sees it, for page tests: a fetch stand-in at the browser boundary that
 * answers `"METHOD /path"` routes and records every call. Unknown routes answer 404 like the server.
 */
import { createApiClient, type ApiClient } from "../api/client.js";

export interface StubRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/** A route is a fixed answer or a function of the request; a Response is sent as is, anything else as 200 JSON. */
export type StubRoute = ((req: StubRequest) => unknown) | object;

export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

export const apiError = (status: number, id: string, message: string, extra: Record<string, unknown> = {}) =>
  json(status, { error: { id, message, requestId: "req-test", ...extra } });

export function stubApi(routes: Record<string, StubRoute>): { api: ApiClient; calls: StubRequest[] } {
  const calls: StubRequest[] = [];
  const api = createApiClient({
    getToken: async () => "token-test",
    fetch: async (input, init) => {
      const url = new URL(input, "http://tab.test");
      const req: StubRequest = {
        method: init?.method ?? "GET",
        path: url.pathname,
        query: url.searchParams,
        body: typeof init?.body === "string" ? (JSON.parse(init.body) as unknown) : undefined,
      };
      calls.push(req);
      const route = routes[`${req.method} ${req.path}`];
      if (!route) return apiError(404, "not_found", "Nothing was found at this address.");
      const answer: unknown = typeof route === "function" ? await route(req) : route;
      return answer instanceof Response ? answer : json(200, answer);
    },
  });
  return { api, calls };
}
