/**
 * Issue 8: a deployment names the highest classification it may hold (MAX_CLASSIFICATION); a proposal above it is
 * refused with the reason, beside the classification field, and writes nothing.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../support/harness.js";

const proposal = (classification: string) => ({
  name: `Ceiling Check ${randomUUID().slice(0, 8)}`,
  purpose: "People checking what this deployment may hold.",
  termsOfReference: "Monthly meetings.",
  codeOfPractice: "Be kind.",
  visibility: "open",
  scope: "cross_agency",
  classification,
  tags: [],
});

async function counts(h: Harness) {
  const n = async (table: "communities" | "audit_log") =>
    Number((await h.store.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
  return { communities: await n("communities"), audit: await n("audit_log") };
}

async function propose(h: Harness, token: string, classification: string) {
  const res = await h.app.inject({ method: "POST", url: "/api/v1/communities", headers: { authorization: `Bearer ${token}` }, payload: proposal(classification) });
  return { status: res.statusCode, body: res.json() };
}

const settings: { setting: string; env: Record<string, string>; at: string; above: string[]; label: string }[] = [
  { setting: "OFFICIAL", env: { MAX_CLASSIFICATION: "OFFICIAL" }, at: "OFFICIAL", above: ["OFFICIAL_SENSITIVE", "PROTECTED"], label: "OFFICIAL" },
  { setting: "unset (OFFICIAL_SENSITIVE)", env: {}, at: "OFFICIAL_SENSITIVE", above: ["PROTECTED"], label: "OFFICIAL: Sensitive" },
];

describe.each(settings)("a deployment accredited up to MAX_CLASSIFICATION $setting", ({ env, at, above, label }) => {
  let h: Harness;
  let token: string;
  beforeAll(async () => {
    h = await createHarness(env);
    token = await h.tokenFor("marcus");
  });
  afterAll(async () => {
    await h.close();
  });

  it.each(above)("refuses a %s proposal with the reason beside the classification field, and writes nothing", async (classification) => {
    const before = await counts(h);
    const res = await propose(h, token, classification);
    expect(res.status).toBe(400);
    expect(res.body.error.id).toBe("community.classification_above_ceiling");
    expect(res.body.error.message).toMatch(new RegExp(`^This Guildhall is accredited to hold information up to ${label}\\. `));
    expect(res.body.error.issues).toEqual([{ path: "classification", message: res.body.error.message, messageKey: "classification.ceiling.reason", values: { max: at } }]);
    expect(res.body.error).toMatchObject({ messageKey: "classification.ceiling.reason", values: { max: at } });
    expect(await counts(h)).toEqual(before);
  });

  it("accepts a proposal at the ceiling", async () => {
    const res = await propose(h, token, at);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: "proposed", classification: at, classificationLabel: label });
  });

  it("tells the tab the ceiling in client-config", async () => {
    const res = await h.app.inject({ method: "GET", url: "/api/v1/client-config" });
    expect(res.json().classifications).toMatchObject({ max: at });
    expect(res.json().classifications.allowed).not.toContain(above[0]);
  });
});
