import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../support/harness.js";

describe("server basics (local mode)", () => {
  let h: Harness;
  let tabDir: string;
  beforeAll(async () => {
    tabDir = await mkdtemp(path.join(tmpdir(), "guildhall-tab-"));
    await writeFile(path.join(tabDir, "index.html"), "<!doctype html><title>Guildhall</title><div id=root></div>");
    h = await createHarness({}, { tabDir });
  });
  afterAll(async () => {
    await h.close();
  });

  it("GET /healthz is alive", async () => {
    const res = await h.app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok" });
  });

  it("GET /readyz checks the database and the queue", async () => {
    const res = await h.app.inject({ method: "GET", url: "/readyz" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "ready", database: { ok: true }, queue: { ok: true } });
  });

  it("sends a CSP that lets only Microsoft hosts frame the tab, and no X-Frame-Options", async () => {
    const res = await h.app.inject({ method: "GET", url: "/" });
    const csp = String(res.headers["content-security-policy"]);
    const ancestors = /frame-ancestors ([^;]+)/.exec(csp)?.[1]?.split(" ") ?? [];
    expect(ancestors).toContain("https://teams.microsoft.com");
    expect(ancestors).toContain("https://*.sharepoint.com");
    expect(ancestors).toContain("https://outlook.office.com");
    expect(ancestors).toContain("https://*.teams.microsoft.us");
    expect(ancestors).not.toContain("*");
    expect(ancestors.every((a) => a === "'self'" || a.startsWith("https://"))).toBe(true);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toContain("object-src 'none'");
    expect(res.headers["x-frame-options"]).toBeUndefined();
  });

  it("serves the tab for page routes and JSON 404s for unknown API routes", async () => {
    const page = await h.app.inject({ method: "GET", url: "/communities/anything" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("<title>Guildhall</title>");
    const api = await h.app.inject({ method: "GET", url: "/api/v1/nothing-here" });
    expect(api.statusCode).toBe(404);
    expect(api.json().error).toMatchObject({ id: "not_found" });
    const post = await h.app.inject({ method: "POST", url: "/communities" });
    expect(post.statusCode).toBe(404);
  });

  it("gives the browser only non-secret config", async () => {
    const res = await h.app.inject({ method: "GET", url: "/api/v1/client-config" });
    expect(res.json()).toEqual({
      authMode: "dev",
      clientId: h.config.aad.clientId,
      cloud: "Public",
      classifications: {
        max: "OFFICIAL_SENSITIVE",
        allowed: ["OFFICIAL", "OFFICIAL_SENSITIVE"],
        ceilingReason: expect.stringMatching(/^This Guildhall is accredited to hold information up to OFFICIAL: Sensitive\./),
      },
      // Local mode offers the pseudo-locale too.
      locales: ["en-AU", "en-US", "fr-CA", "en-XA"],
      // The deployment's Teams naming policy, so the propose form shows the Teams name it will get.
      naming: { prefix: "", suffix: "" },
    });
  });

  it("lists demo identities and issues tokens only for known ones; bad input is a clear 400", async () => {
    const list = await h.app.inject({ method: "GET", url: "/api/dev/identities" });
    expect(list.json().identities.map((i: { key: string }) => i.key)).toEqual(["priya", "tom", "grace", "liam", "aisha", "mei", "marcus", "ravi", "guest", "outsider"]);
    expect((await h.app.inject({ method: "POST", url: "/api/dev/token", payload: { key: "nobody" } })).statusCode).toBe(404);
    const bad = await h.app.inject({ method: "POST", url: "/api/dev/token", payload: { key: 42 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.id).toBe("request.invalid");
    const notJson = await h.app.inject({ method: "POST", url: "/api/dev/token", headers: { "content-type": "application/json" }, payload: "{nope" });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error.id).toBe("request.invalid");
    const extra = await h.app.inject({ method: "POST", url: "/api/dev/token", payload: { key: "priya", admin: true } });
    expect(extra.statusCode).toBe(400);
  });

  it("never answers 5xx to odd strings in ids, paths or bodies", async () => {
    const weird = ["\u0000", "%00", "../../etc/passwd", "😀".repeat(100), "'; drop table people; --", "a".repeat(5000)];
    for (const w of weird) {
      const a = await h.app.inject({ method: "POST", url: "/api/dev/token", payload: { key: w } });
      expect(a.statusCode).toBeLessThan(500);
      const b = await h.app.inject({ method: "GET", url: `/api/v1/${encodeURIComponent(w)}` });
      expect(b.statusCode).toBeLessThan(500);
    }
  });

  it("answers the router's own refusals in the app's error format: a bad encoding is invalid, an over-long id names nothing", async () => {
    const token = await h.tokenFor("tom");
    const auth = { authorization: `Bearer ${token}` };
    const bad = await h.app.inject({ method: "GET", url: "/api/v1/communities/%E0%A4%A", headers: auth });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { id: "request.invalid", requestId: expect.any(String) } });
    expect(bad.body).not.toContain("%E0%A4%A");
    const long = await h.app.inject({ method: "GET", url: `/api/v1/communities/${"a".repeat(500)}`, headers: auth });
    expect(long.statusCode).toBe(404);
    expect(long.json()).toMatchObject({ error: { id: "not_found", requestId: expect.any(String) } });
    expect(long.headers["x-request-id"]).toBe(long.json().error.requestId);
  });
});

describe("rate limiting", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ RATE_LIMIT_PER_MINUTE: "5" });
  });
  afterAll(async () => {
    await h.close();
  });

  it("answers 429 with a stable error id past the limit, and never limits health probes", async () => {
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await h.app.inject({ method: "GET", url: "/api/v1/client-config" })).statusCode);
    expect(codes.slice(0, 5).every((c) => c === 200)).toBe(true);
    expect(codes.slice(5)).toEqual([429, 429]);
    const limited = await h.app.inject({ method: "GET", url: "/api/v1/client-config" });
    expect(limited.json().error.id).toBe("request.rate_limited");
    for (let i = 0; i < 10; i++) expect((await h.app.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
  });
});

describe("behind the App Service proxy with HTTPS required", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ REQUIRE_HTTPS: "true", TRUST_PROXY: "1", PUBLIC_URL: "https://guildhall.example" });
  });
  afterAll(async () => {
    await h.close();
  });

  it("redirects plain-HTTP page requests, refuses plain-HTTP writes, and serves forwarded HTTPS", async () => {
    const page = await h.app.inject({ method: "GET", url: "/api/v1/client-config", headers: { "x-forwarded-proto": "http", host: "guildhall.example" } });
    expect(page.statusCode).toBe(301);
    expect(page.headers.location).toBe("https://guildhall.example/api/v1/client-config");
    const write = await h.app.inject({ method: "POST", url: "/api/dev/token", headers: { "x-forwarded-proto": "http" }, payload: { key: "priya" } });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.id).toBe("request.https_required");
    const ok = await h.app.inject({ method: "GET", url: "/api/v1/client-config", headers: { "x-forwarded-proto": "https" } });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers["strict-transport-security"]).toMatch(/max-age=31536000/);
  });

  it("health probes answer over the internal plain-HTTP hop", async () => {
    expect((await h.app.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
  });

  it("does not trust a forwarded header from beyond the configured hop count", async () => {
    const res = await h.app.inject({
      method: "GET",
      url: "/api/v1/client-config",
      headers: { "x-forwarded-proto": "https, http", host: "guildhall.example" },
    });
    expect(res.statusCode).toBe(301);
  });
});

describe("static tab caching", () => {
  let h: Harness;
  beforeAll(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "guildhall-tab-"));
    const { mkdir } = await import("node:fs/promises");
    await mkdir(path.join(dir, "assets"));
    await writeFile(path.join(dir, "index.html"), "<!doctype html><title>Guildhall</title>");
    await writeFile(path.join(dir, "assets", "app-abc123.js"), "console.log(1)");
    h = await createHarness({}, { tabDir: dir });
  });
  afterAll(async () => {
    await h.close();
  });

  it("revalidates the page and caches hashed assets for a year", async () => {
    expect((await h.app.inject({ method: "GET", url: "/" })).headers["cache-control"]).toBe("no-cache");
    expect((await h.app.inject({ method: "GET", url: "/index.html" })).headers["cache-control"]).toBe("no-cache");
    expect((await h.app.inject({ method: "GET", url: "/assets/app-abc123.js" })).headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });
});
