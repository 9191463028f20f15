/**
 * Issue 9: every sentence in an API error is a catalog message. The answer names it (`messageKey`, `values`) beside
 * the en-AU sentence, and the tab formats it in the person's language: here, fr-CA, as the tab's formatter would.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_COMMUNITIES } from "../../src/domain/demo.js";
import { intlFor } from "../../src/i18n/node.js";
import { createHarness, type Harness } from "../support/harness.js";

interface Issue {
  path: string;
  message: string;
  messageKey: string;
  values?: Record<string, string | number>;
}
interface ErrorAnswer {
  id: string;
  message: string;
  messageKey: string;
  values?: Record<string, string | number>;
  requestId: string;
  issues?: Issue[];
}

let h: Harness;
let token: string;

beforeAll(async () => {
  h = await createHarness({});
  token = await h.tokenFor("tom");
});
afterAll(async () => {
  await h.close();
});

async function api(method: "GET" | "POST", url: string, body?: unknown): Promise<{ status: number; error: ErrorAnswer }> {
  const res = await h.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body !== undefined ? { payload: body as object } : {}) });
  return { status: res.statusCode, error: (res.json() as { error: ErrorAnswer }).error };
}

const fr = intlFor("fr-CA");
const en = intlFor("en-AU");
const french = (m: { messageKey: string; values?: Record<string, string | number>; message: string }) => fr.formatKey(m.messageKey, m.values, m.message);

const proposal = (over: Record<string, unknown> = {}) => ({
  name: `Error Words ${randomUUID().slice(0, 8)}`,
  purpose: "People comparing notes on the same kind of work.",
  termsOfReference: "Monthly meetings.",
  codeOfPractice: "Be kind.",
  visibility: "closed",
  scope: "cross_agency",
  classification: "OFFICIAL",
  ...over,
});

describe("API errors name their catalog message", () => {
  it("a name that is taken: the sentence, with the name as a value, reads in French", async () => {
    const open = DEMO_COMMUNITIES.find((c) => c.visibility === "open")!;
    const { status, error } = await api("POST", "/api/v1/communities", proposal({ name: open.name }));
    expect(status).toBe(409);
    expect(error).toMatchObject({ id: "community.name_taken", messageKey: "errors.community.nameTaken", values: { name: open.name } });
    expect(error.message).toBe(`A community called "${open.name}" already exists or is awaiting approval. Choose another name.`);
    expect(en.formatKey(error.messageKey, error.values, "")).toBe(error.message);
    expect(french(error)).toBe(`Une communauté nommée «\u00A0${open.name}\u00A0» existe déjà ou attend d’être approuvée. Choisissez un autre nom.`);
    expect(error.issues).toEqual([
      { path: "name", message: "A community with this name, or one that looks the same, already exists.", messageKey: "validation.community.nameTaken" },
    ]);
    expect(french(error.issues![0]!)).toBe("Une communauté portant ce nom, ou un nom qui lui ressemble, existe déjà.");
  });

  it("a name over the length limit: the field's problem names the field and the maximum, in French too", async () => {
    const { status, error } = await api("POST", "/api/v1/communities", proposal({ name: "x".repeat(101) }));
    expect(status).toBe(400);
    expect(error).toMatchObject({ id: "request.invalid", messageKey: "errors.community.proposalIncomplete", message: "The proposal is not complete." });
    expect(french(error)).toBe("La proposition est incomplète.");
    expect(error.issues).toEqual([
      { path: "name", message: "Name must be at most 100 characters.", messageKey: "validation.text.tooLong", values: { field: "communityName", max: 100 } },
    ]);
    expect(french(error.issues![0]!)).toBe("Le nom doit compter au plus 100\u00A0caractères.");
  });

  it("zod's own problems are plain words, never the validator's English", async () => {
    const { status, error } = await api("POST", "/api/v1/communities", proposal({ visibility: "public", colour: "blue", tags: Array.from({ length: 21 }, (_, i) => `tag${i}`) }));
    expect(status).toBe(400);
    const byPath = new Map(error.issues!.map((i) => [i.path, i]));
    expect(byPath.get("visibility")).toEqual({ path: "visibility", message: "Choose one of the options offered.", messageKey: "validation.input.choice" });
    expect(byPath.get("colour")).toEqual({ path: "colour", message: "This field is not expected here.", messageKey: "validation.input.unexpectedField" });
    expect(byPath.get("tags")).toEqual({ path: "tags", message: "Use at most 20 tags.", messageKey: "validation.community.tooManyTags", values: { max: 20 } });
    expect(french(byPath.get("tags")!)).toBe("Utilisez au plus 20\u00A0mots-clés.");
    for (const i of error.issues!) expect(i.message).not.toMatch(/Invalid input|expected [a-z]+, received|Too big|Too small/);
  });

  it("not found, from the router and from a command, reads in French", async () => {
    const fromCommand = await api("GET", `/api/v1/communities/${randomUUID()}`);
    expect(fromCommand.status).toBe(404);
    expect(fromCommand.error).toMatchObject({ id: "not_found", messageKey: "errors.request.notFound", message: "Nothing was found at this address." });
    expect(french(fromCommand.error)).toBe("Rien n’a été trouvé à cette adresse.");
    const fromRouter = await api("GET", "/api/v1/no-such-thing");
    expect(fromRouter.status).toBe(404);
    expect(fromRouter.error).toMatchObject({ id: "not_found", messageKey: "errors.request.notFound" });
  });

  it("a sign-in problem says so in French", async () => {
    const res = await h.app.inject({ method: "GET", url: "/api/v1/me" });
    const error = (res.json() as { error: ErrorAnswer }).error;
    expect(res.statusCode).toBe(401);
    expect(error).toMatchObject({ id: "auth.missing_token", messageKey: "errors.auth.missingToken" });
    expect(french(error)).toBe("Connectez-vous au moyen de Microsoft Teams pour utiliser Guildhall.");
  });
});
