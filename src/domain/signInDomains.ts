/**
 * The sign-in domain allow-list (ALLOWED_EMAIL_DOMAINS), as one rule: who may sign in (`domainAllowed`, used by
 * the eligibility policy) and whether an agency's email domain is live on it (`domainLiveness`, used when a
 * platform owner registers an agency, and by the tab to show it as they type). Pure, no I/O: the tab imports it.
 *
 * A domain is written `abs.gov.au` (exactly that domain) or `.abs.gov.au` (any subdomain of it, not the domain
 * itself), in the allow-list and in an agency's email domains alike.
 */

/** May someone whose verified address is at `domain` sign in, by the allow-list? */
export function domainAllowed(domain: string, allowed: readonly string[]): boolean {
  const d = domain.toLowerCase();
  return allowed.some((a) => (a.startsWith(".") ? d.endsWith(a) && d.length > a.length : d === a));
}

/**
 * An agency's email domain against the allow-list:
 * - `live`: everyone at it may sign in (`abs.gov.au` allowed; `.abs.gov.au` covered by `.abs.gov.au` or `.gov.au`);
 * - `partial`: a subdomain pattern (`.abs.gov.au`) of which only some domains are allowed (say `stats.abs.gov.au`);
 * - `inactive`: nobody at it may sign in.
 */
export type DomainLiveness = "live" | "partial" | "inactive";

export function domainLiveness(agencyDomain: string, allowed: readonly string[]): DomainLiveness {
  const d = agencyDomain.trim().toLowerCase();
  if (!d.startsWith(".")) return domainAllowed(d, allowed) ? "live" : "inactive";
  // A pattern is live when an allowed pattern covers all of it: the same suffix or a shorter one.
  if (allowed.some((a) => a.startsWith(".") && d.endsWith(a))) return "live";
  // Partly: an allowed domain or pattern lies inside it.
  return allowed.some((a) => a.endsWith(d) && a.length > d.length) ? "partial" : "inactive";
}

export interface DomainStatus {
  domain: string;
  status: DomainLiveness;
}

/** Each of an agency's domains with its liveness, in the agency's order. */
export function domainStatuses(agencyDomains: readonly string[], allowed: readonly string[]): DomainStatus[] {
  return agencyDomains.map((domain) => ({ domain, status: domainLiveness(domain, allowed) }));
}

/** Could anyone at these domains sign in (at least one live or partly live)? */
export function anyoneCanSignIn(statuses: readonly DomainStatus[]): boolean {
  return statuses.some((s) => s.status !== "inactive");
}

/** The domains at which not everyone can sign in (inactive or partly live). */
export function notFullyLive(statuses: readonly DomainStatus[]): string[] {
  return statuses.filter((s) => s.status !== "live").map((s) => s.domain);
}
