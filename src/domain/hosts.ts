/**
 * Host names that mean "this machine". Local mode listens, connects and lets the bot reply only there
 * (src/server/localMode.ts, bot/middleware/serviceUrlFilter.ts). Pure: no I/O, no name resolution.
 */

/** localhost, 127.0.0.0/8 and ::1 (with or without brackets, any case). */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127(?:\.\d{1,3}){3}$/.test(h);
}
