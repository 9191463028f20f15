import type { Host } from "./host.js";
import { createStandaloneHost } from "./standaloneHost.js";

/** Teams (or another Microsoft 365 host) when one answers the teams-js handshake; standalone otherwise. */
export async function detectHost(win: Window = window): Promise<Host> {
  if (looksHosted(win)) {
    // teams-js is loaded only when there is a host to talk to.
    const { connectTeamsHost } = await import("./teamsHost.js");
    const teams = await connectTeamsHost();
    if (teams) return teams;
  }
  return createStandaloneHost(win);
}

/**
 * Cheap check before loading the host SDK: Teams web/desktop host tabs in an iframe, Teams mobile in a
 * webview with `nativeInterface`, and auth or stage views in a window with an opener.
 */
export function looksHosted(win: Window = window): boolean {
  let framed: boolean;
  try {
    framed = win.self !== win.top;
  } catch (error) {
    console.debug("Cannot read window.top, so the tab is framed by another origin", error);
    framed = true;
  }
  return framed || win.opener != null || "nativeInterface" in win;
}
