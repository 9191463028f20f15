/**
 * The README and the operations guide, read as a new platform engineer would: every `npm run X` names a script
 * in package.json, every `npx X` a binary the project installs, every repository path (infra/..., docs/..., src/...)
 * exists, and every `bash infra/...sh <command> --flag` names a command and flags the script accepts.
 */
import { describe, expect, it } from "vitest";
import { exists, read } from "./support/infra-files.js";

const DOCS = ["README.md", "docs/operations.md"] as const;
const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;

/** Text of fenced code blocks and inline code spans, with shell line continuations joined. */
function codeOf(markdown: string): string[] {
  const fence = /^[ \t]*```[^\n]*\n([\s\S]*?)^[ \t]*```/gm;
  const blocks = [...markdown.matchAll(fence)].map((m) => m[1] ?? "");
  const withoutBlocks = markdown.replace(fence, "");
  const spans = [...withoutBlocks.matchAll(/`([^`\n]+)`/g)].map((m) => m[1] ?? "");
  return [...blocks, ...spans].flatMap((code) => code.replace(/\\\n\s*/g, " ").split("\n"));
}

function npmScripts(markdown: string): string[] {
  const names = new Set<string>();
  for (const line of codeOf(markdown)) {
    for (const m of line.matchAll(/\bnpm run ([\w:.-]+)/g)) names.add(m[1] ?? "");
    for (const m of line.matchAll(/\bnpm (start|test)\b/g)) names.add(m[1] ?? "");
  }
  return [...names];
}

function npxBinaries(markdown: string): string[] {
  return [...new Set(codeOf(markdown).flatMap((line) => [...line.matchAll(/\bnpx ([\w.-]+)/g)].map((m) => m[1] ?? "")))];
}

/** Repository paths mentioned anywhere (prose too), minus templates like env/.env.<name> and build outputs. */
function repoPaths(markdown: string): string[] {
  const paths = new Set<string>();
  for (const m of markdown.matchAll(/(?<![\w./-])((?:infra|docs|src|bot|tests|env|appPackage|\.ci)\/[\w./-]*\w)/g)) {
    const found = m[1] ?? "";
    const rest = markdown.slice((m.index ?? 0) + found.length);
    // A template such as env/.env.<name>.user, or a build output: not a file to look for.
    if (/^[\w./-]*[<{*$]/.test(rest) || /\.user$/.test(found) || found.startsWith("appPackage/build")) continue;
    paths.add(found);
  }
  return [...paths];
}

interface ScriptCall {
  script: string;
  command: string | undefined;
  flags: string[];
}

function scriptCalls(markdown: string): ScriptCall[] {
  const calls: ScriptCall[] = [];
  for (const line of codeOf(markdown)) {
    for (const m of line.matchAll(/\bbash (infra\/[\w./-]+\.sh)((?:\s+[^\s;&|`]+)*)/g)) {
      const args = (m[2] ?? "").trim().split(/\s+/).filter((a) => a.length > 0);
      const first = args[0];
      calls.push({
        script: m[1] ?? "",
        command: first !== undefined && !first.startsWith("-") && !first.startsWith("<") ? first : undefined,
        flags: args.filter((a) => a.startsWith("--")).map((a) => a.replace(/=.*$/, "")),
      });
    }
  }
  return calls;
}

/** A `case` label in the script: `name)` or `name |` / `| name)`. */
const accepts = (scriptText: string, word: string): boolean =>
  new RegExp(`(^|[\\s|])${word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*[|)]`, "m").test(scriptText);

for (const doc of DOCS) {
  describe(doc, () => {
    if (!exists(doc)) {
      it.skip(`${doc} does not exist yet (the README is written by the lead); its commands cannot be checked`, () => {});
      return;
    }
    const text = read(doc);

    it("names only npm scripts that package.json defines", () => {
      const used = npmScripts(text);
      expect(used.length).toBeGreaterThan(0);
      expect(used.filter((name) => !(name in scripts))).toEqual([]);
    });

    it("runs only npx binaries the project installs", () => {
      expect(npxBinaries(text).filter((bin) => !exists(`node_modules/.bin/${bin}`))).toEqual([]);
    });

    it("mentions only repository paths that exist", () => {
      const paths = repoPaths(text);
      expect(paths.filter((p) => !exists(p.replace(/\/$/, "")))).toEqual([]);
    });

    it("calls scripts with commands and flags they accept", () => {
      for (const call of scriptCalls(text)) {
        expect(exists(call.script), call.script).toBe(true);
        const scriptText = read(call.script);
        if (call.command !== undefined) expect(accepts(scriptText, call.command), `${call.script} ${call.command}`).toBe(true);
        for (const flag of call.flags) expect(accepts(scriptText, flag), `${call.script} ${flag}`).toBe(true);
      }
    });
  });
}

describe("docs/operations.md", () => {
  it("shows the deployment scripts it relies on", () => {
    const calls = scriptCalls(read("docs/operations.md"));
    const commands = new Set(calls.filter((c) => c.script === "infra/scripts/deploy.sh").map((c) => c.command));
    for (const command of ["infra", "app", "status", "restart", "rotate-hmac", "secrets"]) expect(commands, command).toContain(command);
    expect(calls.some((c) => c.script === "infra/scripts/register-app.sh" && c.flags.includes("--key-vault"))).toBe(true);
  });

  it("checks that the extraction works on a known-bad example", () => {
    const bad = "```sh\nnpm run no-such-script\nbash infra/scripts/deploy.sh launch --env x --turbo\n```\nSee `infra/missing.bicep`.";
    expect(npmScripts(bad).filter((name) => !(name in scripts))).toEqual(["no-such-script"]);
    const [call] = scriptCalls(bad);
    expect(call).toEqual({ script: "infra/scripts/deploy.sh", command: "launch", flags: ["--env", "--turbo"] });
    const deploy = read("infra/scripts/deploy.sh");
    expect(accepts(deploy, "launch")).toBe(false);
    expect(accepts(deploy, "--turbo")).toBe(false);
    expect(accepts(deploy, "infra")).toBe(true);
    expect(repoPaths(bad).filter((p) => !exists(p))).toEqual(["infra/missing.bicep"]);
  });
});
