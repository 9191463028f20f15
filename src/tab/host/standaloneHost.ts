import type { Host, ThemeName } from "./host.js";
import { resolveStandaloneTheme } from "./theme.js";

const DARK = "(prefers-color-scheme: dark)";
const FORCED = "(forced-colors: active)";

/** Running in a plain browser tab: the theme follows the OS (or `?theme=`), and there is no SSO. */
export function createStandaloneHost(win: Window = window): Host {
  const query = (q: string) => (typeof win.matchMedia === "function" ? win.matchMedia(q) : undefined);
  const current = (): ThemeName =>
    resolveStandaloneTheme(win.location.search, {
      prefersDark: query(DARK)?.matches ?? false,
      forcedColors: query(FORCED)?.matches ?? false,
    });
  return {
    kind: "standalone",
    initialTheme: current(),
    onThemeChange(listener) {
      const lists = [query(DARK), query(FORCED)].filter((m): m is MediaQueryList => m !== undefined);
      const onChange = () => listener(current());
      for (const m of lists) m.addEventListener("change", onChange);
      return () => {
        for (const m of lists) m.removeEventListener("change", onChange);
      };
    },
    notifyReady() {
      // No host is waiting for a loading signal outside Teams.
    },
    notifyAuthFailure() {
      // The page itself shows the sign-in problem; there is no host frame to tell.
    },
    registerTabConfig: () => false,
  };
}
