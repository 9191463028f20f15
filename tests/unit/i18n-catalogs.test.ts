import { parse } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { compileCatalog, pseudoCatalog } from "../../src/i18n/catalog.js";
import { checkCatalogs } from "../../src/i18n/check.js";
import { extractMessages } from "../../src/i18n/extract.js";
import { LOCALES, SOURCE_LOCALE } from "../../src/i18n/locales.js";
import { readCatalog } from "../../src/i18n/node.js";

describe("the message catalogs", () => {
  const extracted = extractMessages();
  const problems = checkCatalogs(extracted, (l) => readCatalog(l));

  it("hold exactly the messages the code defines, in the source language as written in the code", () => {
    expect(Object.keys(extracted).length).toBeGreaterThan(0);
    expect(problems.sourceOutOfDate, "run: npm run messages extract").toEqual([]);
  });

  it.each(LOCALES)("%s has every message and nothing the code no longer uses", (locale) => {
    expect(problems.missing[locale], `npm run messages missing ${locale}`).toEqual([]);
    expect(problems.extra[locale], "npm run messages prune").toEqual([]);
  });

  it("every message is valid ICU MessageFormat, and every translation has the source's arguments, plurals and tags", () => {
    expect(problems.invalid).toEqual([]);
    expect(problems.mismatched).toEqual([]);
    for (const locale of LOCALES) expect(() => compileCatalog(readCatalog(locale))).not.toThrow();
  });

  it("en-US uses American spelling", () => {
    const australian = /\b\w*(organis|recognis|authoris|prioritis|apologis|summaris|finalis|customis|categoris|colour|behaviour|favour|honour|labour|centre|licence|catalogue|travell|cancell|enrolment|judgement)\w*/i;
    const offenders = Object.entries(readCatalog("en-US")).filter(([, text]) => australian.test(text)).map(([id, text]) => `${id}: ${text.match(australian)?.[0] ?? ""}`);
    expect(offenders).toEqual([]);
  });

  it("the pseudo-locale accents every letter of the source, is about a third longer, and keeps every argument", () => {
    const source = readCatalog(SOURCE_LOCALE);
    const pseudo = pseudoCatalog(source);
    expect(Object.keys(pseudo).sort()).toEqual(Object.keys(source).sort());
    let sourceLength = 0;
    let pseudoLength = 0;
    for (const [id, text] of Object.entries(pseudo)) {
      expect(() => parse(text), id).not.toThrow();
      sourceLength += (source[id] ?? "").length;
      pseudoLength += text.length;
      // Outside {arguments} no plain ASCII letter survives.
      let literal = text.replace(/<\/?[A-Za-z0-9]+>/g, "");
      for (let before = ""; before !== literal; ) [before, literal] = [literal, literal.replace(/\{[^{}]*\}/g, "")];
      expect(literal, id).not.toMatch(/[A-Za-z]/);
    }
    expect(pseudoLength / sourceLength).toBeGreaterThan(1.25);
    expect(pseudoLength / sourceLength).toBeLessThan(1.6);
  });
});
