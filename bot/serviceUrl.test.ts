/**
 * The bot replies only where it trusts: a loopback serviceUrl in local mode (the Agents Playground), the
 * configured cloud's Bot Framework service otherwise. A refused activity reaches no handler, gets no reply
 * (not even the polite tenant refusal) and answers 403 naming the refusal (`bot.service_url_refused`, the host
 * only) for the server's rate-limited refusal audit (tests/integration/refusals.test.ts); the bot writes no audit
 * row of its own. The hosts of each cloud are checked in src/server/clouds.test.ts.
 */
import { describe, expect, it, vi } from "vitest";
import { ALLOWED_TENANT as TENANT, botOptions, OUTSIDER_TENANT as OUTSIDER } from "../tests/support/bot-options.js";
import { createBot, type BotOptions } from "./index.js";

/** Local mode in the public cloud, no public address. */
const localBot = () => botOptions({ publicUrl: undefined });

function activity(serviceUrl: unknown, overrides: Record<string, unknown> = {}, tenantId = TENANT): Record<string, unknown> {
  return {
    type: "message",
    id: "1",
    channelId: "msteams",
    serviceUrl,
    deliveryMode: "expectReplies",
    from: { id: "29:1user", aadObjectId: "a0000000-0000-4000-8000-000000000001" },
    recipient: { id: "28:bot-id" },
    conversation: { id: "a:1", conversationType: "personal", tenantId },
    channelData: { tenant: { id: tenantId } },
    text: "help",
    ...overrides,
  };
}

async function post(options: BotOptions, body: Record<string, unknown>) {
  const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    return await createBot(options).handle({ method: "POST", headers: { "content-type": "application/json" }, body });
  } finally {
    quiet.mockRestore();
  }
}

describe("local mode (no app id): loopback serviceUrl only", () => {
  it.each(["http://127.0.0.1:56150/", "http://localhost:3978/_connector", "http://[::1]:8080/", "https://127.0.0.1/"])("answers %s", async (url) => {
    const { options, audited } = localBot();
    const res = await post(options, activity(url));
    expect(res.status).toBe(200);
    expect((res.body as { activities: unknown[] }).activities).toHaveLength(1);
    expect(audited).toEqual([]);
  });

  it.each<[string, unknown, string | null]>([
    ["Teams' own service (not in local mode)", "https://smba.trafficmanager.net/teams/", "smba.trafficmanager.net"],
    ["another host", "https://evil.example/", "evil.example"],
    ["a host that starts like loopback", "http://127.0.0.1.evil.example/", "127.0.0.1.evil.example"],
    ["loopback with credentials in the URL", "http://user:pw@127.0.0.1/", "127.0.0.1"],
    ["a file URL", "file:///etc/passwd", ""],
    ["no serviceUrl", undefined, null],
    ["not a URL", "not a url", null],
  ])("refuses %s with 403, no reply, and names the refusal for the server's audit instead of writing its own row", async (_label, url, host) => {
    const { options, audited } = localBot();
    const res = await post(options, activity(url));
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).not.toMatch(/activities/);
    expect(res.refusal).toEqual({ id: "bot.service_url_refused", detail: { serviceUrlHost: host } });
    expect(audited).toEqual([]);
  });

  it("records nothing the refused activity claims about who sent it", async () => {
    const { options, audited } = localBot();
    const res = await post(options, activity("https://evil.example/"));
    expect(res.status).toBe(403);
    const recorded = JSON.stringify([res.refusal, audited]);
    for (const claimed of [TENANT, "a0000000-0000-4000-8000-000000000001", "29:1user", "a:1"]) expect(recorded).not.toContain(claimed);
  });

  it.each([42, null, ["http://127.0.0.1/"], { href: "http://127.0.0.1/" }])("a serviceUrl that is not a string (%j) is a 400, not a 500", async (url) => {
    const { options } = localBot();
    const res = await post(options, activity(url));
    expect(res.status).toBe(400);
    expect(String(res.body)).toMatch(/serviceUrl must be a string/);
  });

  it("checks the serviceUrl before the tenant, so not even the tenant refusal goes to a forged address", async () => {
    const { options, audited } = localBot();
    const res = await post(options, activity("https://evil.example/", {}, OUTSIDER));
    expect(res.status).toBe(403);
    expect(res.refusal?.id).toBe("bot.service_url_refused");
    // The tenant filter never ran: its refusal (and its audit row) would have named the claimed tenant.
    expect(audited).toEqual([]);
  });

  it("refuses a card action (invoke) with 403 too", async () => {
    const { options, audited } = localBot();
    const res = await post(options, activity("https://evil.example/", { type: "invoke", name: "adaptiveCard/action", value: { action: { verb: "help" } }, text: undefined }));
    expect(res.status).toBe(403);
    expect(res.refusal?.id).toBe("bot.service_url_refused");
    expect(audited).toEqual([]);
  });

  it("names the host for the audit, never the whole attacker-chosen URL", async () => {
    const { options } = localBot();
    const res = await post(options, activity("https://evil.example/some/very/long/path?token=abc"));
    expect(res.refusal?.detail).toEqual({ serviceUrlHost: "evil.example" });
    expect(JSON.stringify(res)).not.toContain("token=abc");
  });

  it("an accepted activity carries no refusal", async () => {
    const { options } = localBot();
    expect((await post(options, activity("http://127.0.0.1:56150/"))).refusal).toBeUndefined();
  });
});
