/**
 * The tab's JavaScript as a browser fetches it: builds the tab (Vite, with its manifest) into a temporary folder
 * and reports the gzipped bytes the home page ("/") loads, the largest of those chunks, and what each other
 * page adds on its first visit. Part of `npm run bench`; alone: `npx tsx bench/bundle.ts` (prints its section),
 * or `npx tsx bench/bundle.ts --dist <folder>` to measure a build that already has .vite/manifest.json.
 *
 * "Loads initially" is the entry script of index.html, everything it imports statically (the manifest's
 * import graph) and every modulepreload link in index.html; the home page then adds its own page chunk and the
 * chunks that imports, and the catalog of the locale it shows (en-AU, the source: one chunk per locale, built by
 * src/i18n/vitePlugin.ts and imported before the first paint). Sizes are gzip at zlib's default level, as
 * @fastify/compress sends them.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";

const ROOT = path.resolve(import.meta.dirname, "..");

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface ChunkSize {
  file: string;
  bytes: number;
  gzip: number;
}

export interface PageCost {
  /** The routes (from src/tab/routes.tsx) that show this page. */
  routes: string[];
  /** The page's module, e.g. pages/Community/Community.tsx. */
  page: string;
  /** Gzipped bytes beyond what the app loads initially. */
  extraGzip: number;
  extraChunks: number;
}

export interface CatalogChunk extends ChunkSize {
  locale: string;
}

export interface BundleReport {
  /** Entry + static imports + modulepreloads. */
  initial: { chunks: number; gzip: number; bytes: number };
  /** What "/" loads in a browser: the initial set, the home page's chunks and the en-AU catalog. */
  home: { chunks: number; gzip: number; bytes: number; largest: ChunkSize };
  /** Each locale's catalog chunk (the tab loads exactly one, before the first paint). */
  catalogs: CatalogChunk[];
  /** Loaded before the first render inside Teams only (the teams-js host SDK). */
  teamsExtraGzip: number;
  pages: PageCost[];
  /** Every chunk in the build. */
  totalGzip: number;
  totalChunks: number;
}

function closure(manifest: Manifest, keys: readonly string[]): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`The manifest has no chunk ${key}`);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return files;
}

/** Route paths per page module, read from the `lazyPage(() => import(...))` lines and ROUTES of routes.tsx. */
async function routesByPage(): Promise<Map<string, string[]>> {
  const source = await readFile(path.join(ROOT, "src/tab/routes.tsx"), "utf8");
  const pageOf = new Map<string, string>();
  for (const m of source.matchAll(/const (\w+) = lazyPage\(\(\) => import\("\.\/([^"]+)\.js"\)/g)) pageOf.set(m[1]!, `${m[2]!}.tsx`);
  const routes = new Map<string, string[]>();
  for (const m of source.matchAll(/path: "([^"]*)",\s*title: [\w.]+,\s*preload: (\w+)\.preload/g)) {
    const page = pageOf.get(m[2]!);
    if (page) routes.set(page, [...(routes.get(page) ?? []), m[1]!]);
  }
  return routes;
}

/** Measures a built tab (a folder with index.html and .vite/manifest.json). */
export async function measureBundle(dist: string): Promise<BundleReport> {
  const manifest = JSON.parse(await readFile(path.join(dist, ".vite/manifest.json"), "utf8")) as Manifest;
  const html = await readFile(path.join(dist, "index.html"), "utf8");
  const sizes = new Map<string, ChunkSize>();
  const size = async (file: string): Promise<ChunkSize> => {
    let s = sizes.get(file);
    if (!s) {
      const content = await readFile(path.join(dist, file));
      s = { file, bytes: content.length, gzip: gzipSync(content).length };
      sizes.set(file, s);
    }
    return s;
  };
  const sum = async (files: Iterable<string>) => {
    const all = await Promise.all([...files].map(size));
    return { chunks: all.length, gzip: all.reduce((a, s) => a + s.gzip, 0), bytes: all.reduce((a, s) => a + s.bytes, 0), all };
  };

  const entries = Object.keys(manifest).filter((k) => manifest[k]!.isEntry);
  const initialFiles = closure(manifest, entries);
  for (const m of html.matchAll(/<(?:script|link)[^>]*(?:src|href)="\/?(assets\/[^"]+)"/g)) initialFiles.add(m[1]!);
  const initial = await sum(initialFiles);

  const byPage = await routesByPage();
  const pages: PageCost[] = [];
  for (const [key, chunk] of Object.entries(manifest)) {
    if (!chunk.isDynamicEntry || !key.startsWith("pages/")) continue;
    const extra = [...closure(manifest, [key])].filter((f) => !initialFiles.has(f));
    const cost = await sum(extra);
    pages.push({ routes: byPage.get(key) ?? [], page: key, extraGzip: cost.gzip, extraChunks: cost.chunks });
  }
  pages.sort((a, b) => a.extraGzip - b.extraGzip);

  // The catalogs: `virtual:guildhall-messages/<locale>`, one dynamic entry per locale.
  const catalogKeys = new Map<string, string>();
  for (const [key, chunk] of Object.entries(manifest)) {
    const locale = /guildhall-messages[:_/]([A-Za-z]{2}-[A-Za-z]{2})/.exec(chunk.src ?? key)?.[1];
    if (locale && chunk.isDynamicEntry) catalogKeys.set(locale, key);
  }
  const catalogs: CatalogChunk[] = [];
  for (const [locale, key] of [...catalogKeys].sort(([a], [b]) => a.localeCompare(b))) catalogs.push({ locale, ...(await size(manifest[key]!.file)) });

  // Before lazy pages the home page was part of the entry; then nothing is added here.
  const homeKey = [...byPage].find(([, routes]) => routes.includes("/"))?.[0];
  const sourceCatalog = catalogKeys.get("en-AU");
  const homeFiles = new Set([
    ...initialFiles,
    ...(homeKey && manifest[homeKey] ? closure(manifest, [homeKey]) : []),
    ...(sourceCatalog ? closure(manifest, [sourceCatalog]) : []),
  ]);
  const home = await sum(homeFiles);
  const largest = home.all.reduce((a, b) => (b.gzip > a.gzip ? b : a));

  const teamsKey = Object.keys(manifest).find((k) => k.endsWith("host/teamsHost.ts"));
  const teams = teamsKey ? await sum([...closure(manifest, [teamsKey])].filter((f) => !homeFiles.has(f))) : { gzip: 0 };

  const total = await sum(Object.values(manifest).map((c) => c.file));
  return {
    initial: { chunks: initial.chunks, gzip: initial.gzip, bytes: initial.bytes },
    home: { chunks: home.chunks, gzip: home.gzip, bytes: home.bytes, largest },
    catalogs,
    teamsExtraGzip: teams.gzip,
    pages,
    totalGzip: total.gzip,
    totalChunks: total.chunks,
  };
}

/**
 * Builds the tab as `npm run build:tab` does (same config) plus Vite's manifest, which the served build leaves
 * out (it would publish the source layout), into a temporary folder, and measures it.
 */
export async function benchBundle(): Promise<BundleReport> {
  const out = await mkdtemp(path.join(os.tmpdir(), "guildhall-tab-"));
  try {
    const vite = path.join(ROOT, "node_modules/vite/bin/vite.js");
    const build = spawnSync(process.execPath, [vite, "build", "--manifest", "--logLevel", "warn", "--outDir", out, "--emptyOutDir"], { cwd: ROOT, stdio: "inherit" });
    if (build.status !== 0) throw new Error(`vite build exited ${build.status ?? build.signal}`);
    return await measureBundle(out);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

const kb = (bytes: number) => (bytes / 1000).toFixed(1);

/** The bench/README.md section for a report. */
export function bundleSection(r: BundleReport): string {
  const sourceCatalog = r.catalogs.find((c) => c.locale === "en-AU");
  const largestCatalog = r.catalogs.filter((c) => c.locale !== "en-XA").reduce<CatalogChunk | undefined>((a, c) => (!a || c.gzip > a.gzip ? c : a), undefined);
  const teamsLargest =
    sourceCatalog && largestCatalog && largestCatalog.locale !== "en-AU"
      ? `| the home page inside Teams in ${largestCatalog.locale} (its catalog, the largest, instead of en-AU's) | — | ${kb(r.home.gzip + r.teamsExtraGzip - sourceCatalog.gzip + largestCatalog.gzip)} | — |\n`
      : "";
  const catalogRows = r.catalogs.map((c) => `| ${c.locale} | ${c.file.replace(/^assets\//, "")} | ${kb(c.gzip)} | ${kb(c.bytes)} |`);
  const rows = r.pages.map((p) => `| ${p.routes.length > 0 ? p.routes.map((x) => `\`${x}\``).join(", ") : "—"} | ${p.page} | ${kb(p.extraGzip)} | ${p.extraChunks} |`);
  return `## The tab's JavaScript (goal ≤ 200 KB gzipped for the home page)

bench/bundle.ts builds the tab with Vite's manifest and adds up, gzipped (zlib's default level, as the server
sends it), what a browser fetches: index.html's entry script, its static imports and modulepreload links, then
the page chunks of the route it opens, and the catalog of the locale shown (one chunk per locale, fetched before
the first paint; the home page figures count en-AU's). KB = 1,000 bytes. Pages are loaded on their first visit
(React.lazy).

| what | chunks | KB gzipped | KB raw |
|---|---|---|---|
| loaded initially (entry + static imports + modulepreloads) | ${r.initial.chunks} | ${kb(r.initial.gzip)} | ${kb(r.initial.bytes)} |
| the home page \`/\` in a browser (initial + its page chunks + the en-AU catalog) | ${r.home.chunks} | ${kb(r.home.gzip)} | ${kb(r.home.bytes)} |
| the home page inside Teams (also the teams-js host SDK) | — | ${kb(r.home.gzip + r.teamsExtraGzip)} | — |
${teamsLargest}| largest chunk the home page loads (${r.home.largest.file.replace(/^assets\//, "")}) | 1 | ${kb(r.home.largest.gzip)} | ${kb(r.home.largest.bytes)} |
| the whole tab (every chunk) | ${r.totalChunks} | ${kb(r.totalGzip)} | — |

Each locale's catalog (the tab fetches exactly one; pseudo-locale en-XA is for testing):

| locale | chunk | KB gzipped | KB raw |
|---|---|---|---|
${catalogRows.join("\n")}

What each page adds on its first visit, beyond what is loaded initially (chunks it shares with a page
already visited come from the cache):

| routes | page | extra KB gzipped | extra chunks |
|---|---|---|---|
${rows.join("\n")}

Measured ${new Date().toISOString().slice(0, 10)} on ${os.availableParallelism()} CPUs (nproc), Node ${process.version}.

Issue 9 (localisation, 2026-12-01): the tab now fetches one catalog chunk before its first paint, counted above
for en-AU. Before, the home page loaded 179.1 KB in a browser (23 chunks) and 195.4 KB inside Teams with a
1.0 KB catalog, its own page chunks 32.3 KB (6 chunks, 24.6 KB of them Fluent's Card and Tag). What changed: the
home page's two cards and its interest tags are plain sections and list items styled with Fluent's tokens (the
same surface, radius, shadow, colours and type ramp; headings and lists unchanged), so its page chunks are
5.8 KB (2 chunks): 26.5 KB less, which pays for a full catalog (12.7 KB en-AU, 15.0 KB fr-CA on the day, with
other areas still being filled).
`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const i = process.argv.indexOf("--dist");
  const dist = i > 0 ? process.argv[i + 1] : undefined;
  const report = dist ? await measureBundle(path.resolve(dist)) : await benchBundle();
  process.stdout.write(bundleSection(report));
}
