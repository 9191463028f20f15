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

  it.each(["Data & Analytics", "Women's Network", "Dept. of Finance CoP", "APS 6/EL1 Network", "Evaluation: methods", "Women\u2019s Network (ACT)", "R&D + Innovation #1", "Évaluation : méthodes", "評価の実践", "👩🏽‍💻 Coders"])(
    "the name schema and the naming policy accept the real name %s",
    (name) => {
      expect(communityNameSchema.parse(name)).toBe(name);
      expect(applyNamingPolicy(name, POLICY)).toMatchObject({ ok: true, displayName: name });
    },
  );

  it("the naming policy adds the affixes, derives the Teams name and refuses blocked words and names with nothing for Teams", () => {
    expect(applyNamingPolicy("Data  & Team", { prefix: "CoP - ", suffix: "", blockedWords: [] })).toEqual({ ok: true, displayName: "CoP - Data & Team", teamsName: "CoP - Data and Team" });
    expect(applyNamingPolicy("Data & Team", { prefix: "CoP - ", suffix: "", blockedWords: [] }, "team")).toEqual({ ok: true, displayName: "CoP - Data & Team", teamsName: "CoP - Data & Team" });
    expect(applyNamingPolicy("Top Secret Team", POLICY)).toEqual({ ok: false, problem: "blocked_word", detail: "secret" });
    expect(applyNamingPolicy("???", POLICY)).toEqual({ ok: false, problem: "nothing_usable" });
    expect(applyNamingPolicy("???", POLICY, "team")).toMatchObject({ ok: true, teamsName: "???" });
    expect(applyNamingPolicy("x".repeat(45), { prefix: "CoP - ", suffix: "", blockedWords: [] })).toMatchObject({ ok: true, teamsName: `CoP - ${"x".repeat(43)}\u2026` });
    expect(applyNamingPolicy("Data", { prefix: "p".repeat(30), suffix: "s".repeat(15), blockedWords: [] })).toEqual({ ok: false, problem: "affixes_too_long" });
  });

  it("a name may be up to 100 characters; the Teams name is shortened, not the name", () => {
    expect(communityNameSchema.safeParse("x".repeat(100)).success).toBe(true);
    expect(communityNameSchema.safeParse("x".repeat(101)).success).toBe(false);
  });
});
