/**
 * The source catalog, taken from the code: every `defineMessages`/`defineMessage`/`formatMessage` descriptor in
 * src/ and bot/ (tests excluded), by the FormatJS extractor. Node only; used by `npm run messages` and by the
 * catalog tests, which require the committed en-AU catalog to be exactly what the code says.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

export interface Extracted {
  defaultMessage: string;
  description?: string;
  file?: string;
  line?: number;
}

/** id → source text, description and (with `locations`) where in the code it is written. */
export function extractMessages(options: { locations?: boolean } = {}): Record<string, Extracted> {
  const dir = mkdtempSync(path.join(tmpdir(), "guildhall-messages-"));
  const out = path.join(dir, "messages.json");
  try {
    const cli = path.join(REPO_ROOT, "node_modules/@formatjs/cli/bin/formatjs");
    execFileSync(
      process.execPath,
      [
        cli,
        "extract",
        "src/**/*.{ts,tsx}",
        "bot/**/*.ts",
        "--ignore",
        "**/*.test.ts",
        "**/*.test.tsx",
        "**/*.d.ts",
        "--throws",
        "--out-file",
        out,
        ...(options.locations ? ["--extract-source-location"] : []),
      ],
      { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "inherit"] },
    );
    const raw = JSON.parse(readFileSync(out, "utf8")) as Record<string, { defaultMessage: string; description?: string; file?: string; start?: number }>;
    const result: Record<string, Extracted> = {};
    for (const [id, d] of Object.entries(raw)) {
      result[id] = { defaultMessage: d.defaultMessage, ...(d.description ? { description: String(d.description) } : {}), ...(d.file ? { file: d.file } : {}) };
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
