/**
 * Start the real Guildhall server as a child process (as `npm start` would, minus the tab build) and wait
 * for the line it prints when listening. Used by end-to-end tests and benchmarks.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export interface RunningServer {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Start `src/server/main.ts` with PORT=0 on a fresh embedded database unless env says otherwise. */
export async function startServer(env: Record<string, string> = {}, timeoutMs = 120_000): Promise<RunningServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "guildhall-e2e-"));
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env["PATH"] ?? "",
      HOME: process.env["HOME"] ?? "",
      NODE_ENV: "development",
      PORT: "0",
      LOG_LEVEL: "warn",
      PGLITE_DATA_DIR: path.join(dataDir, "pglite"),
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
  return {
    url,
    child,
    output: () => out,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((r) => child.once("exit", () => r()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
