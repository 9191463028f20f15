/**
 * What is wrong with the catalogs, if anything: the source catalog out of step with the code, a locale missing a
 * message or holding one the source no longer has, a message that is not valid ICU, or a translation whose
 * arguments, plurals or tags differ from the source's. Node only (the tools and the tests).
 */
import { isStructurallySame, parse } from "@formatjs/icu-messageformat-parser";
import { areaOf, type Catalog } from "./catalog.js";
import type { Extracted } from "./extract.js";
import { LOCALES, SOURCE_LOCALE, type Locale } from "./locales.js";

export interface CatalogProblems {
  /** In the code but not (or not the same) in the en-AU catalog: run `npm run messages extract`. */
  sourceOutOfDate: string[];
  missing: Record<Locale, string[]>;
  extra: Record<Locale, string[]>;
  invalid: string[];
  mismatched: string[];
}

export function checkCatalogs(extracted: Record<string, Extracted>, read: (locale: Locale) => Catalog): CatalogProblems {
  const source = read(SOURCE_LOCALE);
  const problems: CatalogProblems = {
    sourceOutOfDate: [],
    missing: { "en-AU": [], "en-US": [], "fr-CA": [] },
    extra: { "en-AU": [], "en-US": [], "fr-CA": [] },
    invalid: [],
    mismatched: [],
  };
  for (const [id, d] of Object.entries(extracted)) {
    if (source[id] !== d.defaultMessage) problems.sourceOutOfDate.push(id);
    if (!/^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_]+)+$/.test(id)) problems.invalid.push(`${id}: ids are dotted, starting with the area (e.g. community.join.title)`);
  }
  for (const id of Object.keys(source)) if (!(id in extracted)) problems.sourceOutOfDate.push(id);
  for (const locale of LOCALES) {
    const catalog = read(locale);
    for (const id of Object.keys(source)) if (!(id in catalog)) problems.missing[locale].push(id);
    for (const [id, message] of Object.entries(catalog)) {
      if (!(id in source)) {
        problems.extra[locale].push(id);
        continue;
      }
      let ast;
      try {
        ast = parse(message);
      } catch (error) {
        problems.invalid.push(`${locale} ${id}: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      if (locale === SOURCE_LOCALE) continue;
      try {
        const same = isStructurallySame(parse(source[id] ?? ""), ast);
        if (!same.success) problems.mismatched.push(`${locale} ${id}: ${same.error?.message ?? "arguments differ from the source"}`);
      } catch (error) {
        problems.invalid.push(`${SOURCE_LOCALE} ${id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return problems;
}

export function problemCount(p: CatalogProblems): number {
  return (
    p.sourceOutOfDate.length +
    p.invalid.length +
    p.mismatched.length +
    LOCALES.reduce((n, l) => n + p.missing[l].length + p.extra[l].length, 0)
  );
}

/** The source catalog files the extracted messages make: area → sorted id → text. */
export function sourceFiles(extracted: Record<string, Extracted>): Map<string, Catalog> {
  const files = new Map<string, Catalog>();
  for (const id of Object.keys(extracted).sort()) {
    const area = areaOf(id);
    const file = files.get(area) ?? {};
    file[id] = extracted[id]?.defaultMessage ?? "";
    files.set(area, file);
  }
  return files;
}
