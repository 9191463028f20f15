/**
 * The README's own command, `npm start`, as a person runs it: it builds what changed, serves the tab, the API
 * and the bot on the embedded database, refuses a second copy on the same data folder, and a SIGTERM sent to
 * npm (what a terminal, a supervisor or a container runtime sends) stops the server and frees the folder —
 * no orphaned server left holding the database.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

interface Started {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

function npmStart(dataDir: string): Started {
  const child = spawn(NPM, ["start"], {
    cwd: ROOT,
    env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "", PORT: "0", LOG_LEVEL: "warn", PGLITE_DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  return { child, output: () => out, exited };
}

async function until<T>(what: string, probe: () => T | undefined, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Whether a process with this pid still runs. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const folders: string[] = [];
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  for (const f of folders) await rm(f, { recursive: true, force: true });
});

describe("npm start (the README's command)", () => {
  it("serves on the embedded database, refuses a second copy on the same folder, and stops with npm's SIGTERM", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "guildhall-npm-start-"));
    folders.push(folder);
    const dataDir = path.join(folder, "pglite");
    const first = npmStart(dataDir);
    children.push(first.child);
    const url = await until("the server to listen", () => /Guildhall listening on (http:\/\/\S+)/.exec(first.output())?.[1], 170_000);

    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    const page = await fetch(`${url}/communities`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');

    // The server process holds the folder's lock; it is the node process npm started (through its shell).
    const lockPath = `${dataDir}.lock`;
    expect(existsSync(lockPath)).toBe(true);
    const serverPid = Number.parseInt(readFileSync(lockPath, "utf8"), 10);
    expect(alive(serverPid)).toBe(true);

    const second = npmStart(dataDir);
    children.push(second.child);
    expect(await second.exited).not.toBe(0);
    expect(second.output()).toContain(`Another Guildhall (pid ${serverPid}) is using the embedded database in ${dataDir}`);
    expect(second.output()).not.toMatch(/RuntimeError|Aborted\(\)/);
    expect(alive(serverPid)).toBe(true);

    const stoppedAt = Date.now();
    first.child.kill("SIGTERM");
    await until("the server process to end", () => (alive(serverPid) ? undefined : true), 10_000);
    const ms = Date.now() - stoppedAt;
    expect(ms).toBeLessThanOrEqual(5_000);
    expect(existsSync(lockPath)).toBe(false);
    expect(first.output()).not.toMatch(/unhandled|RuntimeError/i);
  });
});
