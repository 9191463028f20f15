import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EmbeddedLockedError, lockDataDir } from "./embedded.js";

async function folder(): Promise<string> {
  return path.join(await mkdtemp(path.join(tmpdir(), "guildhall-lock-")), "pglite");
}

/** The pid of a process that has ended. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((r) => child.once("exit", r));
  return child.pid!;
}

describe("the embedded data folder's lock", () => {
  it("is taken by one process and released for the next", async () => {
    const dir = await folder();
    const release = await lockDataDir(dir);
    expect((await readFile(`${dir}.lock`, "utf8")).trim()).toBe(String(process.pid));
    release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
    (await lockDataDir(dir))();
  });

  it("refuses while another live process holds it, naming that process and the folder", async () => {
    const dir = await folder();
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    try {
      await writeFile(`${dir}.lock`, `${holder.pid}\n`);
      const refused = await lockDataDir(dir).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(EmbeddedLockedError);
      expect((refused as Error).message).toContain(`Another Guildhall (pid ${holder.pid}) is using the embedded database in ${dir}`);
      expect((refused as Error).message).toContain("PGLITE_DATA_DIR=");
      // The holder's lock is left alone.
      expect((await readFile(`${dir}.lock`, "utf8")).trim()).toBe(String(holder.pid));
    } finally {
      holder.kill();
    }
  });

  it("takes over a lock left by a process that no longer runs, or an unreadable one", async () => {
    const dir = await folder();
    await writeFile(`${dir}.lock`, `${await deadPid()}\n`);
    const release = await lockDataDir(dir);
    expect((await readFile(`${dir}.lock`, "utf8")).trim()).toBe(String(process.pid));
    release();
    await writeFile(`${dir}.lock`, "garbage");
    (await lockDataDir(dir))();
  });
});
