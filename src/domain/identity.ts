/**
 * Who is asking, as established by a verified token (tab SSO token or a bot activity that passed
 * channel authentication). Built only by the auth layer; never from headers, query strings or card data.
 */
export interface Principal {
  /** Tenant the token was issued in (`tid`). */
  tenantId: string;
  /** Entra object id in that tenant (`oid`). */
  objectId: string;
  displayName: string;
  /** Best-known email/UPN for the person's own organisation (for guests, their home address). */
  email: string | undefined;
  /** True when the account is a guest (B2B) in `tenantId`. */
  isGuest: boolean;
  /** For guests: the home tenant id when it can be read from the token (`idp`), otherwise undefined. */
  homeTenantId: string | undefined;
  /** App roles (`roles` claim). */
  roles: readonly string[];
  /** Group ids (`groups` claim), when the app registration emits them. */
  groups: readonly string[];
}

/** The domain part of an address, lower-cased, or undefined when it has none. */
export function emailDomain(email: string | undefined): string | undefined {
  if (!email) return undefined;
  const at = email.lastIndexOf("@");
  if (at <= 0 || at === email.length - 1) return undefined;
  return email.slice(at + 1).toLowerCase();
}

/** An Entra id (tenant, object, app): a GUID, in either case. */
export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A lower-case email domain such as `finance.gov.au`; a leading dot (`.gov.au`) stands for its subdomains. */
export const DOMAIN_PATTERN = /^\.?(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
