/**
 * Activity-feed notices refused by Teams, against the strict Graph stand-in: "the app is not installed for this
 * person" (the common case in GCC High) and "the app registration lacks TeamsActivity.Send" are both 403 Forbidden,
 * and are told apart and recorded as what they are.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverNotices, noticeLinker, type DeliveryReport } from "../../src/jobs/deliverNotices.js";
import { gatewayFor } from "../support/graph-standin/gateway.js";
import { manifestApplicationPermissions } from "../support/graph-standin/permissions.js";
import { FINANCE, oid, startTeamsFlow, type TeamsFlow } from "../support/teams-flow.js";

let f: TeamsFlow;
beforeAll(async () => {
  f = await startTeamsFlow();
});
afterAll(async () => {
  await f.close();
});

const linkFor = noticeLinker({ teamsAppId: undefined, teamsWebHost: "https://teams.microsoft.com", publicUrl: "https://guildhall.example.gov.au" });

/** Deliver until the outbox is empty; the summed report. */
async function drain(teams = f.gw): Promise<DeliveryReport> {
  const total: DeliveryReport = { sent: 0, skipped: 0, failed: 0, retrying: 0, notInstalled: 0, permissionMissing: 0 };
  for (let i = 0; i < 50; i += 1) {
    const r = await deliverNotices({ db: f.h.store.db, teams, hostTenantId: FINANCE, linkFor });
    for (const k of ["sent", "skipped", "failed", "retrying", "notInstalled", "permissionMissing"] as const) total[k] += r[k];
    if (r.sent + r.skipped + r.failed + r.retrying === 0) return total;
  }
  throw new Error("the outbox did not drain");
}

async function noticeTo(who: string, text: string) {
  return f.h.store.db
    .selectFrom("notifications as n")
    .innerJoin("people as p", "p.id", "n.person_id")
    .select(["n.delivery_state", "n.delivery_note"])
    .where("p.object_id", "=", oid(who))
    .where("n.text", "like", `%${text}%`)
    .executeTakeFirstOrThrow();
}

async function requestToJoin(): Promise<{ id: string; name: string }> {
  const c = await f.approved("tom");
  expect((await f.api("priya", "POST", `/api/v1/communities/${c.id}/requests`, { acceptCodeOfPractice: true, codeVersion: 1, message: "Please" })).status).toBe(200);
  return c;
}

describe("a notice Teams refuses", () => {
  it("because Guildhall is not installed for the person is recorded as that, not as a missing permission", async () => {
    await drain();
    f.g.appNotInstalled.add(oid("tom"));
    const c = await requestToJoin();
    const report = await drain();
    f.g.appNotInstalled.delete(oid("tom"));
    // Tom's two notices: his community was approved, and Priya asked to join it.
    expect(report).toMatchObject({ sent: 0, failed: 2, notInstalled: 2, permissionMissing: 0 });
    const n = await noticeTo("tom", `asked to join "${c.name}"`);
    expect(n.delivery_state).toBe("failed");
    expect(n.delivery_note).toMatch(/not installed/);
    expect(n.delivery_note).not.toMatch(/permission|consent/);
  });

  it("because the app registration lacks TeamsActivity.Send is recorded as a missing permission, naming it", async () => {
    await drain();
    const lacking = gatewayFor(f.g, { timeScale: 0.01, baseDelayMs: 20, roles: manifestApplicationPermissions().filter((p) => p !== "TeamsActivity.Send") });
    const c = await requestToJoin();
    const report = await drain(lacking);
    expect(report).toMatchObject({ sent: 0, failed: 2, notInstalled: 0, permissionMissing: 2 });
    const n = await noticeTo("tom", `asked to join "${c.name}"`);
    expect(n.delivery_state).toBe("failed");
    expect(n.delivery_note).toMatch(/permission.*TeamsActivity\.Send/);
  });
});
