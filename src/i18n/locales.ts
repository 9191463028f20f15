/**
 * The languages Guildhall speaks and how a requested locale is matched to one. Pure: used by the tab, the
 * server, the bot and the catalog tools alike.
 *
 * en-AU is the source language (the text written in the code); every other locale is a complete translation
 * of it. A request for a language we do not have falls back by language (fr-FR → fr-CA, en-GB → en-AU), and
 * anything else to en-AU.
 */

export const SOURCE_LOCALE = "en-AU";
export const LOCALES = ["en-AU", "en-US", "fr-CA"] as const;
/** Accented and about a third longer: finds hard-coded text and layouts that break with longer strings. */
export const PSEUDO_LOCALE = "en-XA";

export type Locale = (typeof LOCALES)[number];
export type AnyLocale = Locale | typeof PSEUDO_LOCALE;

/** What each locale is called in its own language, for the language picker. */
export const LOCALE_NAMES: Record<AnyLocale, string> = {
  "en-AU": "English (Australia)",
  "en-US": "English (United States)",
  "fr-CA": "Français (Canada)",
  "en-XA": "[Ƥšéûðö-łöçåłé]",
};

/** The language each of our locales serves when a request names only the language, or a region we lack. */
const BY_LANGUAGE: Record<string, Locale> = { en: "en-AU", fr: "fr-CA" };

export function isLocale(value: unknown, options: { pseudo?: boolean } = {}): value is AnyLocale {
  return (LOCALES as readonly unknown[]).includes(value) || (options.pseudo === true && value === PSEUDO_LOCALE);
}

/** One tag, matched: exact (case-insensitive), then by language; undefined when we have nothing for it. */
export function matchLocale(tag: string | null | undefined, options: { pseudo?: boolean } = {}): AnyLocale | undefined {
  if (!tag) return undefined;
  const clean = tag.trim().replace(/_/g, "-");
  if (!/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(clean)) return undefined;
  const lower = clean.toLowerCase();
  if (options.pseudo === true && lower === PSEUDO_LOCALE.toLowerCase()) return PSEUDO_LOCALE;
  const exact = LOCALES.find((l) => l.toLowerCase() === lower);
  if (exact) return exact;
  // en-US-u-ca-gregory, en-us-x-private: the region decides before the extensions.
  const [language = "", region] = lower.split("-");
  if (region) {
    const withRegion = LOCALES.find((l) => l.toLowerCase() === `${language}-${region}`);
    if (withRegion) return withRegion;
  }
  return BY_LANGUAGE[language];
}

/**
 * The first of the candidates (most preferred first: a saved choice, the host's locale, the browser's
 * languages) that we can serve; en-AU when none can be.
 */
export function negotiateLocale(candidates: readonly (string | null | undefined)[], options: { pseudo?: boolean } = {}): AnyLocale {
  for (const c of candidates) {
    const m = matchLocale(c, options);
    if (m) return m;
  }
  return SOURCE_LOCALE;
}

/** Parse an HTTP Accept-Language header into tags, most preferred first (q=0 dropped). */
export function acceptLanguageTags(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((t) => t.tag && t.tag !== "*" && t.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((t) => t.tag);
}

/** Writing direction of a locale's script. None of ours is right-to-left yet; the layout is ready for one that is. */
export function textDirection(locale: string): "ltr" | "rtl" {
  return /^(ar|fa|he|ur|yi|ps|dv|ckb|sd|ug)(-|$)/i.test(locale) ? "rtl" : "ltr";
}

/** The catalog a locale's text comes from: the pseudo-locale is made from the source. */
export function catalogLocale(locale: AnyLocale): Locale {
  return locale === PSEUDO_LOCALE ? SOURCE_LOCALE : locale;
}
