import {
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  webDarkTheme,
  webLightTheme,
  type Theme,
} from "@fluentui/react-components";
import type { HostKind, ThemeName } from "./host.js";

/** Teams reports `default`, `dark` or `contrast`; anything unknown falls back to light. */
export function themeFromTeams(teamsTheme: string | undefined): ThemeName {
  if (teamsTheme === "dark") return "dark";
  if (teamsTheme === "contrast") return "contrast";
  return "light";
}

export interface MediaPreferences {
  prefersDark: boolean;
  forcedColors: boolean;
}

/**
 * Outside Teams: `?theme=light|dark|contrast` wins (for testing), then Windows high contrast
 * (`forced-colors: active`), then `prefers-color-scheme`.
 */
export function resolveStandaloneTheme(search: string, media: MediaPreferences): ThemeName {
  const requested = new URLSearchParams(search).get("theme");
  if (requested === "light" || requested === "dark" || requested === "contrast") return requested;
  if (media.forcedColors) return "contrast";
  return media.prefersDark ? "dark" : "light";
}

/** The Fluent theme for a host and theme name: Teams themes inside Teams, web themes outside. */
export function fluentTheme(kind: HostKind, name: ThemeName): Theme {
  if (name === "contrast") return teamsHighContrastTheme;
  if (kind === "teams") return name === "dark" ? teamsDarkTheme : teamsLightTheme;
  return name === "dark" ? webDarkTheme : webLightTheme;
}
