import { describe, expect, it } from "vitest";
import { hasVisibleCharacter, hiddenCharacter, lineText, multilineText, nameKey, nameText, tagText, textProblem } from "./text.js";

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

describe("real names", () => {
  const community = nameText({ field: "communityName", min: 3, max: 100 });

  it.each(["Data & Analytics", "Women's Network", "Women\u2019s Network", "Dept. of Finance CoP", "APS 6/EL1 Network", "Evaluation: methods", "C# + C++ (systems), 2024 #1", "Évaluation : méthodes", "محللو البيانات", "डेटा विश्लेषण", "می\u200Cخواهم", "\u{1F469}\u{1F3FD}\u200D\u{1F4BB} Coders", "I \u2764\uFE0F data", "\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F} Analysts"])(
    "accepts %s",
    (value) => {
      expect(problems(community, value)).toEqual([]);
      expect(community.parse(`  ${value} `)).toBe(value.normalize("NFC"));
    },
  );

  it.each([
    ["a zero-width space", "Data\u200B Analytics", "U+200B"],
    ["a zero-width joiner between Latin letters", "Da\u200Dta Analytics", "U+200D"],
    ["a zero-width non-joiner between Latin letters", "Da\u200Cta Analytics", "U+200C"],
    ["a soft hyphen", "Ana\u00ADlytics", "U+00AD"],
    ["a word joiner", "Data\u2060 Analytics", "U+2060"],
    ["a byte order mark", "Data\uFEFF Analytics", "U+FEFF"],
    ["a Hangul filler among letters", "Data\u3164Analytics", "U+3164"],
    ["a trailing joiner after an emoji", "Coders \u{1F469}\u200D", "U+200D"],
    ["an Arabic letter mark", "Data \u061CAnalytics", "U+061C"],
  ])("refuses %s that could disguise the name, naming the character", (_label, value, character) => {
    const found = problems(community, value);
    expect(found).toEqual([`Name contains an invisible character (${character}) that could make it look like another name. Remove it.`]);
    expect(hiddenCharacter(value)).toBeDefined();
  });

  it("still refuses direction overrides and control characters, and still finds look-alikes of a name", () => {
    expect(problems(community, "\u202EscitylanA ataD")[0]).toMatch(/text-direction control \(U\+202E\)/);
    expect(problems(community, "Data\u0007 Analytics")[0]).toMatch(/control character \(U\+0007\)/);
    expect(problems(community, "Data\nAnalytics")[0]).toMatch(/single line/);
    // Accepted names that look like an existing one share its key, so they clash.
    expect(nameKey("D\u0430t\u0430 & \u0410nalytics")).toBe(nameKey("Data & Analytics"));
    expect(nameKey("DATA & ANALYTICS")).toBe(nameKey("Data & Analytics"));
    expect(nameKey("Ｄａｔａ ＆ Ａｎａｌｙｔｉｃｓ")).toBe(nameKey("Data & Analytics"));
    expect(nameKey("Women\u2019s Network")).not.toBe(nameKey("Men's Network"));
  });

  it("an over-long tag or interest says which one", () => {
    const tag = tagText({ field: "tag", max: 40 });
    const long = `evaluation-and-${"x".repeat(40)}`;
    expect(problems(tag, long)).toEqual([`The tag \u201Cevaluation-and-xxxxxxxxx\u2026\u201D is 15 characters too long: use at most 40 characters.`]);
    expect(problems(tagText({ field: "interest", max: 10 }), "Statistics!")).toEqual(["The interest \u201Cstatistics!\u201D is 1 character too long: use at most 10 characters."]);
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
