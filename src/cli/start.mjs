// @ts-check
/**
 * `npm start`: build the tab (Vite → dist/tab) and the server (tsc → dist/src) only when their sources changed
 * since the last build, then run the compiled server in this same `node` process. So `npm start` is npm → node:
 * no tsx at run time (about 80 MB less), no shell in between that a SIGTERM could kill while the server lives
 * on, and it works the same from cmd.exe on Windows. Plain JavaScript, because nothing is compiled yet when it
 * starts on a fresh clone. `--build-only` builds and exits (benchmarks use it).
 *
 * A build is stale when any input file is newer than the stamp written after the last successful build, or the
 * stamp is missing (a fresh clone).
 */
import { spawnSync } from "node:child_process";
import { readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import process from "node:process";
import { setInterval } from "node:timers";
import { pathToFileURL } from "node:url";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CONFIG = ["package.json", "package-lock.json", "tsconfig.json"];

/** @typedef {{ name: string; inputs: string[]; skip?: RegExp; stamp: string; command: string[] }} Target */

/** @type {Target[]} */
const TARGETS = [
  { name: "tab", inputs: ["src/tab", "src/domain", "src/i18n", "vite.config.ts", ...CONFIG], skip: /\.test\.tsx?$/, stamp: "dist/tab/.build-stamp", command: ["node_modules/vite/bin/vite.js", "build", "--logLevel", "warn"] },
  {
    name: "server",
    inputs: ["src", "bot", "tsconfig.build.json", ...CONFIG],
    skip: /^src[\\/]tab$|\.test\.tsx?$/,
    stamp: "dist/.server-build-stamp",
    command: ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"],
  },
];

/**
 * The newest modification time under `rel` (a file or a folder), in ms; 0 when it does not exist.
 * @param {string} rel
 * @param {RegExp | undefined} skip
 * @returns {number}
 */
function newest(rel, skip) {
  if (skip?.test(rel)) return 0;
  let s;
  try {
    s = statSync(path.join(ROOT, rel));
  } catch {
    return 0;
  }
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path.join(ROOT, rel)).reduce((max, entry) => Math.max(max, newest(path.join(rel, entry), skip)), s.mtimeMs);
}

/** @param {string} rel */
function stampTime(rel) {
  try {
    return statSync(path.join(ROOT, rel)).mtimeMs;
  } catch {
    return -1;
  }
}

/** Build what is stale; true when everything is up to date afterwards. */
function buildIfChanged() {
  for (const t of TARGETS) {
    const changed = Math.max(...t.inputs.map((i) => newest(i, t.skip)));
    if (stampTime(t.stamp) >= changed) continue;
    process.stdout.write(`Building the ${t.name} (its sources changed)…\n`);
    const started = Date.now();
    const r = spawnSync(process.execPath, t.command, { cwd: ROOT, stdio: "inherit" });
    if (r.status !== 0) {
      process.stderr.write(`Building the ${t.name} failed (exit ${r.status ?? r.signal}).\n`);
      return false;
    }
    // Stamped with the build's start, so a file saved while it ran counts as changed next time.
    writeFileSync(path.join(ROOT, t.stamp), `${new Date(started).toISOString()}\n`);
    utimesSync(path.join(ROOT, t.stamp), new Date(started), new Date(started));
  }
  return true;
}

/**
 * npm runs this through a shell (`sh -c`, or cmd.exe), and a SIGTERM sent to npm ends that shell but not its
 * child: without this the server would live on as an orphan holding the data folder. When the process that
 * started us goes away, shut down as if told to (the server's own SIGTERM handler closes everything in order).
 */
function stopWithParent() {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.kill(process.pid, "SIGTERM");
  }, 500).unref();
}

if (!buildIfChanged()) process.exit(1);
if (!process.argv.includes("--build-only")) {
  stopWithParent();
  await import(pathToFileURL(path.join(ROOT, "dist/src/server/main.js")).href);
}
