/**
 * The one-command default under concurrent use: the real server as a child process on its own embedded
 * database (PGlite), whatever GUILDHALL_TEST_DATABASE_URL says, with Graph connected to the stand-ins so that
 * approvals and joins queue real pg-boss jobs. Ten demo people at once, one session each (the eight public
 * servants of three agencies in two tenants, the guest, the outsider), fire 1,200 requests, mixing reads, profile
 * writes, proposals, approvals, joins and directory searches. As no two sessions share a person, every answer
 * must be exactly its caller's: the caller's own person and tenant, the profile that caller wrote last, the name
 * that caller proposed, the caller's role in the community joined, notices about the caller's own proposals;
 * meanwhile the provisioning jobs the approvals queued create channels in the Graph stand-in. Then a second
 * server on the same data folder is refused with a clear message, and SIGTERM ends the first within 5 s.
 */
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_AGENCIES, DEMO_COMMUNITIES, DEMO_IDENTITIES, type DemoIdentity } from "../../src/domain/demo.js";
import { startServer, type RunningServer } from "../support/server-process.js";
import { startTenantStandIns, type TenantStandIns } from "../support/tenant-standins.js";

const TOTAL = 1_200;
const OPEN = DEMO_COMMUNITIES.find((c) => c.visibility === "open")!;
/** The public servants among the demo people: a person in an allow-listed agency's tenant and domain, not a guest. */
const ELIGIBLE = DEMO_IDENTITIES.filter((d) => !d.isGuest && DEMO_AGENCIES.some((a) => a.tenantId === d.tenantId && a.emailDomains.includes(d.email.slice(d.email.indexOf("@") + 1))));

let server: RunningServer;
let tenant: TenantStandIns;

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

const failures: string[] = [];
let sent = 0;
let approved = 0;

async function call(token: string, method: "GET" | "POST", path: string, body?: unknown): Promise<Answer> {
  sent++;
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

function expectThat(ok: boolean, who: string, what: string, answer: Answer): void {
  if (!ok) failures.push(`${who}: ${what} (${answer.status} ${JSON.stringify(answer.body).slice(0, 300)})`);
}

async function tokenFor(key: string): Promise<string> {
  const res = await fetch(`${server.url}/api/dev/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ key }) });
  return ((await res.json()) as { token: string }).token;
}

/** One public servant's session: their person id and the job title they wrote last (no one else writes it). */
interface Person {
  identity: DemoIdentity;
  token: string;
  id: string;
  title: string | null;
}

function checkMe(p: Person, who: string, a: Answer): void {
  const person = a.body["person"] as { id?: string; displayName?: string; email?: string; jobTitle?: string | null } | undefined;
  expectThat(a.status === 200, who, "GET /me answered", a);
  expectThat(person?.id === p.id && person.displayName === p.identity.displayName && person.email === p.identity.email, who, "GET /me is about the caller", a);
  expectThat(a.body["tenantId"] === p.identity.tenantId, who, "GET /me has the caller's tenant", a);
  expectThat((person?.jobTitle ?? null) === p.title, who, `GET /me shows the job title the caller wrote last (${String(person?.jobTitle)}, expected ${String(p.title)})`, a);
}

/** The caller's role in the open demo community once joined: the seeded owner and moderator keep theirs. */
const roleInOpen = (key: string): string => (OPEN.owners.includes(key) ? "owner" : OPEN.moderators.includes(key) ? "moderator" : "member");

/**
 * One person's session, in turn: writes their profile and reads it back, searches the directory, now and then
 * proposes a community, joins the open one, reads their notices; the platform owner also approves proposals
 * (which queues provisioning).
 */
async function session(p: Person, done: () => boolean): Promise<void> {
  const who = p.identity.key;
  const page = await call(p.token, "GET", `/api/v1/communities/${OPEN.id}`);
  const codeVersion = page.body["codeVersion"];
  for (let n = 0; !done(); n++) {
    const title = `${p.identity.key} title ${n}`;
    const w = await call(p.token, "POST", "/api/v1/me/profile", { jobTitle: title, interests: [`${p.identity.key}-${n}`] });
    expectThat(w.status === 200 && w.body["id"] === p.id, who, "profile write answered with the caller's profile", w);
    expectThat(JSON.stringify(w.body).includes(`"${title}"`) && JSON.stringify(w.body).includes(`"${p.identity.key}-${n}"`), who, "profile write answered with what it wrote", w);
    if (w.status === 200) p.title = title;
    checkMe(p, who, await call(p.token, "GET", "/api/v1/me"));
    const search = await call(p.token, "GET", "/api/v1/communities?q=design");
    expectThat(search.status === 200 && Array.isArray(search.body["items"]), who, "directory search answered", search);
    if (n % 3 === 0) {
      const name = `${p.identity.key} circle ${randomUUID().slice(0, 8)}`;
      const proposed = await call(p.token, "POST", "/api/v1/communities", {
        name,
        purpose: "People comparing notes on the work they share.",
        termsOfReference: "Monthly meetings.",
        codeOfPractice: "Be kind.",
        visibility: "open",
        scope: "cross_agency",
        classification: "OFFICIAL",
        tags: ["practice"],
      });
      expectThat(proposed.status === 201 && JSON.stringify(proposed.body).includes(`"${name}"`), who, "proposal answered with the caller's community", proposed);
    }
    const joined = await call(p.token, "POST", `/api/v1/communities/${OPEN.id}/join`, { acceptCodeOfPractice: true, codeVersion });
    expectThat(joined.status === 200 && joined.body["id"] === OPEN.id && joined.body["myRole"] === roleInOpen(p.identity.key), who, "join answered with the community and the caller's role", joined);
    if (p.identity.roles.includes("Guildhall.PlatformOwner")) {
      const queue = await call(p.token, "GET", "/api/v1/communities?status=proposed");
      expectThat(queue.status === 200, who, "approval queue answered", queue);
      const next = (queue.body["items"] as { id: string }[] | undefined)?.[0];
      if (next) {
        const decided = await call(p.token, "POST", `/api/v1/communities/${next.id}/decision`, { decision: "approve" });
        expectThat(decided.status === 200 && decided.body["id"] === next.id && decided.body["status"] === "approved", who, "approval answered with the approved community", decided);
        if (decided.status === 200) approved++;
      }
    }
    const notices = await call(p.token, "GET", "/api/v1/notifications");
    const texts = ((notices.body["items"] as { text?: string }[] | undefined) ?? []).map((i) => i.text ?? "");
    expectThat(notices.status === 200 && Array.isArray(notices.body["items"]), who, "notices answered", notices);
    expectThat(texts.filter((t) => t.includes(" circle ")).every((t) => t.includes(`"${p.identity.key} circle `)), who, "notices are about the caller's own proposals", notices);
    checkMe(p, who, await call(p.token, "GET", "/api/v1/me"));
  }
}

/** The guest and the outsider: refused every time, never someone else's answer. */
async function refused(key: string, token: string, done: () => boolean): Promise<void> {
  let first: string | undefined;
  while (!done()) {
    const a = await call(token, "GET", "/api/v1/me");
    const error = a.body["error"] as { id?: string; reason?: string } | undefined;
    const shape = `${a.status} ${error?.id ?? ""} ${error?.reason ?? ""}`;
    first ??= shape;
    expectThat(a.status === 403 && error?.id === "eligibility.denied" && shape === first, `${key}/refused`, "refused the same way each time", a);
  }
}

describe("the embedded database under concurrent use (real server process)", () => {
  beforeAll(async () => {
    tenant = await startTenantStandIns();
    // No DATABASE_URL: the embedded default, as `npm start` runs it.
    server = await startServer({ RATE_LIMIT_PER_MINUTE: "1000000", ...tenant.env });
  });

  afterAll(async () => {
    await server?.stop();
    await tenant?.stop();
  });

  it("answers 1,200 mixed requests from ten different people at once with no error and each answer its caller's own", async () => {
    const people: Person[] = [];
    for (const identity of ELIGIBLE) {
      const token = await tokenFor(identity.key);
      const me = await call(token, "GET", "/api/v1/me");
      const person = me.body["person"] as { id: string; jobTitle: string | null };
      expect(me.status, identity.key).toBe(200);
      people.push({ identity, token, id: person.id, title: person.jobTitle });
    }
    // Eight distinct public servants from three agencies in two tenants, each with their own person.
    expect(people.map((p) => p.identity.key)).toEqual(["priya", "tom", "grace", "liam", "aisha", "mei", "marcus", "ravi"]);
    expect(new Set(people.map((p) => p.id)).size).toBe(8);
    expect(new Set(people.map((p) => p.identity.tenantId)).size).toBe(2);
    expect(people.some((p) => p.identity.roles.includes("Guildhall.PlatformOwner"))).toBe(true);
    const refusedKeys = DEMO_IDENTITIES.filter((d) => !ELIGIBLE.includes(d)).map((d) => d.key);
    expect(refusedKeys).toEqual(["guest", "outsider"]);
    const start = sent;
    const done = () => sent - start >= TOTAL;
    await Promise.all([
      ...people.map((p) => session(p, done)),
      ...(await Promise.all(refusedKeys.map(async (k) => refused(k, await tokenFor(k), done)))),
    ]);
    expect(sent - start).toBeGreaterThanOrEqual(TOTAL);
    expect(failures).toEqual([]);
    // The queue worked alongside: approvals queued provisioning jobs, which created channels in the stand-in.
    expect(approved).toBeGreaterThan(0);
    const deadline = Date.now() + 30_000;
    while ((tenant.graph.teams.get(tenant.hostTeamId)?.channels.length ?? 0) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(tenant.graph.teams.get(tenant.hostTeamId)?.channels.length ?? 0).toBeGreaterThan(0);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
  }, 90_000);

  it("refuses a second server on the same data folder, naming the one that holds it", async () => {
    const second = startServer({ PGLITE_DATA_DIR: server.dataDir }, 60_000);
    await expect(second).rejects.toThrow(new RegExp(`server exited with 1:[\\s\\S]*Another Guildhall \\(pid ${server.child.pid}\\) is using the embedded database in ${server.dataDir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  }, 60_000);

  it("stops cleanly within 5 s of SIGTERM and releases the data folder", async () => {
    expect(existsSync(`${server.dataDir}.lock`)).toBe(true);
    const ended = await server.terminate(8_000);
    expect(ended, server.output().slice(-2000)).toMatchObject({ code: 0, signal: null });
    expect(ended.ms).toBeLessThanOrEqual(5_000);
    // The lock went with it: the next start opens the folder at once.
    expect(existsSync(`${server.dataDir}.lock`)).toBe(false);
  }, 30_000);
});
