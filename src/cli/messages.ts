/**
 * `npm run messages <command>`: the catalog tools (docs/translating.md).
 *   extract [area…]    write the en-AU catalog from the code (only the named areas' files, if any), then report
 *                      what each translation lacks
 *   check              every catalog complete, valid ICU and shaped like the source; exit 1 if not
 *   missing <locale>   the messages a locale lacks, as JSON with the source text, ready to translate
 *   prune              drop from the translations messages the code no longer has
 *   context <id>       a message's source text, the note for translators, and where the code uses it
 */
import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { areaOf, type Catalog } from "../i18n/catalog.js";
import { checkCatalogs, problemCount, sourceFiles } from "../i18n/check.js";
import { extractMessages } from "../i18n/extract.js";
import { LOCALES, SOURCE_LOCALE, type Locale } from "../i18n/locales.js";
import { CATALOG_DIR, readCatalog } from "../i18n/node.js";

function writeArea(locale: Locale, area: string, catalog: Catalog): void {
  const sorted = Object.fromEntries(Object.keys(catalog).sort().map((id) => [id, catalog[id]]));
  writeFileSync(path.join(CATALOG_DIR, locale, `${area}.json`), `${JSON.stringify(sorted, null, 2)}\n`);
}

function report(): number {
  const problems = checkCatalogs(extractMessages(), (l) => readCatalog(l));
  const lines: string[] = [];
  if (problems.sourceOutOfDate.length) lines.push(`en-AU catalog out of date with the code (run: npm run messages extract): ${problems.sourceOutOfDate.join(", ")}`);
  for (const l of LOCALES) {
    if (problems.missing[l].length) lines.push(`${l} lacks ${problems.missing[l].length}: ${problems.missing[l].join(", ")}`);
    if (problems.extra[l].length) lines.push(`${l} has ${problems.extra[l].length} the code no longer uses (npm run messages prune): ${problems.extra[l].join(", ")}`);
  }
  for (const p of problems.invalid) lines.push(`invalid: ${p}`);
  for (const p of problems.mismatched) lines.push(`arguments differ: ${p}`);
  console.log(lines.length ? lines.join("\n") : "Every catalog is complete and valid.");
  return problemCount(problems);
}

const [command, arg, ...more] = process.argv.slice(2);
switch (command) {
  case "extract": {
    const files = sourceFiles(extractMessages());
    const only = [arg, ...more].filter((a): a is string => Boolean(a));
    const folder = path.join(CATALOG_DIR, SOURCE_LOCALE);
    for (const file of existsSync(folder) ? readdirSync(folder) : []) {
      const area = file.slice(0, -5);
      if (file.endsWith(".json") && !files.has(area) && (only.length === 0 || only.includes(area))) rmSync(path.join(folder, file));
    }
    for (const [area, catalog] of files) if (only.length === 0 || only.includes(area)) writeArea(SOURCE_LOCALE, area, catalog);
    console.log(`en-AU: ${[...files.values()].reduce((n, c) => n + Object.keys(c).length, 0)} messages in ${files.size} files`);
    report();
    break;
  }
  case "check":
    process.exitCode = report() > 0 ? 1 : 0;
    break;
  case "missing": {
    const locale = LOCALES.find((l) => l === arg && l !== SOURCE_LOCALE);
    if (!locale) throw new Error(`Name a translation: ${LOCALES.filter((l) => l !== SOURCE_LOCALE).join(", ")}`);
    const source = readCatalog(SOURCE_LOCALE);
    const have = readCatalog(locale);
    console.log(JSON.stringify(Object.fromEntries(Object.entries(source).filter(([id]) => !(id in have))), null, 2));
    break;
  }
  case "prune": {
    const source = readCatalog(SOURCE_LOCALE);
    for (const locale of LOCALES.filter((l) => l !== SOURCE_LOCALE)) {
      const byArea = new Map<string, Catalog>();
      for (const [id, text] of Object.entries(readCatalog(locale))) {
        if (!(id in source)) continue;
        const c = byArea.get(areaOf(id)) ?? {};
        c[id] = text;
        byArea.set(areaOf(id), c);
      }
      for (const [area, c] of byArea) writeArea(locale, area, c);
    }
    report();
    break;
  }
  case "context": {
    const found = arg ? extractMessages({ locations: true })[arg] : undefined;
    if (!found) throw new Error(`No message with id "${arg ?? ""}"`);
    console.log(JSON.stringify(found, null, 2));
    break;
  }
  default:
    console.log("npm run messages -- extract | check | missing <locale> | prune | context <id>");
    process.exitCode = command ? 1 : 0;
}
