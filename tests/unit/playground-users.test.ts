/**
 * The Agents Playground's mock Teams context (`.m365agentsplayground.yml`, the file `npm run playground` reads)
 * names the demo public servants local mode seeds: each user there is an eligible demo person with the same
 * name, email and Entra object id, and there are at least five (the Playground refuses fewer).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_AGENCIES, DEMO_IDENTITIES } from "../../src/domain/demo.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const yml = readFileSync(path.join(ROOT, ".m365agentsplayground.yml"), "utf8");

interface PlaygroundUser {
  name: string;
  userPrincipleName: string;
  aadObjectId: string;
  email: string;
}

/** The `currentUser` block and each item of `users` (flat `key: value` lines; no YAML library needed). */
function playgroundUsers(): { currentUser: PlaygroundUser; users: PlaygroundUser[] } {
  const block = (text: string): PlaygroundUser => {
    const field = (k: keyof PlaygroundUser) => new RegExp(`^\\s*(?:- )?${k}: (.+)$`, "m").exec(text)?.[1]?.trim() ?? "";
    return { name: field("name"), userPrincipleName: field("userPrincipleName"), aadObjectId: field("aadObjectId"), email: field("email") };
  };
  const current = /^currentUser:\n((?: {2}.*\n)+)/m.exec(yml)?.[1] ?? "";
  const users = /^users:\n((?: {2}.*\n)+)/m.exec(yml)?.[1] ?? "";
  return { currentUser: block(current), users: users.split(/^ {2}- /m).filter((u) => u.trim() !== "").map(block) };
}

describe("the Agents Playground's users are the demo public servants", () => {
  const { currentUser, users } = playgroundUsers();

  it("has at least five users, all different people", () => {
    expect(users.length).toBeGreaterThanOrEqual(5);
    const ids = [currentUser, ...users].map((u) => u.aadObjectId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([currentUser, ...users].map((u) => [u.name, u] as const))("%s is an eligible demo person with the same email and object id", (_, u) => {
    const person = DEMO_IDENTITIES.find((d) => d.objectId === u.aadObjectId);
    expect(person, `${u.name} (${u.aadObjectId}) is not in src/domain/demo.ts`).toBeDefined();
    expect({ name: u.name, userPrincipleName: u.userPrincipleName, email: u.email }).toEqual({ name: person?.displayName, userPrincipleName: person?.email, email: person?.email });
    const domain = u.email.split("@")[1] ?? "";
    expect(person?.isGuest).toBe(false);
    expect(DEMO_AGENCIES.some((a) => a.tenantId === person?.tenantId && a.emailDomains.includes(domain))).toBe(true);
  });
});
