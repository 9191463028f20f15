import { describe, expect, it } from "vitest";
import { createFormatter, defineMessages } from "../../src/i18n/format.js";
import { acceptLanguageTags, matchLocale, negotiateLocale } from "../../src/i18n/locales.js";
import { intlFor } from "../../src/i18n/node.js";

const m = defineMessages({
  count: { id: "test.count", defaultMessage: "{count, plural, one {# member} other {# members}}" },
  tagged: { id: "test.tagged", defaultMessage: "Read the <a>code</a> first" },
  kind: { id: "test.kind", defaultMessage: "{role, select, owner {An owner} other {A member}} joined" },
});

/** Intl puts narrow/ordinary no-break spaces in French numbers and times: compare with plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("choosing a locale", () => {
  it.each([
    [["fr-CA"], "fr-CA"],
    [["fr-FR"], "fr-CA"],
    [["fr"], "fr-CA"],
    [["en-GB"], "en-AU"],
    [["en-us"], "en-US"],
    [["en_US"], "en-US"],
    [["en-US-u-ca-gregory"], "en-US"],
    [["de-DE", "fr-BE"], "fr-CA"],
    [["ja-JP"], "en-AU"],
    [[undefined, null, ""], "en-AU"],
    [["en-XA"], "en-AU"],
    [["not a locale!"], "en-AU"],
  ] as const)("%j → %s", (candidates, expected) => {
    expect(negotiateLocale(candidates)).toBe(expected);
  });

  it("offers the pseudo-locale only when asked to", () => {
    expect(matchLocale("en-XA", { pseudo: true })).toBe("en-XA");
    expect(matchLocale("en-XA")).toBe("en-AU");
  });

  it("reads Accept-Language by weight", () => {
    expect(acceptLanguageTags("en-GB;q=0.5, fr-CA, *;q=0.1, de;q=0")).toEqual(["fr-CA", "en-GB"]);
    expect(negotiateLocale(acceptLanguageTags("de-DE,fr;q=0.8,en;q=0.5"))).toBe("fr-CA");
  });
});

describe("formatting per locale", () => {
  const when = Date.UTC(2026, 11, 1, 22, 30); // 1 Dec 2026 22:30 UTC

  it("en-AU: day before month, Australian time zone when given", () => {
    const f = intlFor("en-AU", "Australia/Sydney");
    expect(f.formatDate(when, { dateStyle: "short" })).toBe("2/12/26");
    expect(plain(f.formatTime(when))).toMatch(/^9:30 am$/i);
    expect(f.formatNumber(1234.5)).toBe("1,234.5");
    expect(f.formatList(["Data", "Evaluation", "Policy"])).toBe("Data, Evaluation and Policy");
  });

  it("en-US: month before day, Oxford comma", () => {
    const f = intlFor("en-US", "America/New_York");
    expect(f.formatDate(when, { dateStyle: "short" })).toBe("12/1/26");
    expect(plain(f.formatTime(when))).toBe("5:30 PM");
    expect(f.formatList(["Data", "Evaluation", "Policy"])).toBe("Data, Evaluation, and Policy");
  });

  it("fr-CA: ISO dates, 24-hour times, spaces in numbers, « et » lists", () => {
    const f = intlFor("fr-CA", "America/Toronto");
    expect(f.formatDate(when, { dateStyle: "short" })).toBe("2026-12-01");
    expect(plain(f.formatTime(when))).toBe("17 h 30");
    expect(plain(f.formatNumber(1234.5))).toBe("1 234,5");
    expect(f.formatList(["Données", "Évaluation", "Politiques"])).toBe("Données, Évaluation et Politiques");
    expect(f.formatRelativeTime(-1, "day")).toBe("hier");
  });

  it("plurals and select follow the locale's rules, tags become parts", () => {
    const fr = createFormatter({ locale: "fr-CA", messages: { "test.count": "{count, plural, one {# membre} other {# membres}}" } });
    expect(fr.formatMessage(m.count, { count: 0 })).toBe("0 membre");
    expect(fr.formatMessage(m.count, { count: 1 })).toBe("1 membre");
    expect(plain(fr.formatMessage(m.count, { count: 1500 }))).toBe("1 500 membres");
    const en = createFormatter({ locale: "en-AU", messages: {} });
    expect(en.formatMessage(m.count, { count: 0 })).toBe("0 members");
    expect(en.formatMessage(m.kind, { role: "owner" })).toBe("An owner joined");
    expect(en.formatRich<{ link: string }>(m.tagged, { a: (chunks) => ({ link: chunks.join("") }) })).toEqual(["Read the ", { link: "code" }, " first"]);
  });

  it("a missing translation falls back to the source text and is reported; a run-time key falls back to the server's sentence", () => {
    const problems: string[] = [];
    const fr = createFormatter({ locale: "fr-CA", messages: {}, onError: (p) => problems.push(p) });
    expect(fr.formatMessage(m.count, { count: 2 })).toBe("2 members");
    expect(problems.join()).toContain("test.count");
    expect(fr.formatKey("errors.unknown", undefined, "The server's sentence.")).toBe("The server's sentence.");
  });
});
