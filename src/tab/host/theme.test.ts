import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { describe, expect, it } from "vitest";
import { fluentTheme, resolveStandaloneTheme, themeFromTeams } from "./theme.js";

describe("themes", () => {
  it("maps Teams' theme names", () => {
    expect([themeFromTeams("default"), themeFromTeams("dark"), themeFromTeams("contrast"), themeFromTeams(undefined)]).toEqual([
      "light",
      "dark",
      "contrast",
      "light",
    ]);
  });

  it("outside Teams: ?theme= wins, then forced colours, then the OS colour scheme", () => {
    const os = { prefersDark: true, forcedColors: true };
    expect(resolveStandaloneTheme("?theme=light", os)).toBe("light");
    expect(resolveStandaloneTheme("?theme=bogus", os)).toBe("contrast");
    expect(resolveStandaloneTheme("", { prefersDark: true, forcedColors: false })).toBe("dark");
    expect(resolveStandaloneTheme("", { prefersDark: false, forcedColors: false })).toBe("light");
  });

  it("uses Teams themes inside Teams and web themes outside", () => {
    expect(fluentTheme("teams", "light")).toBe(teamsLightTheme);
    expect(fluentTheme("teams", "dark")).toBe(teamsDarkTheme);
    expect(fluentTheme("standalone", "light")).toBe(webLightTheme);
    expect(fluentTheme("standalone", "dark")).toBe(webDarkTheme);
    expect(fluentTheme("standalone", "contrast")).toBe(teamsHighContrastTheme);
  });
});
