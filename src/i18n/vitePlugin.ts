/**
 * The tab's catalogs, built: `import("virtual:guildhall-messages/fr-CA")` is that locale's messages for the tab
 * (every area but the server-only ones), already parsed into ICU message ASTs so the browser needs no
 * MessageFormat parser. Each locale becomes its own chunk; the tab downloads only the one it shows.
 */
import type { Plugin } from "vite";
import { compileCatalog, pseudoCatalog, SERVER_ONLY_AREAS, areaOf, type Catalog } from "./catalog.js";
import { CATALOG_DIR, readCatalog } from "./node.js";
import { isLocale, PSEUDO_LOCALE, SOURCE_LOCALE } from "./locales.js";

const PREFIX = "virtual:guildhall-messages/";
const RESOLVED = "\0guildhall-messages:";

function forTab(catalog: Catalog): Catalog {
  return Object.fromEntries(Object.entries(catalog).filter(([id]) => !SERVER_ONLY_AREAS.includes(areaOf(id))));
}

export function guildhallMessages(): Plugin {
  return {
    name: "guildhall-messages",
    resolveId(id) {
      return id.startsWith(PREFIX) ? RESOLVED + id.slice(PREFIX.length) : undefined;
    },
    load(id) {
      if (!id.startsWith(RESOLVED)) return undefined;
      const locale = id.slice(RESOLVED.length);
      if (!isLocale(locale, { pseudo: true })) throw new Error(`No catalog for locale "${locale}"`);
      this.addWatchFile(CATALOG_DIR);
      const source = locale === PSEUDO_LOCALE ? pseudoCatalog(readCatalog(SOURCE_LOCALE)) : readCatalog(locale);
      return `export default ${JSON.stringify(compileCatalog(forTab(source)))};`;
    },
  };
}
