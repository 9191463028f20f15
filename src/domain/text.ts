/**
 * Text a person types: every string input is checked here, once, by the zod builders below, which every
 * schema uses (names; single-line text, search queries too; multi-line text, reasons and messages too; tags).
 * Text is put in Unicode NFC (tags in NFKC) and trimmed; then refused, with a sentence naming the field, when it
 * holds: a NUL or another C0/C1 control character (tab and line breaks are allowed in multi-line text only), half
 * of a UTF-16 surrogate pair, a Unicode noncharacter, a bidirectional override/embedding/isolate (except in
 * multi-line text, where right-to-left writing needs them), or nothing visible at all. What passes is stored
 * and returned exactly as it was after NFC; rendering escapes it.
 *
 * Names also get a comparison key (`nameKey`): two names with the same key look alike to a reader (case,
 * compatibility forms such as fullwidth or mathematical bold letters, zero-width and other invisible
 * characters, soft hyphens, Cyrillic or Greek look-alikes), so they clash. Pure: no I/O.
 */
import unhomoglyph from "unhomoglyph";
import { z } from "zod";

/** What kind of text a field holds; decides which characters are allowed. */
export type TextKind = "name" | "line" | "multiline";

const LONE_SURROGATE = /\p{Cs}/u;
const NONCHARACTER = /\p{Noncharacter_Code_Point}/u;
// C0 and C1 controls other than tab, line feed and carriage return; DEL.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
// Tab and line breaks (including the Unicode line and paragraph separators).
const LINE_BREAK = /[\t\n\r\u2028\u2029]/u;
// Embeddings, overrides (LRE RLE PDF LRO RLO) and isolates (LRI RLI FSI PDI). LRM/RLM/ALM are harmless marks.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
// Characters that render as nothing: default-ignorables (zero-width space/joiners, soft hyphen, word
// joiner, BOM, Hangul fillers, variation selectors, tag characters…) and the blank Braille pattern.
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\u2800]/gu;
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

function codePoint(match: string): string {
  const cp = match.codePointAt(0) ?? 0;
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * The first problem with a piece of (already normalised) text, as a sentence that starts with the field's
 * label, or null when the text is acceptable. Empty text is acceptable here (length rules are separate).
 */
export function textProblem(value: string, kind: TextKind, label: string): string | null {
  const surrogate = LONE_SURROGATE.exec(value);
  if (surrogate) return `${label} contains a broken character (${codePoint(surrogate[0])}, half of an emoji or symbol). Type it again.`;
  if (value.includes("\u0000")) return `${label} contains a null character (U+0000), which cannot be stored. Remove it.`;
  const control = CONTROL.exec(value);
  if (control) return `${label} contains an invisible control character (${codePoint(control[0])}). Remove it.`;
  if (kind !== "multiline") {
    const lineBreak = LINE_BREAK.exec(value);
    if (lineBreak) return `${label} must be a single line, without tabs or line breaks.`;
    const bidi = BIDI_CONTROL.exec(value);
    if (bidi) return `${label} contains a text-direction control (${codePoint(bidi[0])}), which can disguise what it says. Remove it.`;
  }
  const nonchar = NONCHARACTER.exec(value);
  if (nonchar) return `${label} contains a character that is not meant for text (${codePoint(nonchar[0])}). Remove it.`;
  if (value.length > 0 && !hasVisibleCharacter(value)) return `${label} has no visible characters.`;
  return null;
}

/** True when at least one letter, digit, punctuation mark or symbol would be seen. */
export function hasVisibleCharacter(value: string): boolean {
  return VISIBLE.test(value.replace(INVISIBLE, ""));
}

/**
 * The comparison key of a name: NFKC, invisible characters removed, white space collapsed, case-folded,
 * and the Unicode confusables skeleton (Cyrillic "а" and Latin "a" become one). Equal keys clash.
 */
export function nameKey(name: string): string {
  const visible = name.normalize("NFKC").replace(INVISIBLE, "").replace(/\s+/gu, " ").trim();
  // Upper case first (so case never matters, and capitals such as Cyrillic "В" meet their Latin twins),
  // then the skeleton, then lower case and the skeleton again for look-alikes among small letters.
  return skeleton(skeleton(visible.toUpperCase()).toLowerCase()).normalize("NFC");
}

function skeleton(s: string): string {
  return unhomoglyph(s.normalize("NFD")).normalize("NFD");
}

interface TextOptions {
  /** The field as a person calls it, starting with a capital: "Name", "Job title". */
  label: string;
  max: number;
  min?: number;
  /** The sentence when the text is shorter than `min` (default: "<label> is required" / "at least"). */
  minMessage?: string;
}

function build(kind: TextKind, o: TextOptions, form: "NFC" | "NFKC" = "NFC", lower = false) {
  let s = z.string({ error: `${o.label} must be text.` }).normalize(form).trim();
  if (lower) s = s.toLowerCase();
  s = s.superRefine((value, ctx) => {
    const problem = textProblem(value, kind, o.label);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
  if (o.min !== undefined && o.min > 0) {
    const message = o.minMessage ?? (o.min === 1 ? `${o.label} is required.` : `${o.label} must be at least ${o.min} characters.`);
    s = s.min(o.min, message);
  }
  return s.max(o.max, `${o.label} must be at most ${o.max} characters.`);
}

/** A name (of a community, an agency): one line, no direction controls, something visible. */
export function nameText(o: TextOptions) {
  return build("name", o);
}

/** Short single-line text (a job title, a short name, a search query: there, empty means "no filter"). */
export function lineText(o: TextOptions) {
  return build("line", o);
}

/** Multi-line text (a purpose, terms of reference, a code of practice; a reason or message with a decision or request). */
export function multilineText(o: TextOptions) {
  return build("multiline", o);
}

/** A tag or interest: one line, NFKC and lower-cased so "ｄａｔａ" and "Data" are the same tag. */
export function tagText(o: TextOptions) {
  return build("line", o, "NFKC", true);
}
