/**
 * The embedded database of local mode: PGlite (PostgreSQL in WASM) on a data folder, served to `pg` on a
 * loopback port by `serveEmbedded`, which runs one connection's unit of work at a time. A lock file beside
 * the folder keeps a second Guildhall out; a lock left by a process that no longer runs is taken over.
 */
import { spawn } from "node:child_process";
import { mkdir, open, readFile, rm, stat } from "node:fs/promises";
import { unlinkSync } from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import { serveEmbedded } from "./embeddedServer.js";

export interface Embedded {
  url: string;
  stop(): Promise<void>;
}

/** Another live process holds the data folder. */
export class EmbeddedLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `Another Guildhall (pid ${pid}) is using the embedded database in ${dataDir}.\n` +
        `Stop it first (Ctrl+C in its terminal, or \`kill ${pid}\`), or give this one its own folder: PGLITE_DATA_DIR=<another folder> npm start`,
    );
    this.name = "EmbeddedLockedError";
  }
}

/** PostgreSQL settings for a small local database: 16 MB of shared buffers instead of 128 MB (RSS). */
const SETTINGS = ["-c", "shared_buffers=16MB"];

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Take `<dataDir>.lock` for this process, or throw EmbeddedLockedError naming the live holder. */
export async function lockDataDir(dataDir: string): Promise<() => void> {
  const lockPath = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(lockPath, "wx");
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off("exit", release);
        try {
          unlinkSync(lockPath);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
        }
      };
      process.on("exit", release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const holder = Number.parseInt(await readFile(lockPath, "utf8").catch(() => ""), 10);
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) throw new EmbeddedLockedError(dataDir, holder);
    // Stale (its process is gone) or unreadable: take it over.
    await rm(lockPath, { force: true });
  }
  throw new Error(`could not take the lock ${lockPath}`);
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

/**
 * Create a new data folder in a short-lived child process: initdb's WASM stays in the memory of the process
 * that ran it (about 500 MB), so the server only ever opens an existing folder.
 */
async function initialise(dataDir: string): Promise<void> {
  const pgliteUrl = import.meta.resolve("@electric-sql/pglite");
  const script = `const { PGlite } = await import(${JSON.stringify(pgliteUrl)}); const db = new PGlite(${JSON.stringify(dataDir)}); await db.waitReady; await db.close();`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", resolve);
  });
  if (code !== 0) throw new Error(`creating the embedded database in ${dataDir} failed (exit ${code}): ${stderr.trim()}`);
}

/** Start PGlite on a data folder (or in memory) and serve it on 127.0.0.1 at a free port (or `port`). */
export async function startEmbedded(dataDir: string | "memory", options: { port?: number } = {}): Promise<Embedded> {
  // PGlite's WASM compiled by the baseline compiler only: about 50 MB less memory than with V8's optimising
  // tier, at the same query speed (measured, bench/README.md). Must be set before the module is compiled.
  v8.setFlagsFromString("--liftoff-only");
  const { PGlite } = await import("@electric-sql/pglite");
  let unlock: (() => void) | undefined;
  let dir: string | undefined;
  if (dataDir !== "memory") {
    dir = path.resolve(dataDir);
    await mkdir(path.dirname(dir), { recursive: true });
    unlock = await lockDataDir(dir);
  }
  try {
    if (dir && !(await exists(path.join(dir, "PG_VERSION")))) {
      await mkdir(dir, { recursive: true });
      await initialise(dir);
    }
    const startParams = [...PGlite.defaultStartParams, ...SETTINGS];
    const pglite = dir ? new PGlite(dir, { startParams }) : new PGlite({ startParams });
    await pglite.waitReady;
    const server = await serveEmbedded(pglite, options.port === undefined ? {} : { port: options.port });
    return {
      url: `postgres://postgres@${server.host}:${server.port}/postgres`,
      async stop() {
        try {
          await server.stop();
          await pglite.close();
        } finally {
          unlock?.();
        }
      },
    };
  } catch (err) {
    unlock?.();
    throw err;
  }
}
