/**
 * Start the real Guildhall server as a child process — one `node` process running src/server/main.ts, as
 * `npm start` runs its compiled form (minus the build) — and wait for the line it prints when listening.
 * Used by end-to-end tests, the embedded-concurrency test and benchmarks.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export interface RunningServer {
  url: string;
  child: ChildProcess;
  /** The embedded database's folder (PGLITE_DATA_DIR). */
  dataDir: string;
  output: () => string;
  /** SIGTERM, then SIGKILL after 10 s; returns at once for a process that has already ended (even by SIGKILL). */
  stop(): Promise<void>;
  /** SIGTERM and report how the process ended and how long it took (no SIGKILL before `killAfterMs`). */
  terminate(killAfterMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
}

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * Start `src/server/main.ts` with PORT=0 on a fresh embedded database unless env says otherwise. With
 * `compiled`, start `dist/src/server/main.js` exactly as `npm start` and `npm run serve` do (build it first).
 */
export async function startServer(env: Record<string, string> = {}, timeoutMs = 120_000, options: { compiled?: boolean } = {}): Promise<RunningServer> {
  const dataDir = env["PGLITE_DATA_DIR"] ?? path.join(await mkdtemp(path.join(tmpdir(), "guildhall-e2e-")), "pglite");
  const child = spawn(process.execPath, options.compiled ? ["dist/src/server/main.js"] : ["--import", "tsx", "src/server/main.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env["PATH"] ?? "",
      HOME: process.env["HOME"] ?? "",
      NODE_ENV: "development",
      PORT: "0",
      LOG_LEVEL: "warn",
      PGLITE_DATA_DIR: dataDir,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Guildhall listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  const terminate = async (killAfterMs = 10_000) => {
    const started = Date.now();
    if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, signal: child.signalCode, ms: 0 };
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once("exit", (code, signal) => r({ code, signal })));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    const result = await exited;
    clearTimeout(timer);
    return { ...result, ms: Date.now() - started };
  };
  return {
    url,
    child,
    dataDir,
    output: () => out,
    terminate,
    async stop() {
      await terminate();
    },
  };
}
