/**
 * The Adaptive Cards 1.5 JSON schema (../shared/schemas/adaptive-card-1.5.json) compiled with Ajv, for tests that
 * check what the bot sends. `cardSchemaErrors(card)` is [] for a valid card.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Ajv, type ValidateFunction } from "ajv";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const require = createRequire(import.meta.url);

let validate: ValidateFunction | undefined;

export function adaptiveCardValidator(): ValidateFunction {
  if (validate) return validate;
  const schema = JSON.parse(readFileSync(path.resolve(repoRoot, "../shared/schemas/adaptive-card-1.5.json"), "utf8")) as Record<string, unknown>;
  // The schema names itself with draft-06's `id`; Ajv 8 reads only `$id`.
  if (typeof schema["id"] === "string" && schema["$id"] === undefined) {
    schema["$id"] = schema["id"];
    delete schema["id"];
  }
  const draft06: unknown = JSON.parse(readFileSync(require.resolve("ajv/dist/refs/json-schema-draft-06.json"), "utf8"));
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(draft06 as object);
  ajv.addFormat("uri", (v: string) => URL.canParse(v));
  ajv.addFormat("uri-reference", (v: string) => URL.canParse(v, "https://example.invalid/"));
  validate = ajv.compile(schema);
  return validate;
}

/** The schema's complaints about a card; [] when it is a valid Adaptive Card 1.5. */
export function cardSchemaErrors(card: unknown): unknown[] {
  const v = adaptiveCardValidator();
  return v(card) ? [] : [...(v.errors ?? [])];
}
