import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import type { Host, ThemeName } from "./host.js";

const HostContext = createContext<Host | undefined>(undefined);

export function HostProvider({ host, children }: { host: Host; children: ReactNode }) {
  return <HostContext.Provider value={host}>{children}</HostContext.Provider>;
}

/** The Microsoft 365 host (or the standalone stand-in) the tab runs in. */
export function useHost(): Host {
  const host = useContext(HostContext);
  if (!host) throw new Error("useHost must be used inside <HostProvider>");
  return host;
}

/** The host's current theme, kept up to date. */
export function useHostTheme(host: Host): ThemeName {
  const [theme, setTheme] = useState<ThemeName>(host.initialTheme);
  useEffect(() => host.onThemeChange(setTheme), [host]);
  return theme;
}

/** Tell the host the page has settled (Teams hides its loading indicator). */
export function useNotifyReady(settled = true): void {
  const host = useHost();
  useEffect(() => {
    if (settled) host.notifyReady();
  }, [host, settled]);
}
