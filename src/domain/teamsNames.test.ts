import { describe, expect, it } from "vitest";
import { CHANNEL_FORBIDDEN, channelNameFor, MAX_CHANNEL_NAME, numberedChannelName, teamNameFor, teamsNameFor, teamsNameOf } from "./teamsNames.js";

const ok = (name: string, affixes?: { prefix?: string; suffix?: string }) => {
  const r = channelNameFor(name, affixes);
  if (!r.ok) throw new Error(`refused ${JSON.stringify(name)}: ${r.problem}`);
  return r.name;
};

/** What Teams documents as refused in a channel name. */
function breaksTeamsRules(name: string): string | null {
  if (name.length === 0 || name.length > MAX_CHANNEL_NAME) return "length";
  const bad = CHANNEL_FORBIDDEN.find((c) => name.includes(c));
  if (bad) return `contains ${bad}`;
  if (name.includes("..")) return "contains ..";
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001F\u0080-\u009F]/u.test(name)) return "control character";
  if (/^[_.]/u.test(name) || name.endsWith(".")) return "starts or ends badly";
  if (name !== name.trim()) return "spaces at an end";
  if (/\p{Cs}/u.test(name.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/gu, ""))) return "broken surrogate";
  return null;
}

describe("channelNameFor: real names become Teams channel names", () => {
  it.each([
    ["Data & Analytics", "Data and Analytics"],
    ["Women's Network", "Women\u2019s Network"],
    ["Dept. of Finance CoP", "Dept. of Finance CoP"],
    ["APS 6/EL1 Network", "APS 6-EL1 Network"],
    ["Evaluation: methods", "Evaluation - methods"],
  ])("%s → %s", (name, expected) => {
    expect(ok(name)).toBe(expected);
    expect(breaksTeamsRules(ok(name))).toBeNull();
  });

  it("keeps the deployment's prefix and suffix around the derived name", () => {
    expect(ok("Data & Analytics", { prefix: "CoP - ", suffix: " (APS)" })).toBe("CoP - Data and Analytics (APS)");
    expect(ok("Women's Network", { prefix: "CoP: " })).toBe("CoP - Women\u2019s Network");
  });

  it("refuses a name with nothing Teams can use, and says so", () => {
    for (const name of ["???", "#%*", "<>|", "...", "__..__", ",,,", "  "]) expect(channelNameFor(name)).toEqual({ ok: false, problem: "nothing_usable" });
  });

  it("shortens a 200-character name to 50, at a word where one is near, marked with an ellipsis", () => {
    const long = ok("x".repeat(200));
    expect(long).toHaveLength(MAX_CHANNEL_NAME);
    expect(long.endsWith("\u2026")).toBe(true);
    const words = ok("Community of practice for evaluation ".repeat(6));
    expect(words.length).toBeLessThanOrEqual(MAX_CHANNEL_NAME);
    expect(words).toBe("Community of practice for evaluation Community of\u2026");
    expect(channelNameFor("x".repeat(200))).toMatchObject({ shortened: true });
    expect(channelNameFor("Data")).toMatchObject({ shortened: false });
  });

  it("keeps emoji whole, never cutting inside one", () => {
    expect(ok("Coders \u{1F469}\u{1F3FD}\u200D\u{1F4BB} \u{1F3F3}\uFE0F\u200D\u{1F308}")).toBe("Coders \u{1F469}\u{1F3FD}\u200D\u{1F4BB} \u{1F3F3}\uFE0F\u200D\u{1F308}");
    const many = ok("\u{1F469}\u{1F3FD}\u200D\u{1F4BB}".repeat(20));
    expect(many.length).toBeLessThanOrEqual(MAX_CHANNEL_NAME);
    expect(many).toBe(`${"\u{1F469}\u{1F3FD}\u200D\u{1F4BB}".repeat(7)}\u2026`);
    expect(breaksTeamsRules(many)).toBeNull();
  });

  it("fits a prefix and suffix that nearly fill the limit, and refuses ones that leave too little room", () => {
    const tight = ok("Data & Analytics", { prefix: "Community of Practice - ", suffix: " (Whole of APS)" });
    expect(tight.length).toBeLessThanOrEqual(MAX_CHANNEL_NAME);
    expect(tight).toBe("Community of Practice - Data and\u2026 (Whole of APS)");
    expect(channelNameFor("Data", { prefix: "p".repeat(25), suffix: "s".repeat(25) })).toEqual({ ok: false, problem: "affixes_too_long" });
    expect(channelNameFor("Data", { prefix: "p".repeat(21), suffix: "s".repeat(21) })).toEqual({ ok: false, problem: "affixes_too_long" });
    expect(ok("Data", { prefix: "p".repeat(20), suffix: "s".repeat(20) })).toBe(`${"p".repeat(20)}Data${"s".repeat(20)}`);
  });

  it("never leaves two full stops together, nor a full stop or underscore where Teams refuses one", () => {
    expect(ok("Data..Analytics")).toBe("Data.Analytics");
    expect(ok("Wait... what")).toBe("Wait. what");
    expect(ok(".hidden.")).toBe("hidden");
    expect(ok("_private_")).toBe("private_");
    expect(ok("__..Data..__")).toBe("Data.__");
    expect(ok("Data", { prefix: "_", suffix: "." })).toBe("Data");
  });

  it("replaces every forbidden character, so nothing Teams refuses is ever sent", () => {
    const all = `Data ${CHANNEL_FORBIDDEN.join("")} Team`;
    expect(breaksTeamsRules(ok(all))).toBeNull();
    for (const c of CHANNEL_FORBIDDEN) expect(breaksTeamsRules(ok(`Data${c}Team`))).toBeNull();
    expect(ok("C# & C++ {guild}")).toBe("C and C (guild)");
    expect(ok('The "real" deal, 100% <done>?')).toBe("The real deal 100 done");
  });

  it("takes away invisible characters and avoids Teams' reserved names", () => {
    expect(ok("Da\u200Bta\u00AD Team\uFEFF")).toBe("Data Team");
    expect(ok("Forms")).toBe("Forms (1)");
    expect(ok("CON")).toBe("CON (1)");
    expect(ok("my_vti_site")).toBe("myvtisite");
  });

  it("numbers a clashing channel name within 50 characters", () => {
    expect(numberedChannelName("Data and Analytics", 1)).toBe("Data and Analytics");
    expect(numberedChannelName("Data and Analytics", 2)).toBe("Data and Analytics (2)");
    const long = numberedChannelName("y".repeat(50), 12);
    expect(long).toBe(`${"y".repeat(45)} (12)`);
  });
});

describe("team names", () => {
  it("keep the name as typed with prefix and suffix, within 256 characters", () => {
    expect(teamNameFor("Data & Analytics", { prefix: "CoP - " })).toBe("CoP - Data & Analytics");
    expect(teamNameFor("z".repeat(300)).length).toBe(256);
    expect(teamsNameFor("Data & Analytics", "team", {})).toEqual({ ok: true, name: "Data & Analytics", shortened: false });
    expect(teamsNameFor("Data & Analytics", "private_channel", {})).toEqual({ ok: true, name: "Data and Analytics", shortened: false });
  });

  it("a community stored before teams_name derives it from its display name", () => {
    expect(teamsNameOf({ teams_name: "Stored", display_name: "Other", teams_presence: "private_channel" })).toBe("Stored");
    expect(teamsNameOf({ teams_name: null, display_name: "Data & Analytics", teams_presence: "standard_channel" })).toBe("Data and Analytics");
  });
});
