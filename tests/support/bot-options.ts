/**
 * The bot's options as the unit tests under bot/ build them: local mode (no app id) in the public cloud, the
 * demo Finance tenant allowed, the audit log and the logger captured. The public cloud's endpoints are the
 * server's own table (src/server/clouds.ts), not a copy of it.
 */
import { vi } from "vitest";
import type { BotAuditEvent, BotOptions } from "../../bot/options.js";
import { CLOUDS } from "../../src/server/clouds.js";

export const ALLOWED_TENANT = "7f1c2a4e-0b8d-4c1e-9a51-3d2f6b8e1a01";
export const OUTSIDER_TENANT = "c0ffee00-1111-4222-8333-444455556666";
export const PUBLIC_URL = "https://guildhall.example.gov.au";

/** The public cloud's Bot Framework endpoints, as the composition root hands them to the bot. */
export const publicCloud: BotOptions["botFramework"] = CLOUDS.Public.botFramework;

export interface BotFixture {
  options: BotOptions;
  /** The audit callback the options carry. */
  audit: ReturnType<typeof vi.fn<(e: BotAuditEvent) => Promise<void>>>;
  /** Every event passed to `audit`, oldest first. */
  audited: BotAuditEvent[];
  /** Everything logged, as one JSON string (to prove what is never logged). */
  logged: () => string;
}

export function botOptions(overrides: Partial<BotOptions> = {}): BotFixture {
  const calls: unknown[] = [];
  const log = (obj: object, msg?: string) => void calls.push([obj, msg]);
  const audited: BotAuditEvent[] = [];
  const audit = vi.fn<(e: BotAuditEvent) => Promise<void>>(async (e) => void audited.push(e));
  const options: BotOptions = {
    appId: "",
    password: "",
    tenantId: "",
    type: "SingleTenant",
    botFramework: publicCloud,
    cardImagesAsUrls: true,
    isTenantAllowed: (t) => t === ALLOWED_TENANT,
    publicUrl: PUBLIC_URL,
    logger: { info: log, warn: log, error: log },
    audit,
    ...overrides,
  };
  return { options, audit, audited, logged: () => JSON.stringify(calls) };
}
