/**
 * Text a person types: every string input is checked here, once, by the zod builders below, which every
 * schema uses (names; single-line text, search queries too; multi-line text, reasons and messages too; tags).
 * Text is put in Unicode NFC (tags in NFKC) and trimmed; then refused, with a sentence naming the field, when it
 * holds: a NUL or another C0/C1 control character (tab and line breaks are allowed in multi-line text only), half
 * of a UTF-16 surrogate pair, a Unicode noncharacter, a bidirectional override/embedding/isolate (except in
 * multi-line text, where right-to-left writing needs them), or nothing visible at all; a name also when it holds an
 * invisible character with no purpose there (a zero-width space, soft hyphen…: `hiddenCharacter`). Each refusal is a catalog
 * message (area `validation`) naming the field; the zod issue carries its id in `params` (see `issueOf`). What passes is stored
 * and returned exactly as it was after NFC; rendering escapes it.
 *
 * Names also get a comparison key (`nameKey`): two names with the same key look alike to a reader (case,
 * compatibility forms such as fullwidth or mathematical bold letters, zero-width and other invisible
 * characters, soft hyphens, Cyrillic or Greek look-alikes), so they clash. Pure: no I/O.
 */
import unhomoglyph from "unhomoglyph";
import { z } from "zod";
import { sourceFormatter, defineMessages, type MessageDescriptor } from "../i18n/format.js";

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

/** The fields whose text is checked here; each message names the field with a `select` on `field`. */
export const TEXT_FIELDS = [
  "communityName",
  "agencyName",
  "shortName",
  "purpose",
  "termsOfReference",
  "codeOfPractice",
  "tag",
  "tagFilter",
  "interest",
  "jobTitle",
  "search",
  "reason",
  "message",
  "identityKey",
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** ICU arguments of an error or field message: the API sends them as they are. */
export type MessageArgs = Record<string, string | number>;

/** A problem as a catalog message and its arguments (the server sends the id; the tab formats it). */
export interface Problem {
  message: MessageDescriptor;
  values?: MessageArgs;
}

const m = defineMessages({
  brokenCharacter: {
    id: "validation.text.brokenCharacter",
    defaultMessage:
      "{field, select, communityName {Name} agencyName {The name} shortName {The short name} purpose {Purpose} termsOfReference {Terms of reference} codeOfPractice {Code of practice} tag {Each tag} tagFilter {The tag} interest {Each interest} jobTitle {Job title} search {The search} reason {The reason} message {The message} identityKey {The identity key} other {The text}} contains a broken character ({character}, half of an emoji or symbol). Type it again.",
    description: "A field's problem, shown beside it; field names the field (select); character: the code point, U+D83D",
  },
  nullCharacter: {
    id: "validation.text.nullCharacter",
    defaultMessage:
      "{field, select, communityName {Name} agencyName {The name} shortName {The short name} purpose {Purpose} termsOfReference {Terms of reference} codeOfPractice {Code of practice} tag {Each tag} tagFilter {The tag} interest {Each interest} jobTitle {Job title} search {The search} reason {The reason} message {The message} identityKey {The identity key} other {The text}} contains a null character (U+0000), which cannot be stored. Remove it.",
    description: "A field's problem, shown beside it; field names the field (select)",
  },
  controlCharacter: {
    id: "validation.text.controlCharacter",
    defaultMessage:
      "{field, select, communityName {Name} agencyName {The name} shortName {The short name} purpose {Purpose} termsOfReference {Terms of reference} codeOfPractice {Code of practice} tag {Each tag} tagFilter {The tag} interest {Each interest} jobTitle {Job title} search {The search} reason {The reason} message {The message} identityKey {The identity key} other {The text}} contains an invisible control character ({character}). Remove it.",
    description: "A field's problem, shown beside it; field names the field (select); character: the code point, U+0007",
  },
  singleLine: {
    id: "validation.text.singleLine",
    defaultMessage:
      "{field, select, communityName {Name} agencyName {The name} shortName {The short name} purpose {Purpose} termsOfReference {Terms of reference} codeOfPractice {Code of practice} tag {Each tag} tagFilter {The tag} interest {Each interest} jobTitle {Job title} search {The search} reason {The reason} message {The message} identityKey {The identity key} other {The text}} must be a single line, without tabs or line breaks.",
    description: "A field's problem, shown beside it; field names the field (select)",
  },
  directionControl: {
    id: "validation.text.directionControl",
    defaultMessage:
      "{field, select, communityName {Name} agencyName {The name} shortName {The short name} purpose {Purpose} termsOfReference {Terms of reference} codeOfPractice {Code of practice} tag {Each tag} tagFilter {The tag} interest {Each interest} jobTitle {Job title} search {The search} reason {The reason} message {The message} identityKey {The identity key} other {The text}} contains a text-direction control ({character}), which can disguise what it says. Remove it.",
    description: "A field's problem, shown beside it; field names the field (select); character: the code point, U+202E",
  },
  nonCharacter: {
    id: "validation.text.nonCharacter",
    defaultMessage:
      "{field, select, communityName {Name} agencyName {The name} shortName {The short name} purpose {Purpose} termsOfReference {Terms of reference} codeOfPractice {Code of practice} tag {Each tag} tagFilter {The tag} interest {Each interest} jobTitle {Job title} search {The search} reason {The reason} message {The message} identityKey {The identity key} other {The text}} contains a character that is not meant for text ({character}). Remove it.",
    description: "A field's problem, shown beside it; field names the field (select); character: the code point, U+FFFE",
  },
  invisible: {
    id: "validation.text.invisible",
    defaultMessage:
      "{field, select, communityName {Name} agencyName {The name} shortName {The short name} purpose {Purpose} termsOfReference {Terms of reference} codeOfPractice {Code of practice} tag {Each tag} tagFilter {The tag} interest {Each interest} jobTitle {Job title} search {The search} reason {The reason} message {The message} identityKey {The identity key} other {The text}} has no visible characters.",
    description: "A field's problem, shown beside it; field names the field (select)",
  },
  hiddenCharacter: {
    id: "validation.text.hiddenCharacter",
    defaultMessage:
      "{field, select, communityName {Name} agencyName {The name} shortName {The short name} purpose {Purpose} termsOfReference {Terms of reference} codeOfPractice {Code of practice} tag {Each tag} tagFilter {The tag} interest {Each interest} jobTitle {Job title} search {The search} reason {The reason} message {The message} identityKey {The identity key} other {The text}} contains an invisible character ({character}) that could make it look like another name. Remove it.",
    description: "A field's problem, shown beside it; field names the field (select); character: the code point, U+200B",
  },
  itemTooLong: {
    id: "validation.text.itemTooLong",
    defaultMessage:
      "{field, select, tag {The tag} interest {The interest} other {The item}} \u201C{value}\u201D is {over, plural, one {# character} other {# characters}} too long: use at most {max, plural, one {# character} other {# characters}}.",
    description: "A tag or interest over its limit, shown beside the list; value: its first characters (ending in … when cut); over: how many characters too many",
  },
  notText: {
    id: "validation.text.notText",
    defaultMessage:
      "{field, select, communityName {Name} agencyName {The name} shortName {The short name} purpose {Purpose} termsOfReference {Terms of reference} codeOfPractice {Code of practice} tag {Each tag} tagFilter {The tag} interest {Each interest} jobTitle {Job title} search {The search} reason {The reason} message {The message} identityKey {The identity key} other {The text}} must be text.",
    description: "A field's problem, shown beside it; field names the field (select)",
  },
  required: {
    id: "validation.text.required",
    defaultMessage:
      "{field, select, communityName {Name} agencyName {The name} shortName {The short name} purpose {Purpose} termsOfReference {Terms of reference} codeOfPractice {Code of practice} tag {Each tag} tagFilter {The tag} interest {Each interest} jobTitle {Job title} search {The search} reason {The reason} message {The message} identityKey {The identity key} other {The text}} is required.",
    description: "A field's problem, shown beside it; field names the field (select)",
  },
  tooShort: {
    id: "validation.text.tooShort",
    defaultMessage:
      "{field, select, communityName {Name} agencyName {The name} shortName {The short name} purpose {Purpose} termsOfReference {Terms of reference} codeOfPractice {Code of practice} tag {Each tag} tagFilter {The tag} interest {Each interest} jobTitle {Job title} search {The search} reason {The reason} message {The message} identityKey {The identity key} other {The text}} must be at least {min, plural, one {# character} other {# characters}}.",
    description: "A field's problem, shown beside it; field names the field (select)",
  },
  tooLong: {
    id: "validation.text.tooLong",
    defaultMessage:
      "{field, select, communityName {Name} agencyName {The name} shortName {The short name} purpose {Purpose} termsOfReference {Terms of reference} codeOfPractice {Code of practice} tag {Each tag} tagFilter {The tag} interest {Each interest} jobTitle {Job title} search {The search} reason {The reason} message {The message} identityKey {The identity key} other {The text}} must be at most {max, plural, one {# character} other {# characters}}.",
    description: "A field's problem, shown beside it; field names the field (select)",
  },
});

const source = sourceFormatter();

/** What a zod issue carries for a localised problem: `params.messageKey` and `params.values` (see parseInput). */
export interface LocalisedParams {
  messageKey: string;
  values?: MessageArgs;
}

/** For `ctx.addIssue({ code: "custom", ...issueOf(d, values) })`: the en-AU sentence and the catalog id. */
export function issueOf(message: MessageDescriptor, values?: MessageArgs): { message: string; params: LocalisedParams } {
  return { message: source.formatMessage(message, values), params: { messageKey: message.id, ...(values ? { values } : {}) } };
}

/** For `.refine(check, { ...refinement(d), path })` and `z.custom(check, refinement(d))`. */
export function refinement(message: MessageDescriptor, values?: MessageArgs): { error: string; params: LocalisedParams } {
  const { message: error, params } = issueOf(message, values);
  return { error, params };
}

/**
 * The first problem with a piece of (already normalised) text, as a message naming the field, or null when the
 * text is acceptable. Empty text is acceptable here (length rules are separate).
 */
export function textProblem(value: string, kind: TextKind, field: TextField): Problem | null {
  const surrogate = LONE_SURROGATE.exec(value);
  if (surrogate) return { message: m.brokenCharacter, values: { field, character: codePoint(surrogate[0]) } };
  if (value.includes("\u0000")) return { message: m.nullCharacter, values: { field } };
  const control = CONTROL.exec(value);
  if (control) return { message: m.controlCharacter, values: { field, character: codePoint(control[0]) } };
  if (kind !== "multiline") {
    if (LINE_BREAK.test(value)) return { message: m.singleLine, values: { field } };
    const bidi = BIDI_CONTROL.exec(value);
    if (bidi) return { message: m.directionControl, values: { field, character: codePoint(bidi[0]) } };
  }
  const nonchar = NONCHARACTER.exec(value);
  if (nonchar) return { message: m.nonCharacter, values: { field, character: codePoint(nonchar[0]) } };
  if (value.length > 0 && !hasVisibleCharacter(value)) return { message: m.invisible, values: { field } };
  if (kind === "name") {
    const hidden = hiddenCharacter(value);
    if (hidden) return { message: m.hiddenCharacter, values: { field, character: codePoint(hidden) } };
  }
  return null;
}

// Scripts whose words never need a zero-width joiner or non-joiner between letters.
const NO_JOINERS = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}]/u;
const EMOJI_BEFORE_JOINER = /\uFE0F|\u20E3|[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}]/u;

/**
 * The first invisible character in a name that serves no purpose there and could make it pass for another name
 * (a zero-width space, word joiner, soft hyphen, BOM, filler…), or undefined. Kept where writing needs them: a
 * zero-width joiner inside an emoji sequence or between letters of a script that joins (Arabic, Devanagari…), a
 * non-joiner in such a script, a variation selector after a visible character, tag characters in a flag.
 */
export function hiddenCharacter(value: string): string | undefined {
  const cps = [...value];
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i]!;
    if (!/[\p{Default_Ignorable_Code_Point}\u2800]/u.test(c)) continue;
    const before = cps[i - 1] ?? "";
    const after = cps[i + 1] ?? "";
    const visibleAfter = after !== "" && VISIBLE.test(after);
    if (c === "\u200D" && visibleAfter && (EMOJI_BEFORE_JOINER.test(before) || (/[\p{L}\p{M}]/u.test(before) && !NO_JOINERS.test(before)))) continue;
    if (c === "\u200C" && visibleAfter && /[\p{L}\p{M}]/u.test(before) && !NO_JOINERS.test(before)) continue;
    if (/[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/u.test(c) && before !== "" && /[\p{L}\p{N}\p{S}\p{P}]/u.test(before)) continue;
    if (/[\u{E0020}-\u{E007F}]/u.test(c) && cps.slice(0, i).reverse().find((x) => !/[\u{E0020}-\u{E007F}]/u.test(x)) === "\u{1F3F4}") continue;
    return c;
  }
  return undefined;
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
  /** The field, as the messages name it ("Name", "Job title"). */
  field: TextField;
  max: number;
  min?: number;
  /** The message when the text is shorter than `min` (default: "<field> is required" / "at least"). */
  minMessage?: MessageDescriptor;
}

/** The start of an over-long item, to name it in a message (cut at a character, never inside an emoji). */
function preview(value: string): string {
  const graphemes = [...new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(value)].map((g) => g.segment);
  return graphemes.length > 24 ? `${graphemes.slice(0, 24).join("").trimEnd()}\u2026` : value;
}

function build(kind: TextKind, o: TextOptions, form: "NFC" | "NFKC" = "NFC", lower = false) {
  const field = o.field;
  return z
    .custom<string>((v) => typeof v === "string", { ...refinement(m.notText, { field }), abort: true })
    .transform((v) => {
      const t = v.normalize(form).trim();
      return lower ? t.toLowerCase() : t;
    })
    .superRefine((value, ctx) => {
      const problem = textProblem(value, kind, field);
      if (problem) ctx.addIssue({ code: "custom", ...issueOf(problem.message, problem.values) });
      if (o.min !== undefined && o.min > 0 && value.length < o.min) {
        const issue = o.minMessage ? issueOf(o.minMessage) : o.min === 1 ? issueOf(m.required, { field }) : issueOf(m.tooShort, { field, min: o.min });
        ctx.addIssue({ code: "custom", ...issue });
      }
      if (value.length > o.max) {
        // A tag or interest says which one: the list may hold several.
        const issue = field === "tag" || field === "interest" ? issueOf(m.itemTooLong, { field, value: preview(value), over: value.length - o.max, max: o.max }) : issueOf(m.tooLong, { field, max: o.max });
        ctx.addIssue({ code: "custom", ...issue });
      }
    });
}

/** A list of at most `max` items, with its own sentence when longer (`{max}` is its argument). */
export function listOf<T extends z.ZodType>(item: T, max: number, tooMany: MessageDescriptor) {
  return z.array(item).superRefine((list, ctx) => {
    if (list.length > max) ctx.addIssue({ code: "custom", ...issueOf(tooMany, { max }) });
  });
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
