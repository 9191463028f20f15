import { app, authentication, pages } from "@microsoft/teams-js";
import { deepLinkPage, once, type Host, type ThemeName } from "./host.js";
import { themeFromTeams } from "./theme.js";

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/**
 * Initialise teams-js and build a Host from it, or resolve null when no Microsoft 365 host answers
 * (for example a page framed by something else), so the caller falls back to standalone mode.
 */
export async function connectTeamsHost(timeoutMs = 5_000): Promise<Host | null> {
  try {
    await withTimeout(app.initialize(), timeoutMs, "app.initialize");
  } catch (error) {
    console.warn("No Microsoft 365 host answered; running standalone.", error);
    return null;
  }
  const context = await app.getContext().catch((error: unknown) => {
    console.warn("app.getContext failed; using the light theme", error);
    return undefined;
  });
  const listeners = new Set<(theme: ThemeName) => void>();
  app.registerOnThemeChangeHandler((theme) => {
    for (const l of listeners) l(themeFromTeams(theme));
  });
  // Teams wants exactly one of these per load; whichever happens first wins.
  const settle = once((outcome: { ok: true } | { ok: false; message: string }) => {
    if (outcome.ok) {
      app.notifySuccess().catch((e: unknown) => console.warn("notifySuccess failed", e));
    } else {
      app.notifyFailure({ reason: app.FailedReason.AuthFailed, message: outcome.message });
    }
  });
  const startPage = deepLinkPage(context?.page.subPageId);
  return {
    kind: "teams",
    initialTheme: themeFromTeams(context?.app.theme),
    ...(startPage ? { startPage } : {}),
    ...(context?.app.locale ? { locale: context.app.locale } : {}),
    onThemeChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getAuthToken: () => authentication.getAuthToken(),
    notifyReady: () => settle({ ok: true }),
    notifyAuthFailure: (message) => settle({ ok: false, message }),
    registerTabConfig(config) {
      if (!pages.config.isSupported()) return false;
      pages.config.registerOnSaveHandler((saveEvent) => {
        pages.config.setConfig(config).then(
          () => saveEvent.notifySuccess(),
          (e: unknown) => saveEvent.notifyFailure(e instanceof Error ? e.message : String(e)),
        );
      });
      pages.config.setValidityState(true);
      return true;
    },
  };
}
