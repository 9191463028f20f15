/**
 * The embedded wire server's contract (src/store/embeddedServer.ts), on its own in-memory PGlite: a
 * transaction holds the one session until it ends, so another connection's statements never land inside it;
 * a connection that goes away mid-transaction is rolled back; one idle inside a transaction for too long is
 * ended (25P03) so the others go on.
 */
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveEmbedded, type EmbeddedServer } from "../../src/store/embeddedServer.js";

let db: PGlite;
let server: EmbeddedServer;

async function client(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: `postgres://postgres@${server.host}:${server.port}/postgres` });
  c.on("error", () => undefined);
  await c.connect();
  return c;
}

const count = async (c: pg.Client) => Number((await c.query<{ n: string }>("select count(*) as n from t")).rows[0]?.n);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  db = new PGlite();
  await db.waitReady;
  await db.exec("create table t (id int primary key)");
  server = await serveEmbedded(db, { idleInTransactionMs: 1_000 });
});

afterAll(async () => {
  await server?.stop();
  await db?.close();
});

describe("the embedded wire server", () => {
  it("runs another connection's statement only after the open transaction ends", async () => {
    const [a, b] = [await client(), await client()];
    await a.query("begin");
    await a.query("insert into t values (1)");
    let seen: number | undefined;
    const waiting = count(b).then((n) => (seen = n));
    await sleep(200);
    // Not inside A's transaction, not before it: B is still waiting.
    expect(seen).toBeUndefined();
    expect(server.stats().waiting).toBe(1);
    await a.query("commit");
    await waiting;
    expect(seen).toBe(1);
    await a.end();
    await b.end();
  });

  it("rolls back the transaction of a connection that goes away, and lets the others go on", async () => {
    const [a, b] = [await client(), await client()];
    await a.query("begin");
    await a.query("insert into t values (2)");
    const waiting = count(b);
    await a.end();
    expect(await waiting).toBe(1);
    await b.end();
  });

  it("ends a connection idle inside a transaction, rolled back, so a waiting one is not held forever", async () => {
    const [a, b] = [await client(), await client()];
    await a.query("begin");
    await a.query("insert into t values (3)");
    const started = Date.now();
    expect(await count(b)).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    await expect(a.query("select 1")).rejects.toThrow();
    expect(await count(b)).toBe(1);
    await b.end();
  });
});
