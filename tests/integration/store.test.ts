import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { appendAudit } from "../../src/store/audit.js";
import { connect, type Store } from "../../src/store/connection.js";
import { migrateToLatest } from "../../src/store/migrate.js";
import { resolveAgency } from "../../src/store/people.js";
import { seedDemoData } from "../../src/store/seed.js";
import { DEMO_AGENCIES } from "../../src/domain/demo.js";
import { nameKey } from "../../src/domain/text.js";

let store: Store;
beforeAll(() => {
  store = connect({ url: inject("databaseUrl"), ssl: "disable", poolMax: 2 });
});
afterAll(async () => {
  await store.close();
});

describe("store", () => {
  it("connects with a per-connection password function (managed identity) as well as with a plain URL", async () => {
    let asked = 0;
    const withToken = connect({
      url: inject("databaseUrl"),
      ssl: "disable",
      poolMax: 2,
      password: async () => {
        asked += 1;
        return "an-entra-token";
      },
    });
    try {
      const row = await sql<{ who: string; db: string }>`select current_user as who, current_database() as db`.execute(withToken.db);
      const url = new URL(inject("databaseUrl"));
      expect(row.rows[0]).toEqual({ who: url.username, db: url.pathname.slice(1) });
      // This server trusts loopback connections and so never asks for the password; Azure asks on every new
      // connection (managedIdentity.test.ts covers the token itself).
      void asked;
    } finally {
      await withToken.close();
    }
  });

  it("migrations are already applied and re-running them applies nothing", async () => {
    expect(await migrateToLatest(store.db)).toEqual([]);
  });

  it("seeding demo data twice leaves the same rows", async () => {
    await seedDemoData(store.db);
    const count = async () => (await store.db.selectFrom("agencies").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n;
    const before = await count();
    await seedDemoData(store.db);
    expect(await count()).toBe(before);
    expect(Number(before)).toBeGreaterThanOrEqual(3);
  });

  it("the audit log is append-only: updates, deletes and truncation are refused", async () => {
    await appendAudit(store.db, { event: "test.append", outcome: "info", detail: { n: 1 } });
    const row = await store.db.selectFrom("audit_log").selectAll().where("event", "=", "test.append").executeTakeFirstOrThrow();
    await expect(store.db.updateTable("audit_log").set({ event: "tampered" }).where("id", "=", row.id).execute()).rejects.toThrow(/append-only/);
    await expect(store.db.deleteFrom("audit_log").where("id", "=", row.id).execute()).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(store.db)).rejects.toThrow(/append-only/);
    const again = await store.db.selectFrom("audit_log").selectAll().where("id", "=", row.id).executeTakeFirstOrThrow();
    expect(again.event).toBe("test.append");
  });

  it("resolves agencies by domain within a shared tenant, and never guesses between several", async () => {
    const shared = "2b9e6d10-5c3a-4f7e-8d21-6a4c9e0f3b02";
    expect((await resolveAgency(store.db, shared, "abs.gov.au"))?.short_name).toBe("ABS");
    expect((await resolveAgency(store.db, shared, "dta.gov.au"))?.short_name).toBe("DTA");
    expect(await resolveAgency(store.db, shared, "other.gov.au")).toBeUndefined();
    expect(await resolveAgency(store.db, "c0ffee00-1111-4222-8333-444455556666", "contoso.example.com")).toBeUndefined();
  });

  it("seeds the demo agencies with their look-alike comparison key, so the database's unique index covers them", async () => {
    await seedDemoData(store.db);
    const rows = await store.db.selectFrom("agencies").select(["name", "name_key"]).where("id", "in", DEMO_AGENCIES.map((a) => a.id)).execute();
    expect(rows).toHaveLength(DEMO_AGENCIES.length);
    for (const r of rows) expect(r.name_key).toBe(nameKey(r.name));
  });

  it("matches a tenant's only agency for an unknown domain, and stops guessing once the tenant has two", async () => {
    // Its own tenant: other test files register agencies in the demo tenants, so "the only agency" there is not stable.
    const tenant = randomUUID();
    const tag = tenant.slice(0, 8);
    await store.db.insertInto("agencies").values({ id: randomUUID(), name: `Solo Agency ${tag}`, short_name: `SOLO${tag}`, tenant_id: tenant, email_domains: [`solo-${tag}.gov.au`] }).execute();
    expect((await resolveAgency(store.db, tenant, "other.gov.au"))?.short_name).toBe(`SOLO${tag}`);
    await store.db.insertInto("agencies").values({ id: randomUUID(), name: `Second Agency ${tag}`, short_name: `TWO${tag}`, tenant_id: tenant, email_domains: [`two-${tag}.gov.au`] }).execute();
    expect(await resolveAgency(store.db, tenant, "other.gov.au")).toBeUndefined();
    expect((await resolveAgency(store.db, tenant, `two-${tag}.gov.au`))?.short_name).toBe(`TWO${tag}`);
  });
});
