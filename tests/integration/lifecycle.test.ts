import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_COMMUNITIES } from "../../src/domain/demo.js";
import { flagInactiveCommunities } from "../../src/jobs/lifecycle.js";
import { connect, type Store } from "../../src/store/connection.js";
import { seedDemoData } from "../../src/store/seed.js";

let store: Store;
beforeAll(async () => {
  store = connect({ url: inject("databaseUrl"), ssl: "disable", poolMax: 2 });
  await seedDemoData(store.db);
});
afterAll(async () => {
  await store.close();
});

describe("inactivity flagging", () => {
  it("flags a quiet community once, tells its owners, and leaves active ones alone", async () => {
    const quiet = DEMO_COMMUNITIES[1]!.id;
    await store.db.updateTable("communities").set({ last_activity_at: sql<Date>`now() - interval '200 days'`, inactivity_flagged_at: null }).where("id", "=", quiet).execute();
    const before = await store.db.selectFrom("notifications").select((eb) => eb.fn.countAll<string>().as("n")).where("community_id", "=", quiet).where("kind", "=", "communityInactive").executeTakeFirstOrThrow();
    const flagged = await flagInactiveCommunities(store.db, 90);
    expect(flagged).toContain(quiet);
    expect(flagged).not.toContain(DEMO_COMMUNITIES[0]!.id);
    const after = await store.db.selectFrom("notifications").select((eb) => eb.fn.countAll<string>().as("n")).where("community_id", "=", quiet).where("kind", "=", "communityInactive").executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(1);
    expect(await flagInactiveCommunities(store.db, 90)).not.toContain(quiet);
    await store.db.updateTable("communities").set({ last_activity_at: sql<Date>`now()`, inactivity_flagged_at: null }).where("id", "=", quiet).execute();
  });
});
