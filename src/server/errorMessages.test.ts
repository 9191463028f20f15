/**
 * Issue 9: every message an API error can carry is in every catalog and formats there; zod's and Ajv's own
 * problems become plain words with their limits as values, never the validators' English.
 */
import Fastify from "fastify";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CommandError, fieldIssues, parseInput, VALIDATION } from "../commands/context.js";
import { DENIAL_MESSAGES, REASON_MESSAGES } from "../domain/policyText.js";
import { TEXT_FIELDS } from "../domain/text.js";
import { LOCALES } from "../i18n/locales.js";
import { intlFor, readCatalog } from "../i18n/node.js";
import { registerErrorHandler, SERVER_ERROR_MESSAGES } from "./errors.js";

const AREAS = ["errors", "validation", "policy"];
const source = readCatalog("en-AU");
/** Ids the server sends that are declared elsewhere: the ceiling's sentence is the tab's (area classification). */
const BORROWED = ["classification.ceiling.reason"];
const emitted = [
  ...Object.keys(source).filter((id) => AREAS.includes(id.split(".")[0]!)),
  ...SERVER_ERROR_MESSAGES.map((d) => d.id),
  ...Object.values(VALIDATION).map((d) => d.id),
  ...Object.values(REASON_MESSAGES).map((d) => d.id),
  ...Object.values(DENIAL_MESSAGES).map((d) => d.id),
  ...BORROWED,
];

/** Values for every argument of a message: a text field name for `field`, 2 for numbers and plurals, "x" otherwise. */
function sampleValues(message: string): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  const walk = (els: MessageFormatElement[]) => {
    for (const el of els) {
      if (el.type === TYPE.argument || el.type === TYPE.select) values[el.value] = el.value === "field" ? "purpose" : el.value === "max" && el.type === TYPE.select ? "OFFICIAL" : "x";
      if (el.type === TYPE.number || el.type === TYPE.plural) values[el.value] = 2;
      if (el.type === TYPE.select || el.type === TYPE.plural) for (const o of Object.values(el.options)) walk(o.value);
      if (el.type === TYPE.tag) walk(el.children);
    }
  };
  walk(parse(message));
  return values;
}

describe("every error and validation message the server can send", () => {
  it.each(LOCALES)("is in the %s catalog and formats there", (locale) => {
    const catalog = readCatalog(locale);
    const intl = intlFor(locale);
    const problems: string[] = [];
    for (const id of new Set(emitted)) {
      if (!(id in catalog)) {
        problems.push(`${locale} lacks ${id}`);
        continue;
      }
      const values = sampleValues(source[id] ?? "");
      const text = intl.formatKey(id, values, "\u0000fallback");
      if (text === "\u0000fallback" || text.includes("{")) problems.push(`${locale} ${id} does not format: ${text}`);
    }
    expect(problems).toEqual([]);
  });

  it("names every text field in French, never falling back to the generic word", () => {
    const fr = intlFor("fr-CA");
    for (const field of TEXT_FIELDS) expect(fr.formatKey("validation.text.required", { field }, "")).not.toMatch(/^Le texte /);
    expect(fr.formatKey("validation.text.brokenCharacter", { field: "purpose", character: "U+D83D" }, "")).toBe(
      "L’objet contient un caractère brisé (U+D83D, la moitié d’un émoji ou d’un symbole). Tapez-le de nouveau.",
    );
  });
});

function issuesOf(schema: z.ZodType, input: unknown) {
  try {
    parseInput(schema, input);
  } catch (err) {
    if (err instanceof CommandError) return (err.extra as { issues: ReturnType<typeof fieldIssues> }).issues;
    throw err;
  }
  throw new Error("parsed");
}

describe("zod's issues in plain words", () => {
  it("too_big on a string becomes the plain sentence with its maximum, localised", () => {
    const [issue] = issuesOf(z.object({ title: z.string().max(50) }), { title: "x".repeat(51) });
    expect(issue).toEqual({ path: "title", message: "Use at most 50 characters.", messageKey: "validation.input.textTooLong", values: { maximum: 50 } });
    expect(intlFor("fr-CA").formatKey(issue!.messageKey, issue!.values, issue!.message)).toBe("Utilisez au plus 50\u00A0caractères.");
    expect(intlFor("en-US").formatKey(issue!.messageKey, issue!.values, issue!.message)).toBe("Use at most 50 characters.");
    expect(intlFor("fr-CA").formatKey(issue!.messageKey, { maximum: 1 }, "")).toBe("Utilisez au plus 1\u00A0caractère.");
  });

  it.each([
    ["a list too long", z.object({ v: z.array(z.number()).max(3) }), { v: [1, 2, 3, 4] }, "validation.input.tooManyItems", { maximum: 3 }, "Use at most 3 items."],
    ["a list too short", z.object({ v: z.array(z.number()).min(2) }), { v: [1] }, "validation.input.tooFewItems", { minimum: 2 }, "Add at least 2 items."],
    ["a number too big", z.object({ v: z.number().max(1000) }), { v: 1001 }, "validation.input.numberAtMost", { maximum: 1000 }, "Enter a number no greater than 1,000."],
    ["a number too small", z.object({ v: z.number().gt(0) }), { v: 0 }, "validation.input.numberAbove", { minimum: 0 }, "Enter a number greater than 0."],
    ["text too short", z.object({ v: z.string().min(3) }), { v: "ab" }, "validation.input.textTooShort", { minimum: 3 }, "Use at least 3 characters."],
    ["empty text that is required", z.object({ v: z.string().min(1) }), { v: "" }, "validation.input.required", undefined, "This field is required."],
    ["a missing field", z.object({ v: z.string() }), {}, "validation.input.required", undefined, "This field is required."],
    ["the wrong type", z.object({ v: z.number() }), { v: "7" }, "validation.input.wrongType", { expected: "number" }, "Enter a number."],
    ["an email", z.object({ v: z.email() }), { v: "nope" }, "validation.input.email", undefined, "Enter a valid email address."],
    ["a uuid", z.object({ v: z.uuid() }), { v: "nope" }, "validation.input.identifier", undefined, "This is not a valid identifier."],
    ["a url", z.object({ v: z.url() }), { v: "nope" }, "validation.input.url", undefined, "Enter a valid web address (URL)."],
    ["an enum", z.object({ v: z.enum(["a", "b"]) }), { v: "c" }, "validation.input.choice", undefined, "Choose one of the options offered."],
    ["a refinement without a message of its own", z.object({ v: z.string().refine((s) => s === "ok", "Not ok") }), { v: "no" }, "validation.input.invalid", undefined, "Not ok"],
  ])("%s", (_label, schema, input, messageKey, values, message) => {
    const [issue] = issuesOf(schema, input);
    expect(issue).toEqual({ path: "v", message, messageKey, ...(values ? { values } : {}) });
    expect(intlFor("fr-CA").formatKey(issue!.messageKey, issue!.values, "\u0000")).not.toBe("\u0000");
  });

  it("an unexpected field is named as its own issue", () => {
    expect(issuesOf(z.object({}).strict(), { colour: "blue" })).toEqual([{ path: "colour", message: "This field is not expected here.", messageKey: "validation.input.unexpectedField" }]);
  });
});

describe("the error handler's own answers", () => {
  async function app() {
    const a = Fastify();
    registerErrorHandler(a);
    a.post("/schema", { schema: { body: { type: "object", required: ["name"], additionalProperties: false, properties: { name: { type: "string", maxLength: 5 }, n: { type: "integer", minimum: 1 } } } } }, () => ({}));
    a.get("/busy", () => {
      throw Object.assign(new Error("Rate limit exceeded, retry in 1 minute"), { statusCode: 429 });
    });
    a.get("/big", () => {
      throw Object.assign(new Error("Request body is too large"), { statusCode: 413 });
    });
    a.get("/boom", () => {
      throw new Error("secret detail");
    });
    await a.ready();
    return a;
  }

  it("schema validation problems are plain words with their limits", async () => {
    const a = await app();
    const long = await a.inject({ method: "POST", url: "/schema", payload: { name: "toolong" } });
    expect(long.statusCode).toBe(400);
    expect(long.json().error).toMatchObject({ id: "request.invalid", messageKey: "errors.request.invalid", message: "The request is not valid." });
    expect(long.json().error.issues).toEqual([{ path: "/name", message: "Use at most 5 characters.", messageKey: "validation.input.textTooLong", values: { maximum: 5 } }]);
    const missing = await a.inject({ method: "POST", url: "/schema", payload: {} });
    expect(missing.json().error.issues).toEqual([{ path: "/name", message: "This field is required.", messageKey: "validation.input.required" }]);
    await a.close();
  });

  it("429, 413 and 500 answers name their messages", async () => {
    const a = await app();
    const fr = intlFor("fr-CA");
    const busy = (await a.inject({ method: "GET", url: "/busy" })).json().error;
    expect(busy).toMatchObject({ id: "request.rate_limited", messageKey: "errors.request.rateLimited", message: "Too many requests. Wait a moment and try again." });
    expect(fr.formatKey(busy.messageKey, busy.values, busy.message)).toBe("Trop de demandes. Attendez un moment et réessayez.");
    expect((await a.inject({ method: "GET", url: "/big" })).json().error).toMatchObject({ id: "request.too_large", messageKey: "errors.request.tooLarge" });
    const boom = await a.inject({ method: "GET", url: "/boom" });
    expect(boom.statusCode).toBe(500);
    expect(boom.json().error).toMatchObject({ id: "internal", messageKey: "errors.server.internal" });
    expect(boom.body).not.toContain("secret detail");
    await a.close();
  });
});
