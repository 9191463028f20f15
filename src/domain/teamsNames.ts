/**
 * The names a community gets in Microsoft Teams, derived from the name people typed (which stays free text in
 * Guildhall). Pure, and free of imports, so the propose form shows the same name live ("In Teams: …") that the
 * server stores and provisioning uses.
 *
 * Microsoft's documented limits for Teams: a channel name is at most 50 characters; it cannot contain
 * ~ # % & * { } + / \ : < > ? | ' " , or "..", nor control characters (U+0000–U+001F, U+0080–U+009F); it cannot
 * start with an underscore or a full stop, nor end with a full stop; and it cannot be one of the reserved names
 * (forms, CON, CONIN$, CONOUT$, PRN, AUX, NUL, COM1–COM9, LPT1–LPT9, desktop.ini) nor contain _vti_. A team's name
 * (its Microsoft 365 group's display name) is at most 256 characters.
 */

/** Where a community lives in Teams (as communities.ts defines it). */
type Presence = "private_channel" | "standard_channel" | "team";

/** Teams channel display names are at most 50 characters (counted here in UTF-16 code units, the stricter count). */
export const MAX_CHANNEL_NAME = 50;
/** A team's display name (its Microsoft 365 group's) is at most 256 characters. */
export const MAX_TEAM_NAME = 256;
/** The fewest characters the deployment's prefix and suffix must leave for the name in a channel name. */
export const MIN_CHANNEL_NAME_ROOM = 10;

/** Characters Teams refuses in a channel name (one full stop is allowed; two in a row are not). */
export const CHANNEL_FORBIDDEN = ["~", "#", "%", "&", "*", "{", "}", "+", "/", "\\", ":", "<", ">", "?", "|", "'", '"', ","] as const;
const RESERVED_CHANNEL_NAMES = new Set([
  "forms",
  "con",
  "conin$",
  "conout$",
  "prn",
  "aux",
  "nul",
  "desktop.ini",
  ...Array.from({ length: 9 }, (_, i) => `com${i + 1}`),
  ...Array.from({ length: 9 }, (_, i) => `lpt${i + 1}`),
]);
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]/gu;
// Invisible characters that carry nothing in a Teams name (zero-width space, word joiner, BOM, soft hyphen, direction
// controls, invisible operators, fillers). Joiners (U+200C, U+200D) and variation selectors stay: emoji and some
// scripts need them.
const STRIP = /\u034F|\u180B|\u180C|\u180D|\u180F|\u1160|\u17B4|\u17B5|[\u00AD\u061C\u115F\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0\u2800]/gu;

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** The length Teams' limits are checked against: UTF-16 code units (an emoji counts two; never under-counted). */
export function teamsLength(s: string): number {
  return s.length;
}

/** `s` cut to at most `max` UTF-16 units, never inside a character or an emoji (a grapheme cluster). */
function cutGraphemes(s: string, max: number): string {
  let out = "";
  for (const { segment } of segmenter.segment(s)) {
    if (out.length + segment.length > max) break;
    out += segment;
  }
  return out;
}

/** What Teams may hold, from free text: forbidden characters replaced by near equivalents, spaces collapsed. */
export function teamsSafeText(text: string): string {
  return text
    .normalize("NFC")
    .replace(CONTROLS, " ")
    .replace(STRIP, "")
    .replace(/'/g, "\u2019") // Women's -> Women’s (the typographic apostrophe is allowed)
    .replace(/"/g, "")
    .replace(/\s*&\s*/g, " and ")
    .replace(/:(?=\s|$)/g, " -") // "Evaluation: methods" -> "Evaluation - methods"
    .replace(/[:/\\|]/g, "-") // "APS 6/EL1" -> "APS 6-EL1", "3:1" -> "3-1"
    .replace(/\{/g, "(")
    .replace(/\}/g, ")")
    .replace(/[~#%*+<>?,]/g, " ")
    .replace(/\.{2,}/g, ".")
    .replace(/_vti_/gi, "vti")
    .replace(/\s+/gu, " ");
}

/** Take away what a Teams channel name may not start or end with (and spaces and stray dashes there). */
function tidyEnds(s: string): string {
  return s.replace(/^[\s._-]+/u, "").replace(/[\s.-]+$/u, "");
}

export type ChannelNameProblem = "nothing_usable" | "affixes_too_long";

export type ChannelNameResult =
  | { ok: true; name: string; /** The name had to be shortened to fit. */ shortened: boolean }
  | { ok: false; problem: ChannelNameProblem };

/**
 * The Teams channel name for a community called `name`, under the deployment's prefix and suffix: Teams' forbidden
 * characters replaced ("&" by "and", "'" by "’", "/" ":" "\\" "|" by a dash, the rest by a space), white space
 * collapsed, what a name may not start or end with taken off, and the name shortened (at a word if one is near,
 * never inside an emoji, marked with "…") so prefix + name + suffix fit in 50 characters. Refused only when nothing
 * usable is left of the name, or when the prefix and suffix leave too little room. Pure.
 */
export function channelNameFor(name: string, affixes: { prefix?: string; suffix?: string } = {}): ChannelNameResult {
  const prefix = teamsSafeText(affixes.prefix ?? "").replace(/^[\s._]+/u, "");
  const suffix = teamsSafeText(affixes.suffix ?? "").replace(/[\s.]+$/u, "");
  const room = MAX_CHANNEL_NAME - teamsLength(prefix) - teamsLength(suffix);
  if (room < Math.min(MIN_CHANNEL_NAME_ROOM, MAX_CHANNEL_NAME)) return { ok: false, problem: "affixes_too_long" };
  // Without a prefix the name itself must not start with "_" or "."; without a suffix it must not end with ".".
  let base = tidyEnds(teamsSafeText(name));
  if (!/[\p{L}\p{N}\p{S}]/u.test(base)) return { ok: false, problem: "nothing_usable" };
  let shortened = false;
  if (teamsLength(base) > room) {
    shortened = true;
    const cut = cutGraphemes(base, room - 1);
    // Cut at the end of a word when one is near (the cut may already fall just before a space).
    const atWordEnd = /^\s/u.test(base.slice(cut.length));
    const space = cut.lastIndexOf(" ");
    base = `${tidyEnds(atWordEnd || space < Math.floor(room * 0.6) ? cut : cut.slice(0, space))}\u2026`;
  }
  let full = `${prefix}${base}${suffix}`.replace(/\s+/gu, " ").trim();
  if (RESERVED_CHANNEL_NAMES.has(full.toLowerCase())) full = `${full} (1)`;
  return { ok: true, name: full, shortened };
}

/** The n-th name to try for a channel whose name is taken in the host team: the name, then "name (2)", "name (3)"… within 50. */
export function numberedChannelName(name: string, n: number): string {
  if (n <= 1) return cutGraphemes(name.trim(), MAX_CHANNEL_NAME).trimEnd();
  const number = ` (${n})`;
  return tidyEnds(cutGraphemes(name.trim(), MAX_CHANNEL_NAME - number.length)) + number;
}

/** A team's display name: prefix + name + suffix, white space collapsed, within 256 characters (never inside an emoji). */
export function teamNameFor(name: string, affixes: { prefix?: string; suffix?: string } = {}): string {
  const clean = (s: string) => s.normalize("NFC").replace(CONTROLS, " ").replace(STRIP, "");
  const prefix = clean(affixes.prefix ?? "");
  const suffix = clean(affixes.suffix ?? "");
  const room = Math.max(MAX_TEAM_NAME - teamsLength(prefix) - teamsLength(suffix), 1);
  const base = clean(name).replace(/\s+/gu, " ").trim();
  const fitted = teamsLength(base) > room ? `${cutGraphemes(base, room - 1).trimEnd()}\u2026` : base;
  return `${prefix}${fitted}${suffix}`.replace(/\s+/gu, " ").trim();
}

/** The name Teams gets for a community with this presence: a channel's name, or a team's. */
export function teamsNameFor(name: string, presence: Presence, policy: { prefix?: string; suffix?: string }): ChannelNameResult {
  if (presence === "team") return { ok: true, name: teamNameFor(name, policy), shortened: false };
  return channelNameFor(name, policy);
}


/**
 * The name Teams gets for a stored community: the one derived when it was proposed or renamed (teams_name, what the
 * proposer saw as "In Teams: …"); for a community from before migration 0012, derived now from its display name.
 */
export function teamsNameOf(c: { teams_name?: string | null; display_name: string; teams_presence: Presence }): string {
  if (c.teams_name) return c.teams_name;
  const derived = teamsNameFor(c.display_name, c.teams_presence, {});
  return derived.ok ? derived.name : c.display_name;
}
