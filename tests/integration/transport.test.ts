/**
 * The wire: slow clients are cut off on a real socket, text responses are compressed, source maps are not
 * served in production, and plain HTTP is redirected to PUBLIC_URL whatever Host the request names.
 */
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import type { FastifyInstance } from "fastify";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.js";
import { TokenVerifier } from "../../src/server/auth/tokens.js";
import { httpsRedirectLocation } from "../../src/server/security.js";
import { TRANSPORT_TIMEOUTS } from "../../src/server/transport.js";
import { createHarness, type Harness } from "../support/harness.js";

const T1 = "7f1c2a4e-0b8d-4c1e-9a51-3d2f6b8e1a01";
const PUBLIC_URL = "https://guildhall.agency.gov.au";
const PRODUCTION = {
  NODE_ENV: "production",
  PUBLIC_URL,
  AAD_APP_CLIENT_ID: "11111111-2222-4333-8444-555555555555",
  AAD_APP_CLIENT_SECRET: "secret-value",
  BOT_ID: "99999999-2222-4333-8444-555555555555",
  BOT_PASSWORD: "bot-secret",
  BOT_TENANT_ID: T1,
  ALLOWED_TENANT_IDS: T1,
  ALLOWED_EMAIL_DOMAINS: "finance.gov.au",
  DATABASE_URL: "postgres://guildhall@db.internal/guildhall",
  ANONYMITY_HMAC_SECRET: "x".repeat(48),
};
/** A built asset well above the compression threshold, and its source map. */
const ASSET = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `community-${i}`))};\n`;

async function tabFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "guildhall-tab-"));
  await mkdir(path.join(dir, "assets"));
  await writeFile(path.join(dir, "index.html"), "<!doctype html><title>Guildhall</title><div id=root></div>");
  await writeFile(path.join(dir, "assets", "app-abc123.js"), `${ASSET}//# sourceMappingURL=app-abc123.js.map\n`);
  await writeFile(path.join(dir, "assets", "app-abc123.js.map"), JSON.stringify({ version: 3, sources: ["../src/secret.ts"], sourcesContent: ["const x = 1;"] }));
  return dir;
}

describe("request deadlines on a real socket", () => {
  let h: Harness;
  let app: FastifyInstance;
  let port: number;
  const short = { headersMs: 800, requestMs: 1_500, checkIntervalMs: 100 };

  beforeAll(async () => {
    h = await createHarness();
    const issuer = h.issuer;
    if (!issuer) throw new Error("local mode has a dev issuer");
    const verifier = new TokenVerifier({ keys: issuer.keys, audiences: h.config.aad.audiences, loginHost: h.config.endpoints.login });
    app = await buildApp({ config: h.config, store: h.store, jobs: h.jobs, verifier, devIssuer: issuer, logger: pino({ level: "silent" }), timeouts: short });
    await app.listen({ host: "127.0.0.1", port: 0 });
    port = (app.server.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  it("the app sets Node's request, header, idle and keep-alive deadlines by default", () => {
    expect(h.app.server.requestTimeout).toBe(TRANSPORT_TIMEOUTS.requestMs);
    expect(h.app.server.headersTimeout).toBe(TRANSPORT_TIMEOUTS.headersMs);
    expect(h.app.server.timeout).toBe(TRANSPORT_TIMEOUTS.idleMs);
    expect(h.app.server.keepAliveTimeout).toBe(TRANSPORT_TIMEOUTS.keepAliveMs);
  });

  /** Open a socket, send `head`, then one byte of `trickle` every 200 ms until the server hangs up (or 15 s). */
  function trickle(head: string, drip: string): Promise<{ closedAfterMs: number; answer: string }> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const socket = net.connect(port, "127.0.0.1");
      let answer = "";
      let sent = 0;
      const timer = setInterval(() => {
        if (Date.now() - started > 15_000) {
          clearInterval(timer);
          socket.destroy();
          reject(new Error("the server kept a trickling request open for 15 s"));
          return;
        }
        if (!socket.destroyed) socket.write(drip[sent++ % drip.length] ?? "x");
      }, 200);
      socket.on("data", (chunk) => (answer += chunk.toString()));
      socket.on("error", () => undefined);
      socket.on("close", () => {
        clearInterval(timer);
        resolve({ closedAfterMs: Date.now() - started, answer });
      });
      socket.write(head);
    });
  }

  it("cuts off a body trickled a byte at a time, with 408, near the request deadline", async () => {
    const head = "POST /api/dev/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n{";
    const { closedAfterMs, answer } = await trickle(head, ' "key": "priya" ');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(closedAfterMs).toBeGreaterThanOrEqual(short.requestMs - 100);
    expect(closedAfterMs).toBeLessThan(short.requestMs + 3_000);
  });

  it("cuts off headers trickled a byte at a time", async () => {
    const { closedAfterMs, answer } = await trickle("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ", "abcdefgh");
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(closedAfterMs).toBeLessThan(short.requestMs + 3_000);
  });

  it("still serves a request that arrives in time", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/dev/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ key: "priya" }) });
    expect(res.status).toBe(200);
  });
});

describe("compression and source maps", () => {
  let local: Harness;
  let production: Harness;
  const https = { "x-forwarded-proto": "https" };

  beforeAll(async () => {
    const tabDir = await tabFolder();
    local = await createHarness({}, { tabDir });
    production = await createHarness(PRODUCTION, { tabDir });
  });
  afterAll(async () => {
    await local.close();
    await production.close();
  });

  it("gzips and brotli-compresses a built asset, and answers plainly when the client asks for neither", async () => {
    const gz = await production.app.inject({ method: "GET", url: "/assets/app-abc123.js", headers: { ...https, "accept-encoding": "gzip" } });
    expect(gz.statusCode).toBe(200);
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gz.headers["vary"]).toMatch(/accept-encoding/i);
    expect(gunzipSync(gz.rawPayload).toString()).toContain(ASSET);
    expect(gz.rawPayload.length).toBeLessThan(ASSET.length / 3);
    const br = await production.app.inject({ method: "GET", url: "/assets/app-abc123.js", headers: { ...https, "accept-encoding": "br, gzip" } });
    expect(br.headers["content-encoding"]).toBe("br");
    const plain = await production.app.inject({ method: "GET", url: "/assets/app-abc123.js", headers: https });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toContain(ASSET);
  });

  it("compresses JSON API answers above 1 KiB and leaves tiny ones (client-config) as they are", async () => {
    const token = await local.tokenFor("priya");
    const list = await local.app.inject({ method: "GET", url: "/api/v1/communities", headers: { authorization: `Bearer ${token}`, "accept-encoding": "gzip" } });
    expect(list.statusCode).toBe(200);
    const json = gunzipSync(list.rawPayload).toString();
    expect(json.length).toBeGreaterThan(1024);
    expect(list.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(json)).toBeTypeOf("object");
    const small = await local.app.inject({ method: "GET", url: "/api/v1/client-config", headers: { "accept-encoding": "gzip" } });
    expect(small.headers["content-encoding"]).toBeUndefined();
    expect(small.json()).toMatchObject({ authMode: "dev" });
  });

  it("never serves a source map in production (404, not the page), while a local build may", async () => {
    for (const url of ["/assets/app-abc123.js.map", "/assets/app-abc123.js.map?x=1", "/assets/APP-ABC123.JS.MAP", "/assets/missing.js.map"]) {
      const res = await production.app.inject({ method: "GET", url, headers: https });
      expect(res.statusCode, url).toBe(404);
      expect(res.body, url).not.toContain("sourcesContent");
      expect(res.body, url).not.toContain("<title>Guildhall</title>");
    }
    const localMap = await local.app.inject({ method: "GET", url: "/assets/app-abc123.js.map" });
    expect(localMap.statusCode).toBe(200);
    expect(localMap.body).toContain("sourcesContent");
  });
});

describe("HTTP → HTTPS redirect in production", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(PRODUCTION);
  });
  afterAll(async () => {
    await h.close();
  });

  it("goes to PUBLIC_URL whatever Host or X-Forwarded-Host the request names", async () => {
    for (const headers of [
      { host: "evil.example" },
      { host: "guildhall.agency.gov.au", "x-forwarded-host": "evil.example" },
      { host: "evil.example", "x-forwarded-host": "evil.example, guildhall.agency.gov.au" },
    ]) {
      const res = await h.app.inject({ method: "GET", url: "/communities/abc?tab=members", headers: { ...headers, "x-forwarded-proto": "http" } });
      expect(res.statusCode).toBe(301);
      expect(res.headers.location).toBe(`${PUBLIC_URL}/communities/abc?tab=members`);
    }
  });

  it("keeps a request target that looks like another host on our host", () => {
    expect(httpsRedirectLocation(PUBLIC_URL, "//evil.example/x")).toBe(`${PUBLIC_URL}//evil.example/x`);
    expect(new URL(httpsRedirectLocation(PUBLIC_URL, "//evil.example/x")).host).toBe("guildhall.agency.gov.au");
    expect(httpsRedirectLocation(PUBLIC_URL, "http://evil.example/x")).toBe(`${PUBLIC_URL}/`);
    expect(httpsRedirectLocation(PUBLIC_URL, "*")).toBe(`${PUBLIC_URL}/`);
  });
});

describe("HTTPS required without a PUBLIC_URL", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ REQUIRE_HTTPS: "true", TRUST_PROXY: "1" });
  });
  afterAll(async () => {
    await h.close();
  });

  it("refuses plain HTTP instead of redirecting to a host taken from the request", async () => {
    const res = await h.app.inject({ method: "GET", url: "/api/v1/client-config", headers: { host: "evil.example", "x-forwarded-proto": "http" } });
    expect(res.statusCode).toBe(403);
    expect(res.headers.location).toBeUndefined();
    expect(res.json().error.id).toBe("request.https_required");
  });
});
