/**
 * Client-side pacing at the documented Teams limits, so bulk work runs at the permitted rate instead of
 * collecting 429s. One token bucket per key; `take()` waits until a token is free.
 */
export interface Rate {
  count: number;
  perMs: number;
}

/** Limits from teams-platform.md (per app per tenant, and per resource). */
export const TEAMS_LIMITS = {
  createTeam: { count: 10, perMs: 1000 },
  createChannel: { count: 30, perMs: 1000 },
  addMember: { count: 30, perMs: 1000 },
  memberAddsPerResource: { count: 4, perMs: 60_000 },
  perTeam: { count: 4, perMs: 1000 },
  get: { count: 30, perMs: 1000 },
  other: { count: 30, perMs: 1000 },
  activityNotification: { count: 5, perMs: 1000 },
} as const satisfies Record<string, Rate>;

export interface PacerOptions {
  /** Multiplies every window (tests run "4 per minute" as "4 per 0.6 s" with 0.01). */
  timeScale?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class Pacer {
  private readonly slots = new Map<string, number[]>();
  private readonly scale: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  constructor(o: PacerOptions = {}) {
    this.scale = o.timeScale ?? 1;
    this.now = o.now ?? Date.now;
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Milliseconds until `key` may be used again under `rate` (0 when free now). */
  waitFor(key: string, rate: Rate): number {
    const t = this.now();
    const window = rate.perMs * this.scale;
    const times = (this.slots.get(key) ?? []).filter((s) => s > t - window);
    this.slots.set(key, times);
    if (times.length < rate.count) return 0;
    return times[0]! + window - t + 1;
  }

  /**
   * Wait until every (key, rate) has a free slot, then take one in each. Call the returned function when
   * the request has been answered: the slot is re-stamped then, because the service counts a request
   * when it arrives, which is later than when it left.
   */
  async take(...limits: [string, Rate][]): Promise<() => void> {
    for (;;) {
      const wait = Math.max(0, ...limits.map(([k, r]) => this.waitFor(k, r)));
      if (wait === 0) break;
      await this.sleep(wait);
    }
    const stamp = { t: this.now() };
    for (const [k] of limits) {
      const times = this.slots.get(k) ?? [];
      times.push(stamp.t);
      this.slots.set(k, times);
    }
    return () => {
      const t = this.now();
      for (const [k] of limits) {
        const times = this.slots.get(k);
        const i = times?.lastIndexOf(stamp.t) ?? -1;
        if (times && i >= 0) {
          times.splice(i, 1);
          times.push(t);
          times.sort((a, b) => a - b);
        }
      }
    };
  }
}
