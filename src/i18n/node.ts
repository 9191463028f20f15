/**
 * The catalogs as the server reads them: every area of every locale, from disk, once. The bot's cards, the
 * activity-feed notices and anything else the server writes for a person are formatted with `intlFor(locale)`.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { areaOf, pseudoCatalog, type Catalog } from "./catalog.js";
import { createFormatter, type Formatter } from "./format.js";
import { LOCALES, PSEUDO_LOCALE, SOURCE_LOCALE, type AnyLocale, type Locale } from "./locales.js";

/** The catalogs folder, whether this module runs from src/ (tsx, vitest) or from dist/src/ (compiled). */
export const CATALOG_DIR =
  [path.resolve(import.meta.dirname, "catalogs"), path.resolve(import.meta.dirname, "../../../src/i18n/catalogs")].find((d) => existsSync(d)) ??
  path.resolve(import.meta.dirname, "catalogs");

/** One locale's catalog, all areas merged; each file's ids must belong to its area. */
export function readCatalog(locale: Locale, dir = CATALOG_DIR): Catalog {
  const folder = path.join(dir, locale);
  const merged: Catalog = {};
  if (!existsSync(folder)) return merged;
  for (const file of readdirSync(folder).filter((f) => f.endsWith(".json")).sort()) {
    const area = file.slice(0, -".json".length);
    const entries = JSON.parse(readFileSync(path.join(folder, file), "utf8")) as unknown;
    if (typeof entries !== "object" || entries === null || Array.isArray(entries)) throw new Error(`${locale}/${file} is not a JSON object`);
    for (const [id, message] of Object.entries(entries)) {
      if (typeof message !== "string") throw new Error(`${locale}/${file}: "${id}" is not a string`);
      if (areaOf(id) !== area) throw new Error(`${locale}/${file}: "${id}" belongs in ${areaOf(id)}.json`);
      merged[id] = message;
    }
  }
  return merged;
}

let loaded: Map<AnyLocale, Catalog> | undefined;

/** Every locale's catalog (the pseudo-locale made from the source), read on first use. */
export function catalogs(): Map<AnyLocale, Catalog> {
  if (!loaded) {
    loaded = new Map<AnyLocale, Catalog>(LOCALES.map((l) => [l, readCatalog(l)]));
    loaded.set(PSEUDO_LOCALE, pseudoCatalog(loaded.get(SOURCE_LOCALE) ?? {}));
  }
  return loaded;
}

const formatters = new Map<string, Formatter>();

/**
 * A formatter for one locale. A message missing from a translation falls back to the source text written in
 * the code (`defaultMessage`); that never happens in a release, because a test requires every locale to have
 * every message. Dates and times are in `timeZone` (IANA), or UTC.
 */
export function intlFor(locale: AnyLocale, timeZone?: string): Formatter {
  const key = `${locale}|${timeZone ?? ""}`;
  let f = formatters.get(key);
  if (!f) {
    f = createFormatter({ locale, messages: catalogs().get(locale) ?? {}, timeZone: timeZone ?? "UTC", onError: (problem) => console.warn(`i18n: ${problem}`) });
    formatters.set(key, f);
  }
  return f;
}
