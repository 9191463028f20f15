/**
 * Message catalogs: one JSON file per locale and area, `src/i18n/catalogs/<locale>/<area>.json`, each a flat
 * map from message id to an ICU MessageFormat string. The area is the id's first segment (`community.join.title`
 * lives in `community.json`), so people working on different parts of the product edit different files.
 *
 * This module parses and transforms catalogs; it runs in Node (the server, the build, the tools) and never in
 * the tab, which receives catalogs already parsed by the build (src/i18n/vitePlugin.ts).
 */
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { printAST } from "@formatjs/icu-messageformat-parser/printer.js";

export type Catalog = Record<string, string>;
export type CompiledCatalog = Record<string, MessageFormatElement[]>;

/** Areas whose messages only the server uses (the bot's cards): the tab does not download them. */
export const SERVER_ONLY_AREAS: readonly string[] = ["bot"];

/** The catalog file a message id belongs in. */
export function areaOf(id: string): string {
  const dot = id.indexOf(".");
  return dot > 0 ? id.slice(0, dot) : id;
}

/** Every message parsed (ICU syntax errors throw, naming the id). */
export function compileCatalog(catalog: Catalog): CompiledCatalog {
  const out: CompiledCatalog = {};
  for (const [id, message] of Object.entries(catalog)) {
    try {
      out[id] = parse(message);
    } catch (error) {
      throw new Error(`Message "${id}" is not valid ICU MessageFormat: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
  return out;
}

const ACCENTED: Record<string, string> = {
  a: "å", b: "ƀ", c: "ç", d: "ð", e: "é", f: "ƒ", g: "ĝ", h: "ĥ", i: "î", j: "ĵ", k: "ķ", l: "ļ", m: "ɱ",
  n: "ñ", o: "ö", p: "þ", q: "ǫ", r: "ŕ", s: "š", t: "ţ", u: "û", v: "ṽ", w: "ŵ", x: "ẋ", y: "ý", z: "ž",
  A: "Å", B: "Ɓ", C: "Ç", D: "Ð", E: "É", F: "Ƒ", G: "Ĝ", H: "Ĥ", I: "Î", J: "Ĵ", K: "Ķ", L: "Ļ", M: "Ṁ",
  N: "Ñ", O: "Ö", P: "Þ", Q: "Ǫ", R: "Ŕ", S: "Š", T: "Ţ", U: "Û", V: "Ṽ", W: "Ŵ", X: "Ẋ", Y: "Ý", Z: "Ž",
};

/** Accent every Latin letter and pad by a third: "Join" → "Ĵöîñ·ţŵö". */
function pseudoText(text: string): string {
  const accented = [...text].map((ch) => ACCENTED[ch] ?? ch).join("");
  const letters = text.replace(/[^A-Za-z]/g, "").length;
  if (letters === 0) return accented;
  const pad = "·ţŵöţĥŕéé".repeat(4).slice(0, Math.max(1, Math.round(letters * 0.35)));
  return `${accented}${pad}`;
}

function pseudoElements(elements: MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((el) => {
    switch (el.type) {
      case TYPE.literal:
        return { ...el, value: pseudoText(el.value) };
      case TYPE.select:
      case TYPE.plural:
        return {
          ...el,
          options: Object.fromEntries(Object.entries(el.options).map(([k, v]) => [k, { ...v, value: pseudoElements(v.value) }])),
        } as MessageFormatElement;
      case TYPE.tag:
        return { ...el, children: pseudoElements(el.children) };
      default:
        return el;
    }
  });
}

/**
 * The pseudo-locale made from the source catalog: each message accented, about a third longer and wrapped in
 * brackets, so a sentence that escaped the catalogs (no accents) or a layout that cannot grow (clipped bracket)
 * shows at a glance. Arguments, plurals and tags keep working.
 */
export function pseudoCatalog(source: Catalog): Catalog {
  const out: Catalog = {};
  for (const [id, message] of Object.entries(source)) {
    out[id] = `[${printAST(pseudoElements(parse(message)))}]`;
  }
  return out;
}
