/**
 * The one-command default under concurrent use: the real server as a child process on its own embedded
 * database (PGlite), whatever GUILDHALL_TEST_DATABASE_URL says, with Graph connected to the stand-ins so that
 * approvals and joins queue real pg-boss jobs. Ten sessions of the six demo people (two of each public servant,
 * the guest, the outsider) fire 1,200 requests at once, mixing reads, profile writes, proposals, approvals,
 * joins and directory searches. Every answer must be the one its caller expects: the caller's own person, the
 * value that caller just wrote, the name that caller proposed; meanwhile the provisioning jobs the approvals
 * queued create channels in the Graph stand-in. Then a second server on the same data folder
 * is refused with a clear message, and SIGTERM ends the first within 5 s.
 */
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_COMMUNITIES, DEMO_IDENTITIES, type DemoIdentity } from "../../src/domain/demo.js";
import { startEntraStandIn, type EntraStandIn } from "../support/entra-standin.js";
import { manifestApplicationPermissions } from "../support/graph-standin/permissions.js";
import { GraphStandIn } from "../support/graph-standin/server.js";
import { startServer, type RunningServer } from "../support/server-process.js";
import { localCertificate } from "../support/tls.js";

const FINANCE = "7f1c2a4e-0b8d-4c1e-9a51-3d2f6b8e1a01";
const APP = "6c1f3e2a-7b4d-4e8f-9a0b-1c2d3e4f5a6b";
const SECRET = `secret-${randomUUID()}`;
const TOTAL = 1_200;
const OPEN = DEMO_COMMUNITIES.find((c) => c.visibility === "open")!;

let server: RunningServer;
let entra: EntraStandIn;
let graph: GraphStandIn;

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

const failures: string[] = [];
let sent = 0;
let approved = 0;
let hostTeamId = "";

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

/** What each public servant's sessions share: their person id and every job title their writer has set. */
interface Person {
  identity: DemoIdentity;
  token: string;
  id: string;
  titles: Set<string | null>;
}

function checkMe(p: Person, who: string, a: Answer): void {
  const person = a.body["person"] as { id?: string; displayName?: string; email?: string; jobTitle?: string | null } | undefined;
  expectThat(a.status === 200, who, "GET /me answered", a);
  expectThat(person?.id === p.id && person.displayName === p.identity.displayName && person.email === p.identity.email, who, "GET /me is about the caller", a);
  expectThat(a.body["tenantId"] === p.identity.tenantId, who, "GET /me has the caller's tenant", a);
  expectThat(p.titles.has(person?.jobTitle ?? null), who, `GET /me shows a job title the caller wrote (${String(person?.jobTitle)})`, a);
}

/** Writes its own profile and reads it back: the answer must hold exactly what it wrote. */
async function writer(p: Person, done: () => boolean): Promise<void> {
  const who = `${p.identity.key}/writer`;
  for (let n = 0; !done(); n++) {
    const title = `${p.identity.key} title ${n}`;
    p.titles.add(title);
    const w = await call(p.token, "POST", "/api/v1/me/profile", { jobTitle: title, interests: [`${p.identity.key}-${n}`] });
    expectThat(w.status === 200 && w.body["id"] === p.id, who, "profile write answered with the caller's profile", w);
    expectThat(JSON.stringify(w.body).includes(`"${title}"`) && JSON.stringify(w.body).includes(`"${p.identity.key}-${n}"`), who, "profile write answered with what it wrote", w);
    checkMe(p, who, await call(p.token, "GET", "/api/v1/me"));
  }
}

/** Directory, proposals, joins, notices; the platform owner also approves proposals (queues provisioning). */
async function member(p: Person, done: () => boolean): Promise<void> {
  const who = `${p.identity.key}/member`;
  const page = await call(p.token, "GET", `/api/v1/communities/${OPEN.id}`);
  const codeVersion = page.body["codeVersion"];
  for (let n = 0; !done(); n++) {
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
    expectThat(joined.status === 200 && joined.body["id"] === OPEN.id && typeof joined.body["myRole"] === "string", who, "join answered with the community and the caller's role", joined);
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
    expectThat(notices.status === 200 && Array.isArray(notices.body["items"]), who, "notices answered", notices);
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
    const tls = localCertificate();
    entra = await startEntraStandIn({ tls, clients: [{ clientId: APP, clientSecret: SECRET, roles: manifestApplicationPermissions() }] });
    graph = new GraphStandIn({ trust: { jwks: entra.jwks, issuer: `${entra.loginHost}/${FINANCE}/v2.0`, tenantId: FINANCE } });
    await graph.start();
    for (const d of DEMO_IDENTITIES) graph.addUser({ id: d.objectId, userPrincipalName: d.email, companyName: "Department of Finance" });
    const oid = (key: string) => DEMO_IDENTITIES.find((d) => d.key === key)?.objectId ?? "";
    hostTeamId = graph.addTeam("Guildhall communities", [oid("tom"), oid("priya")], [oid("priya")]);
    server = await startServer({
      // No DATABASE_URL: the embedded default, as `npm start` runs it.
      RATE_LIMIT_PER_MINUTE: "1000000",
      AAD_APP_CLIENT_ID: APP,
      AAD_APP_CLIENT_SECRET: SECRET,
      AAD_APP_TENANT_ID: FINANCE,
      GRAPH_HOST_TEAM_ID: hostTeamId,
      GRAPH_BASE_URL: graph.url,
      LOGIN_BASE_URL: entra.loginHost,
      NODE_EXTRA_CA_CERTS: tls.certFile,
    });
  });

  afterAll(async () => {
    await server?.stop();
    await graph?.stop();
    await entra?.close();
  });

  it("answers 1,200 mixed requests from ten sessions with no error and each answer its caller's own", async () => {
    const people: Person[] = [];
    for (const identity of DEMO_IDENTITIES.filter((d) => !d.isGuest && d.key !== "outsider")) {
      const token = await tokenFor(identity.key);
      const me = await call(token, "GET", "/api/v1/me");
      const person = me.body["person"] as { id: string; jobTitle: string | null };
      people.push({ identity, token, id: person.id, titles: new Set([person.jobTitle]) });
    }
    expect(people).toHaveLength(4);
    const start = sent;
    const done = () => sent - start >= TOTAL;
    await Promise.all([
      ...people.flatMap((p) => [writer(p, done), member(p, done)]),
      ...(await Promise.all(["guest", "outsider"].map(async (k) => refused(k, await tokenFor(k), done)))),
    ]);
    expect(sent - start).toBeGreaterThanOrEqual(TOTAL);
    expect(failures).toEqual([]);
    // The queue worked alongside: approvals queued provisioning jobs, which created channels in the stand-in.
    expect(approved).toBeGreaterThan(0);
    const deadline = Date.now() + 30_000;
    while ((graph.teams.get(hostTeamId)?.channels.length ?? 0) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(graph.teams.get(hostTeamId)?.channels.length ?? 0).toBeGreaterThan(0);
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
