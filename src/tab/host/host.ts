/**
 * Where the tab is running. Inside Teams (or Outlook / the Microsoft 365 app / SharePoint, which speak the
 * same teams-js protocol) the host supplies the theme and the SSO token; outside it, the tab runs
 * standalone and follows the operating system. Pages talk to this interface, never to teams-js directly.
 */

export type ThemeName = "light" | "dark" | "contrast";
export type HostKind = "teams" | "standalone";

/** What a configurable tab saves when it is added to a channel. */
export interface TabConfig {
  contentUrl: string;
  websiteUrl: string;
  entityId: string;
  suggestedDisplayName: string;
}

export interface Host {
  readonly kind: HostKind;
  readonly initialTheme: ThemeName;
  /** The host's language (Teams `app.locale`, e.g. "fr-ca"); absent outside a host. */
  readonly locale?: string;
  /** Subscribe to theme changes; returns the unsubscribe function. */
  onThemeChange(listener: (theme: ThemeName) => void): () => void;
  /** Teams SSO token (`authentication.getAuthToken`); absent outside a host. */
  readonly getAuthToken?: () => Promise<string>;
  /** The first render with data (or an error state) is on screen. Safe to call more than once. */
  notifyReady(): void;
  /** Tell the host that sign-in failed (Teams then shows its own error). Safe to call more than once. */
  notifyAuthFailure(message: string): void;
  /** On the configuration page: enable Save and save this config. Returns false outside a host. */
  registerTabConfig(config: TabConfig): boolean;
  /** The page a deep link asked for (Teams' `subPageId`, e.g. from an activity-feed notice), if any. */
  readonly startPage?: string;
}

/** Pages a deep link may open: an address inside the tab, nothing else (no scheme, no other host). */
const DEEP_LINK_PAGE = /^\/(communities(\/[0-9a-f-]{36})?|notices|people(\/[0-9a-f-]{36})?|approvals)$/;

/** The deep-linked page, if `subPageId` names one the tab has; anything else is ignored. */
export function deepLinkPage(subPageId: string | undefined): string | undefined {
  return subPageId !== undefined && DEEP_LINK_PAGE.test(subPageId) ? subPageId : undefined;
}

/** Wrap `fn` so that only its first call has any effect. */
export function once<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  let done = false;
  return (...args) => {
    if (done) return;
    done = true;
    fn(...args);
  };
}
