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
