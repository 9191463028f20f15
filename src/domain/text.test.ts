import { describe, expect, it } from "vitest";
import { hasVisibleCharacter, lineText, multilineText, nameKey, nameText, tagText, textProblem } from "./text.js";

const name = nameText({ field: "communityName", min: 3, max: 50 });
const line = lineText({ field: "jobTitle", max: 200 });
const multi = multilineText({ field: "purpose", max: 2000 });

function problems(schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } }, value: unknown): string[] {
  const r = schema.safeParse(value);
  return r.success ? [] : (r.error?.issues ?? []).map((i) => i.message);
}

describe("text inputs", () => {
  it("stores NFC and trims, and otherwise keeps the text exactly", () => {
    expect(name.parse("  Cafe\u0301 Society ")).toBe("Café Society");
    expect(multi.parse("Line one\r\n\tLine two\n")).toBe("Line one\r\n\tLine two");
    expect(multi.parse("שלום \u2067عربى\u2069 mixed")).toBe("שלום \u2067عربى\u2069 mixed");
    expect(line.parse("Senior \u{1F469}\u200D\u{1F4BB} developer")).toBe("Senior \u{1F469}\u200D\u{1F4BB} developer");
    expect(line.parse("")).toBe("");
  });

  it.each([
    ["a NUL", "Data\u0000 Team", /null character \(U\+0000\)/],
    ["a lone high surrogate", "Data \uD83D Team", /broken character \(U\+D83D/],
    ["a lone low surrogate", "Data \uDE00 Team", /broken character \(U\+DE00/],
    ["a C0 control", "Data\u0007 Team", /control character \(U\+0007\)/],
    ["a C1 control", "Data\u0085 Team", /control character \(U\+0085\)/],
    ["DEL", "Data\u007F Team", /control character \(U\+007F\)/],
    ["a line break", "Data\nTeam", /single line/],
    ["a tab", "Data\tTeam", /single line/],
    ["a line separator", "Data\u2028Team", /single line/],
    ["a right-to-left override", "\u202Emaet ataD", /text-direction control \(U\+202E\)/],
    ["a directional isolate", "Data \u2066Team\u2069", /text-direction control \(U\+2066\)/],
    ["a noncharacter", "Data \uFFFE Team", /not meant for text \(U\+FFFE\)/],
    ["only zero-width characters", "\u200B\u200C\u200D\u2060", /no visible characters/],
    ["only soft hyphens and a BOM", "\u00AD\u00AD\uFEFF\u00AD", /no visible characters/],
    ["only Hangul fillers", "\u3164\u3164\u3164", /no visible characters/],
    ["only blank Braille", "\u2800\u2800\u2800", /no visible characters/],
    ["only combining marks", "\u0301\u0302\u0303", /no visible characters/],
  ])("refuses %s in a name, naming the field", (_label, value, message) => {
    const found = problems(name, value);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatch(/^Name /);
    expect(found[0]).toMatch(message);
  });

  it("allows tabs, line breaks and direction controls in multi-line text only", () => {
    expect(problems(multi, "a\tb\nc\r\nd\u2029e")).toEqual([]);
    expect(problems(multi, "quote: \u202Bمرحبا\u202C")).toEqual([]);
    expect(problems(line, "a\nb")[0]).toMatch(/^Job title must be a single line/);
    expect(problems(multi, "a\u0000b")[0]).toMatch(/^Purpose contains a null character/);
    expect(problems(multi, "a\u000Bb")[0]).toMatch(/control character \(U\+000B\)/);
    expect(problems(multi, "\u200B\n\u200B")[0]).toMatch(/no visible characters/);
  });

  it("refuses what is not a string, and says how long text may be in plain words", () => {
    expect(problems(name, 42)).toEqual(["Name must be text."]);
    expect(problems(name, "ab")).toEqual(["Name must be at least 3 characters."]);
    expect(problems(name, "x".repeat(51))).toEqual(["Name must be at most 50 characters."]);
    expect(problems(nameText({ field: "communityName", min: 1, max: 5 }), "   ")).toEqual(["Name is required."]);
  });

  it("queries and tags follow the single-line rules; tags are NFKC and lower case", () => {
    const q = lineText({ field: "search", max: 100 });
    expect(q.parse(" data ")).toBe("data");
    expect(problems(q, "data\u0000")[0]).toMatch(/^The search contains a null character/);
    const tag = tagText({ field: "tagFilter", max: 40 });
    expect(tag.parse("ＤａｔａＳｃｉｅｎｃｅ")).toBe("datascience");
    expect(tag.parse("ﬁnance")).toBe("finance");
    expect(problems(tag, "\uD800")[0]).toMatch(/^The tag contains a broken character/);
  });

  it("textProblem accepts ordinary text in many scripts", () => {
    for (const s of ["Évaluation", "評価の実践", "Оценка практики", "تقييم", "मूल्यांकन", "Ngā kaiaromatawai", "👩🏽‍💻 coders", "x²"]) {
      expect(textProblem(s, "name", "communityName")).toBeNull();
      expect(hasVisibleCharacter(s)).toBe(true);
    }
  });
});

describe("name comparison keys", () => {
  const base = nameKey("Data Analytics");

  it.each([
    ["different case", "DATA analytics"],
    ["extra spaces", "  Data   Analytics "],
    ["a no-break space", "Data\u00A0Analytics"],
    ["a zero-width space", "Data\u200B Analytics"],
    ["a zero-width joiner", "Da\u200Dta Analytics"],
    ["a soft hyphen", "Da\u00ADta Ana\u00ADlytics"],
    ["a word joiner", "Data\u2060 Analytics"],
    ["Cyrillic look-alikes", "D\u0430t\u0430 Analytics"],
    ["Greek look-alikes", "D\u03B1t\u03B1 Analytics"],
    ["a Cyrillic capital", "D\u0430ta \u0410nalytics"],
    ["capital I for a small l", "Data AnaIytics"],
    ["fullwidth letters", "Ｄａｔａ Ａｎａｌｙｔｉｃｓ"],
    ["mathematical bold letters", "𝐃𝐚𝐭𝐚 𝐀𝐧𝐚𝐥𝐲𝐭𝐢𝐜𝐬"],
    ["a right-to-left override", "\u202EData Analytics"],
    ["a digit one for an l", "Data Ana1ytics"],
  ])("a name with %s clashes", (_label, other) => {
    expect(nameKey(other)).toBe(base);
  });

  it("case never matters, even for letters the skeleton maps", () => {
    expect(nameKey("IT Leaders")).toBe(nameKey("it leaders"));
    expect(nameKey("\u0412udget")).toBe(nameKey("budget"));
    expect(nameKey("STRASSE")).toBe(nameKey("Straße"));
  });

  it("different names do not clash", () => {
    for (const other of ["Data Analysts", "Data Analytics 2", "Big Data Analytics", "Daten Analytik"]) expect(nameKey(other)).not.toBe(base);
    expect(nameKey("Café")).not.toBe(nameKey("Cafe"));
  });

  it("accents compare equal however they are encoded", () => {
    expect(nameKey("Cafe\u0301")).toBe(nameKey("Caf\u00E9"));
  });
});
