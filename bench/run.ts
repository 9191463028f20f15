/**
 * `npm run bench`: measures Guildhall against a baseline in the same run and writes bench/README.md.
 * - /api/v1/me (token verification + policy + profile read) vs a Fastify hello-world.
 * - The tab's JavaScript the home page loads, and what each page adds (bench/bundle.ts).
 * Runs on the embedded database (PGlite) and, when reachable, on the real PostgreSQL at
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test).
 */
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startServer, type RunningServer } from "../tests/support/server-process.js";
import { benchLocalMemory, benchPostgresMemory, buildForStart, type MemorySample } from "./memory.js";
import { benchProvisioning } from "./provision.js";
import { benchBundle, bundleSection } from "./bundle.js";
import { DEMO_IDENTITIES } from "../src/domain/demo.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const DURATION = Number(process.env["BENCH_SECONDS"] ?? 10);
const CONNECTIONS = Number(process.env["BENCH_CONNECTIONS"] ?? 10);

interface Result {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function measure(name: string, url: string, headers: Record<string, string> = {}): Promise<Result> {
  await autocannon({ url, headers, connections: CONNECTIONS, duration: 2 }); // warm-up
  const r = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION });
  return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

async function startHello(): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/hello.ts"], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`hello-world exited ${code}`)));
  });
  return { url, stop: () => child.kill("SIGTERM") };
}

async function postgresReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function benchMe(server: RunningServer, label: string): Promise<Result> {
  const res = await fetch(`${server.url}/api/dev/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ key: "tom" }) });
  const { token } = (await res.json()) as { token: string };
  const check = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  if (check.status !== 200) throw new Error(`/api/v1/me answered ${check.status}`);
  return measure(`GET /api/v1/me (${label})`, `${server.url}/api/v1/me`, { authorization: `Bearer ${token}` });
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

async function main(): Promise<void> {
  const results: Result[] = [];
  const hello = await startHello();
  try {
    results.push(await measure("Fastify hello-world (baseline)", `${hello.url}/hello`));
  } finally {
    hello.stop();
  }

  const high = { RATE_LIMIT_PER_MINUTE: "100000000", LOG_LEVEL: "warn" };
  const embedded = await startServer(high);
  try {
    results.push(await benchMe(embedded, "embedded PGlite"));
  } finally {
    await embedded.stop();
  }

  const pgUrl = process.env["BENCH_DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";
  if (await postgresReachable(pgUrl)) {
    const real = await startServer({ ...high, DATABASE_URL: pgUrl, DATABASE_SSL: "disable" });
    try {
      results.push(await benchMe(real, "PostgreSQL"));
    } finally {
      await real.stop();
    }
  }

  const communities = Number(process.env["BENCH_COMMUNITIES"] ?? 100);
  const prov = await benchProvisioning(communities, 4);

  buildForStart();
  const mem: MemorySample[] = await benchLocalMemory();
  if (await postgresReachable(pgUrl)) mem.push(await benchPostgresMemory(pgUrl, DURATION, CONNECTIONS));
  const bundle = await benchBundle();
  const memRows = mem.map((m) => `| ${m.name} | ${m.requests} | ${m.rssMb.toFixed(0)} | ${m.peakMb.toFixed(0)} |`);

  const base = results[0]!;
  const rows = results.map(
    (r) => `| ${r.name} | ${fmt(r.rps)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${(r.rps / base.rps).toFixed(2)} | ${r.errors + r.non2xx} |`,
  );
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const report = `# Benchmarks

Run with \`npm run bench\` (BENCH_SECONDS=${DURATION}, BENCH_CONNECTIONS=${CONNECTIONS}). Each server runs in its own
process; autocannon drives it from the bench process over loopback after a 2 s warm-up. Numbers are from the
latest run; they are measurements, not test assertions.

- Date: ${new Date().toISOString()}
- Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}
- Node ${process.version}

## /api/v1/me against a Fastify hello-world

\`/api/v1/me\` verifies an RS256 token (signature, audience, issuer, scope), evaluates the eligibility policy,
resolves the agency and reads the cached profile (a write only when the profile is stale), then presents the
permissions.

| target | req/s | p50 ms | p99 ms | ratio to baseline (req/s) | errors + non-2xx |
|---|---|---|---|---|---|
${rows.join("\n")}

PGlite is one PostgreSQL session that the embedded server hands to one connection's batch or transaction at a
time, so the embedded row is a local demo's ceiling; the PostgreSQL row is what a deployment sees per instance.

## Memory of the server process (goal ≤ 250 MB RSS)

The compiled server as \`npm start\` and \`npm run serve\` run it: one \`node\` process (no npm → tsx → node
chain), its VmRSS and peak (VmHWM) from /proc. Local mode walks through the tab: the page and its assets, then
every API call the tab's pages make, for each of the ${DEMO_IDENTITIES.length} demo identities, 20 times (bench/memory.ts).

| server | requests | RSS MB | peak RSS MB |
|---|---|---|---|
${memRows.join("\n")}

Before (issue 7, 2026-11-30): local mode 454 MB idle and 523 MB after a walk, run as npm → tsx → node. What
changed: the compiled server instead of tsx at run time (about 80 MB); PGlite with 16 MB of shared buffers instead
of 128 MB (about 110 MB); PGlite's WASM compiled by V8's baseline tier only (about 50 MB, the same query speed:
6,000 statements in 4.6 s vs 4.7 s); a new data folder's initdb run in a short-lived child process (its WASM
stayed in the server at 760–900 MB on a first start). Measured but not adopted: \`--max-semi-space-size=2\` saves
another 30 MB under load at some cost in throughput.

## Provisioning ${prov.communities} communities against the Graph stand-in

Each community is a private channel in one host team, provisioned by the real job code (\`provisionCommunity\`)
through the Graph gateway, ${prov.concurrency} jobs at a time, against the Graph stand-in enforcing the documented
limits (4 requests per second per app on one team, 30 channel creations per second per tenant, 4 member
adds per minute per channel; 429 + Retry-After beyond them). Each community costs ${(prov.teamScopedCalls / prov.communities).toFixed(0)} requests on the host team
(look for an existing channel, read the team's members so the owner joins the team first, create the channel
with its owner, read team and channel members), so the per-team
limit binds: the minimum is (requests − 4) ÷ 4 per second.

| communities | requests on the host team | rate-limit minimum s | total s | ratio (goal ≤ 1.2) | 429s | channels | duplicates (goal 0) |
|---|---|---|---|---|---|---|---|
| ${prov.communities} | ${prov.teamScopedCalls} | ${prov.minimumSeconds.toFixed(1)} | ${prov.seconds.toFixed(1)} | ${prov.ratio.toFixed(2)} | ${prov.throttled} | ${prov.channels} | ${prov.duplicates} |

${bundleSection(bundle)}

Before (issue 8, 2026-12-01): every page was in the entry and all of Fluent UI in one chunk, so the home page
loaded 203.0 KB (5 chunks; 219.3 KB inside Teams), its largest chunk Fluent's at 100.7 KB, measured the same way.
What changed: each page is its own chunk (React.lazy, fetched as soon as its route opens, in parallel with
sign-in), and Fluent has no chunk of its own any more, so its components travel with the pages that use them.
`;
  await writeFile(path.join(ROOT, "bench/README.md"), report);
  process.stdout.write(report);
}

await main();
