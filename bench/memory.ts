/**
 * Memory of the server process, read from /proc/<pid>/status (VmRSS now, VmHWM the peak), for the compiled
 * server as `npm start` and `npm run serve` run it (one `node` process):
 * - local mode (embedded PGlite): idle after start, then after a walk through the tab — the page, its
 *   assets, and every API call the tab's pages make, for each demo identity, several times;
 * - PostgreSQL: after the /api/v1/me load of the main benchmark (autocannon).
 * Run by `npm run bench` (bench/run.ts), or alone: `npx tsx bench/memory.ts`.
 */
import autocannon from "autocannon";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { DEMO_COMMUNITIES, DEMO_IDENTITIES } from "../src/domain/demo.js";
import { startServer, type RunningServer } from "../tests/support/server-process.js";

const ROOT = path.resolve(import.meta.dirname, "..");

export interface MemorySample {
  name: string;
  rssMb: number;
  peakMb: number;
  requests: number;
}

function memory(pid: number | undefined): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
}

/** Build what `npm start` builds (only what changed). */
export function buildForStart(): void {
  const r = spawnSync(process.execPath, ["src/cli/start.mjs", "--build-only"], { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) throw new Error("the build failed");
}

/** Every call the tab's pages make, for each demo identity, `rounds` times; returns the number of requests. */
async function walkTheTab(server: RunningServer, rounds: number): Promise<number> {
  let n = 0;
  const get = async (url: string, token?: string) => {
    n++;
    const res = await fetch(`${server.url}${url}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    return res.text();
  };
  const page = await get("/");
  const assets = [...page.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
  for (let round = 0; round < rounds; round++) {
    for (const a of assets) await get(a);
    await get("/api/dev/identities");
    for (const d of DEMO_IDENTITIES) {
      n++;
      const res = await fetch(`${server.url}/api/dev/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ key: d.key }) });
      const { token } = (await res.json()) as { token: string };
      const pages = ["/api/v1/me", "/api/v1/communities", "/api/v1/communities?q=data", "/api/v1/communities?status=proposed", "/api/v1/notifications", "/api/v1/people/similar", "/api/v1/people?q=an", "/api/v1/agencies"];
      for (const c of DEMO_COMMUNITIES) pages.push(`/api/v1/communities/${c.id}`);
      await Promise.all(pages.map((p) => get(p, token)));
    }
  }
  return n;
}

/** Local mode: the compiled server on a fresh embedded database, idle and after the walk. */
export async function benchLocalMemory(rounds = 20): Promise<MemorySample[]> {
  const server = await startServer({ LOG_LEVEL: "warn", RATE_LIMIT_PER_MINUTE: "100000000" }, 180_000, { compiled: true });
  try {
    await new Promise((r) => setTimeout(r, 3_000));
    const idle = memory(server.child.pid);
    const requests = await walkTheTab(server, rounds);
    const walked = memory(server.child.pid);
    return [
      { name: "local mode (PGlite), idle after start", ...idle, requests: 0 },
      { name: `local mode (PGlite), after a walk through the tab (${rounds} rounds × ${DEMO_IDENTITIES.length} identities)`, ...walked, requests },
    ];
  } finally {
    await server.stop();
  }
}

/** PostgreSQL: the compiled server under the /api/v1/me load. */
export async function benchPostgresMemory(url: string, seconds: number, connections: number): Promise<MemorySample> {
  const server = await startServer({ LOG_LEVEL: "warn", RATE_LIMIT_PER_MINUTE: "100000000", DATABASE_URL: url, DATABASE_SSL: "disable" }, 120_000, { compiled: true });
  try {
    const res = await fetch(`${server.url}/api/dev/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ key: "tom" }) });
    const { token } = (await res.json()) as { token: string };
    const r = await autocannon({ url: `${server.url}/api/v1/me`, headers: { authorization: `Bearer ${token}` }, connections, duration: seconds });
    return { name: `PostgreSQL, after ${seconds} s of GET /api/v1/me at ${connections} connections`, ...memory(server.child.pid), requests: r.requests.total };
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildForStart();
  const samples = await benchLocalMemory();
  const pg = process.env["BENCH_DATABASE_URL"];
  if (pg) samples.push(await benchPostgresMemory(pg, Number(process.env["BENCH_SECONDS"] ?? 10), Number(process.env["BENCH_CONNECTIONS"] ?? 10)));
  for (const s of samples) process.stdout.write(`| ${s.name} | ${s.requests} | ${s.rssMb.toFixed(0)} | ${s.peakMb.toFixed(0)} |\n`);
}
