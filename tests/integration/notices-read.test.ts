/**
 * Notices are marked read when the person has seen them: one, some or all, idempotently, only their own (someone
 * else's id is a 404 and nothing changes). The list is paged and says how many are unread; a light endpoint gives
 * the navigation its count. Activity-feed delivery is not touched.
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDENTITIES } from "../../src/domain/demo.js";
import { createHarness, type Harness } from "../support/harness.js";

let h: Harness;
const tokens = new Map<string, string>();
const people = new Map<string, string>();

beforeAll(async () => {
  h = await createHarness({});
  // People of their own (Finance, like Tom), so other test files' notices for the demo people are left alone.
  const tom = DEMO_IDENTITIES.find((x) => x.key === "tom")!;
  for (const key of ["grace", "liam"]) {
    const objectId = randomUUID();
    tokens.set(key, await h.issuer!.issue({ ...tom, key, objectId, displayName: `${key} ${objectId.slice(0, 8)}` }));
    expect((await api(key, "GET", "/api/v1/me")).status).toBe(200);
    people.set(key, (await h.store.db.selectFrom("people").select("id").where("object_id", "=", objectId).executeTakeFirstOrThrow()).id);
  }
});
afterAll(async () => {
  await h.close();
});

async function api(who: string, method: "GET" | "POST", url: string, body?: unknown) {
  const res = await h.app.inject({ method, url, headers: { authorization: `Bearer ${tokens.get(who)}` }, ...(body !== undefined ? { payload: body as object } : {}) });
  return { status: res.statusCode, body: res.json() };
}

/** Fresh notices for someone, oldest first, a second apart (so the order is certain). */
async function give(who: string, count: number, delivery: "pending" | "sent" = "sent"): Promise<string[]> {
  const person = people.get(who)!;
  await h.store.db.deleteFrom("notifications").where("person_id", "=", person).execute();
  const ids: string[] = [];
  for (let n = 0; n < count; n += 1) {
    const row = await h.store.db
      .insertInto("notifications")
      .values({ person_id: person, kind: "test", community_id: null, text: `Notice ${n}`, created_at: sql<Date>`now() - make_interval(secs => ${count - n})`, delivery_state: delivery } as never)
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  return ids;
}
const readAt = async (ids: string[]) => (await h.store.db.selectFrom("notifications").select(["id", "read_at"]).where("id", "in", ids).execute()).map((r) => r.read_at);

describe("notices read", () => {
  it("lists newest first, a page at a time, with how many are unread, and listing marks nothing", async () => {
    const ids = await give("grace", 5);
    const first = await api("grace", "GET", "/api/v1/notifications?limit=2");
    expect(first.status).toBe(200);
    expect(first.body.items.map((n: { text: string }) => n.text)).toEqual(["Notice 4", "Notice 3"]);
    expect(first.body).toMatchObject({ unread: 5, total: 5, nextBefore: ids[3] });
    const second = await api("grace", "GET", `/api/v1/notifications?limit=2&before=${first.body.nextBefore}`);
    expect(second.body.items.map((n: { text: string }) => n.text)).toEqual(["Notice 2", "Notice 1"]);
    const last = await api("grace", "GET", `/api/v1/notifications?limit=2&before=${second.body.nextBefore}`);
    expect(last.body.items.map((n: { text: string }) => n.text)).toEqual(["Notice 0"]);
    expect(last.body.nextBefore).toBeNull();
    expect((await readAt(ids)).every((r) => r === null)).toBe(true);
    expect((await api("grace", "GET", "/api/v1/notifications/unread")).body).toEqual({ unread: 5 });
    // Someone else's notice is no page of mine; bad paging is a 400 naming the parameter.
    const liams = await give("liam", 1);
    const foreign = await api("grace", "GET", `/api/v1/notifications?before=${liams[0]}`);
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.issues[0]).toMatchObject({ path: "before", messageKey: "notices.validation.before" });
    expect((await api("grace", "GET", "/api/v1/notifications?limit=0")).body.error.issues[0].path).toBe("limit");
    expect((await api("grace", "GET", "/api/v1/notifications?before=nope")).body.error.issues[0].path).toBe("before");
  });

  it("marks my own notices read, idempotently, keeping when each was first read", async () => {
    const ids = await give("grace", 3);
    const marked = await api("grace", "POST", "/api/v1/notifications/read", { ids: [ids[2], ids[1]] });
    expect(marked.status).toBe(200);
    expect(marked.body).toEqual({ marked: 2, unread: 1 });
    const firstRead = await readAt([ids[2]!]);
    const again = await api("grace", "POST", "/api/v1/notifications/read", { ids: [ids[2], ids[2]?.toUpperCase()] });
    expect(again.body).toEqual({ marked: 0, unread: 1 });
    expect(await readAt([ids[2]!])).toEqual(firstRead);
    const one = await api("grace", "POST", `/api/v1/notifications/${ids[0]}/read`);
    expect(one.body).toEqual({ marked: 1, unread: 0 });
    const list = await api("grace", "GET", "/api/v1/notifications");
    expect(list.body.items.every((n: { read: boolean }) => n.read)).toBe(true);
    expect(list.body.unread).toBe(0);
  });

  it("answers someone else's notice as one that does not exist, and changes nothing", async () => {
    const mine = await give("grace", 1);
    const theirs = await give("liam", 1);
    for (const res of [
      await api("grace", "POST", "/api/v1/notifications/read", { ids: [mine[0], theirs[0]] }),
      await api("grace", "POST", `/api/v1/notifications/${theirs[0]}/read`),
      await api("grace", "POST", `/api/v1/notifications/${randomUUID()}/read`),
      await api("grace", "POST", "/api/v1/notifications/not-an-id/read"),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ id: "notice.not_found", messageKey: "notices.errors.notFound" });
    }
    expect(await readAt([mine[0]!, theirs[0]!])).toEqual([null, null]);
    const bad = await api("grace", "POST", "/api/v1/notifications/read", { ids: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe("ids");
    expect((await api("grace", "POST", "/api/v1/notifications/read", { ids: ["x"] })).body.error.issues[0].path).toBe("ids.0");
  });

  it("marks all read up to the newest seen, so one that arrived meanwhile stays unread; never someone else's; delivery untouched", async () => {
    const ids = await give("grace", 3, "pending");
    const theirs = await give("liam", 2);
    const seen = ids[1]!; // the page showed notices up to this one; ids[2] arrived after
    const marked = await api("grace", "POST", "/api/v1/notifications/read-all", { upTo: seen });
    expect(marked.body).toEqual({ marked: 2, unread: 1 });
    expect((await readAt([ids[2]!]))[0]).toBeNull();
    const all = await api("grace", "POST", "/api/v1/notifications/read-all", {});
    expect(all.body).toEqual({ marked: 1, unread: 0 });
    expect((await api("grace", "POST", "/api/v1/notifications/read-all")).body).toEqual({ marked: 0, unread: 0 });
    expect((await readAt(theirs)).every((r) => r === null)).toBe(true);
    expect((await api("liam", "GET", "/api/v1/notifications/unread")).body).toEqual({ unread: 2 });
    // The activity feed's own bookkeeping is not the reader's: still pending delivery.
    const states = await h.store.db.selectFrom("notifications").select(["delivery_state", "delivered_at"]).where("id", "in", ids).execute();
    expect(states.every((s) => s.delivery_state === "pending" && s.delivered_at === null)).toBe(true);
    const foreign = await api("grace", "POST", "/api/v1/notifications/read-all", { upTo: theirs[0] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.issues[0].path).toBe("upTo");
  });

  it("needs a signed-in person", async () => {
    expect((await h.app.inject({ method: "GET", url: "/api/v1/notifications/unread" })).statusCode).toBe(401);
    expect((await h.app.inject({ method: "POST", url: "/api/v1/notifications/read-all", payload: {} })).statusCode).toBe(401);
  });
});
