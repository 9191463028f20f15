import { describe, expect, it } from "vitest";
import { applyNamingPolicy, communityNameSchema } from "./communities.js";

const POLICY = { prefix: "", suffix: "", blockedWords: ["secret"] };

describe("community names", () => {
  // The naming policy checks only Teams' own forbidden characters: control characters are the name schema's.
  const controls = [...Array.from({ length: 0x20 }, (_, i) => i), 0x7f].map((cp) => String.fromCodePoint(cp));

  it.each(controls.map((c) => [`U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`, c]))("the name schema refuses %s, so no name the policy sees holds one", (_label, c) => {
    expect(communityNameSchema.safeParse(`Data${c}Team`).success).toBe(false);
    // At either end, white space is trimmed away and anything else refused: what is accepted holds none.
    for (const name of [`${c}Data Team`, `Data Team${c}`]) {
      const r = communityNameSchema.safeParse(name);
      if (r.success) expect(r.data).toBe("Data Team");
    }
  });

  it.each(["~", "#", "%", "&", "*", "{", "}", "+", "/", "\\", ":", "<", ">", "?", "|", "'", '"', "."])("the naming policy refuses Teams' forbidden %s", (c) => {
    expect(applyNamingPolicy(`Data${c}Team`, POLICY)).toEqual({ ok: false, problem: "forbidden_characters" });
  });

  it("the naming policy accepts an ordinary name, adds the affixes and refuses blocked words and overlong results", () => {
    expect(applyNamingPolicy("Data  Team", { prefix: "CoP - ", suffix: "", blockedWords: [] })).toEqual({ ok: true, displayName: "CoP - Data Team" });
    expect(applyNamingPolicy("Top Secret Team", POLICY)).toEqual({ ok: false, problem: "blocked_word", detail: "secret" });
    expect(applyNamingPolicy("x".repeat(45), { prefix: "CoP - ", suffix: "", blockedWords: [] })).toEqual({ ok: false, problem: "too_long_with_affixes" });
  });
});
