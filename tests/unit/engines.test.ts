/**
 * The Node.js versions the README promises are the ones every installed package accepts: `npm install` on
 * them prints no EBADENGINE warning. Read from the committed package-lock.json, which `npm ci` installs.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const semver = require("semver") as { satisfies(version: string, range: string): boolean; minVersion(range: string): { version: string } | null };
const ROOT = path.resolve(import.meta.dirname, "../..");

interface LockPackage {
  version?: string;
  engines?: { node?: string } | string[];
}
const lock = JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, LockPackage> };
const manifest = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { engines: { node: string } };
const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");

/** The oldest release of each supported line: 20.19, 22.13 (the 22 LTS floor our tools need), 24. */
const SUPPORTED = ["20.19.0", "22.13.0", "24.0.0"];

describe("supported Node.js versions", () => {
  it("package.json admits each supported line and nothing older than 20.19", () => {
    for (const v of SUPPORTED) expect(semver.satisfies(v, manifest.engines.node), v).toBe(true);
    expect(semver.satisfies("20.18.0", manifest.engines.node)).toBe(false);
    expect(semver.satisfies("22.12.0", manifest.engines.node)).toBe(false);
  });

  it("every package in the lock file accepts every supported version", () => {
    const refused: string[] = [];
    for (const [name, pkg] of Object.entries(lock.packages)) {
      const range = Array.isArray(pkg.engines) ? undefined : pkg.engines?.node;
      if (!name || !range) continue;
      for (const v of SUPPORTED) if (!semver.satisfies(v, range)) refused.push(`${name}@${pkg.version ?? "?"} wants node ${range} (not ${v})`);
    }
    expect(refused).toEqual([]);
  });

  it("the README names the same minimum versions", () => {
    expect(readme).toMatch(/Node\.js 20\.19\+/);
    expect(readme).toMatch(/22\.13\+/);
  });
});
