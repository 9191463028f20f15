/**
 * Writing direction: none of our locales is right-to-left yet, but the layout is ready for one. These pin down the
 * rule the tab's <html dir> follows (src/tab/i18n/LocaleProvider.dir.test.tsx shows the provider applies it).
 */
import { describe, expect, it } from "vitest";
import { LOCALES, PSEUDO_LOCALE, textDirection } from "./locales.js";

describe("textDirection", () => {
  it.each(["ar", "ar-SA", "he", "he-IL", "fa-IR", "ur-PK", "yi", "ps-AF", "dv", "ckb-IQ", "sd", "ug-CN", "AR-eg"])("%s is written right to left", (tag) => {
    expect(textDirection(tag)).toBe("rtl");
  });

  it.each([...LOCALES, PSEUDO_LOCALE, "en", "fr-FR", "de-DE", "ja-JP", "hi-IN", "arn-CL", "fy-NL", "heb"])("%s is written left to right", (tag) => {
    // "arn" (Mapudungun) and "heb" start with the letters of an RTL language but are not one.
    expect(textDirection(tag)).toBe("ltr");
  });
});
