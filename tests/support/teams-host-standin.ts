/**
 * A Microsoft Teams (web) stand-in for end-to-end tests: a host page that frames the tab in an iframe and answers
 * the teams-js postMessage protocol, so the tab takes its real Teams path (src/tab/host/detect.ts → teamsHost.ts:
 * `app.initialize`, `app.getContext`, `authentication.getAuthToken`, `app.notifySuccess`) in real Chromium.
 *
 * The protocol, as @microsoft/teams-js 2.x speaks it (node_modules/@microsoft/teams-js/dist/esm/…/internal/
 * communication.js, appHelpers.js, public/app/app.js, public/authentication.js):
 * - the app posts `{ id, uuidAsString, func, args, timestamp, apiVersionTag, … }` to `window.parent`;
 * - the host answers a request with `{ id, uuidAsString, args }` posted back to the frame; teams-js matches it by
 *   uuid (or id) and resolves the call with `args`;
 * - `initialize` (args `[sdkVersion, runtimeApiVersion, validOrigins]`) is answered with
 *   `[frameContext, hostClientType, runtimeConfigJson, clientSupportedSdkVersion]`;
 * - `getContext` with `[legacyContext]` (flat: `locale`, `theme`, `entityId`, `subEntityId`, `userObjectId`, `tid`,
 *   …), which teams-js reshapes into `app.Context` (`app.locale`, `page.subPageId`, `user.tenant.id`, …);
 * - `authentication.getAuthToken` (args `[resources, claims, silent, tenantId]`) with `[true, token]` or
 *   `[false, reason]`;
 * - `appInitialization.success` / `.failure` / `.appLoaded` and `registerHandler` are one-way: the app registers no
 *   callback, so no answer is read (Teams sends none that matters);
 * - host → app events (`themeChange`) are `{ func, args }` with no id.
 *
 * No more lenient than Teams: a call this stand-in does not model is answered the way a host answers an API it
 * does not support — an SdkError `{ errorCode: 100 (NOT_SUPPORTED_ON_PLATFORM), message }` — and recorded in
 * `unsupported`, which a test should expect to be empty. A handler name we do not know is recorded the same way.
 *
 * Where it runs: the host page is served (by Playwright's router, never by the server under test) at a path on the
 * tab's own origin. That is deliberate and the one place this differs from Teams: the server's CSP allows framing
 * only by 'self' and Microsoft's hosts (src/server/security.ts), and teams-js accepts messages from its own origin
 * or an https origin on its list of Microsoft hosts (internal/validOrigins.js). Same-origin satisfies both without
 * loosening either; the tab still detects a host only because it is framed, exactly as in Teams.
 *
 * The token: `getAuthToken` is answered by the test's `getAuthToken` callback. Against a local-mode server the test
 * mints it with `POST /api/dev/token`; see `devTokenFor` below for why that is the same as Teams SSO for the tab.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Frame, Page } from "playwright-core";

const require = createRequire(import.meta.url);
/** The teams-js version the tab is built with; the stand-in says it supports that SDK version. */
export const TEAMS_JS_VERSION = (JSON.parse(readFileSync(require.resolve("@microsoft/teams-js/package.json"), "utf8")) as { version: string }).version;

/** teams-js ErrorCode.NOT_SUPPORTED_ON_PLATFORM. */
export const NOT_SUPPORTED_ON_PLATFORM = 100;

export type TeamsTheme = "default" | "dark" | "contrast";

export interface TeamsUser {
  objectId: string;
  displayName: string;
  userPrincipalName: string;
  tenantId: string;
}

export interface TeamsHostOptions {
  /** The tab's origin (the server under test), e.g. http://127.0.0.1:1234. */
  serverUrl: string;
  /** The tab's content URL path (the manifest's static tab: "/"). */
  contentPath?: string;
  /** Teams' `app.locale`, as Teams sends it (lower case: "fr-ca"). */
  locale: string;
  theme?: TeamsTheme;
  /** The static tab's entityId ("home" in appPackage/manifest.template.json) and a deep link's subEntityId. */
  entityId?: string;
  subEntityId?: string;
  user: TeamsUser;
  /** Teams SSO: the token for the signed-in person. */
  getAuthToken(request: { resources: unknown; claims: unknown; silent: unknown; tenantId: unknown }): Promise<string>;
}

export interface HostCall {
  func: string;
  args: unknown[];
}

export interface TeamsHostStandIn {
  /** The browser tab showing the host page. */
  page: Page;
  /** The tab, framed. */
  tab(): Frame;
  /** Every call the tab made, in order. */
  calls: HostCall[];
  /** Calls (and handler registrations) a Teams host would refuse: should stay empty. */
  unsupported: HostCall[];
  /** Teams changes theme: sends `themeChange` to the tab (teams-js delivers it only if the tab registered). */
  setTheme(theme: TeamsTheme): Promise<void>;
}

const HOST_PATH = "/__teams-host-standin__/";
const FRAME_NAME = "guildhall-tab";

/** The handlers Teams web lets a content-frame app register (teams-js `registerHandler`). */
const KNOWN_HANDLERS = new Set(["themeChange", "contextChange", "load", "beforeUnload", "backButton", "fullScreenChange", "focusEnter", "appButtonClick", "appButtonHoverEnter", "appButtonHoverLeave"]);

/** Calls teams-js sends without a callback: Teams does not answer them. */
const ONE_WAY = new Set(["appInitialization.appLoaded", "appInitialization.success", "appInitialization.failure", "appInitialization.expectedFailure", "registerHandler", "readyToUnload"]);

/**
 * The runtime Teams web (new client) describes in its `initialize` answer: runtime API version 4, the capabilities a
 * personal tab has there. No `app.notifySuccessResponse`, so `notifySuccess` is the one-way
 * `appInitialization.success`, as teams-js sends it to hosts that do not confirm it.
 */
function runtimeConfig(): string {
  return JSON.stringify({
    apiVersion: 4,
    hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
    isLegacyTeams: false,
    supports: {
      appInstallDialog: {},
      call: {},
      chat: {},
      conversations: {},
      dialog: { card: { bot: {} }, url: { bot: {}, parentCommunication: {} }, update: {} },
      logs: {},
      menus: {},
      pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} },
      people: {},
      profile: {},
      sharing: {},
      stageView: {},
      teams: { fullTrust: { joinedTeams: {} } },
      teamsCore: {},
    },
  });
}

/** The flat context Teams sends for `getContext` (teams-js turns it into `app.Context`). */
function legacyContext(o: TeamsHostOptions, sessionId: string): Record<string, unknown> {
  return {
    locale: o.locale,
    theme: o.theme ?? "default",
    entityId: o.entityId ?? "home",
    ...(o.subEntityId !== undefined ? { subEntityId: o.subEntityId } : {}),
    frameContext: "content",
    hostClientType: "web",
    hostName: "Teams",
    appSessionId: sessionId,
    sessionId: randomUUID(),
    ringId: "general",
    userObjectId: o.user.objectId,
    userDisplayName: o.user.displayName,
    userPrincipalName: o.user.userPrincipalName,
    loginHint: o.user.userPrincipalName,
    userLicenseType: "Unknown",
    tid: o.user.tenantId,
    tenantSKU: "enterprise",
    isFullScreen: false,
    isMultiWindow: false,
  };
}

function hostPage(contentUrl: string): string {
  // The page relays messages between the framed tab and the test (window.__teamsHost, a Playwright binding);
  // answers go back only to the frame that asked, at the origin it asked from.
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Microsoft Teams (stand-in)</title>
<style>html,body{margin:0;height:100%}iframe{border:0;width:100%;height:100%;display:block}</style></head>
<body><iframe name="${FRAME_NAME}" title="Guildhall" src="${contentUrl}"></iframe>
<script>
const frame = document.querySelector("iframe");
window.addEventListener("message", async (event) => {
  if (event.source !== frame.contentWindow) return;
  const m = event.data;
  if (!m || typeof m !== "object" || typeof m.func !== "string") return;
  const answer = await window.__teamsHost({ func: m.func, args: Array.isArray(m.args) ? m.args : [] });
  if (answer === null) return;
  event.source.postMessage({ id: m.id, uuidAsString: m.uuidAsString, args: answer }, event.origin);
});
window.__sendToTab = (func, args) => frame.contentWindow.postMessage({ func, args }, new URL(frame.src).origin);
</script></body></html>`;
}

/** Open the tab inside the stand-in on `page`; resolves once the host page has loaded (the tab loads on its own). */
export async function openInTeams(page: Page, options: TeamsHostOptions): Promise<TeamsHostStandIn> {
  const calls: HostCall[] = [];
  const unsupported: HostCall[] = [];
  const sessionId = randomUUID();
  const contentUrl = new URL(options.contentPath ?? "/", options.serverUrl).href;

  const notSupported = (call: HostCall) => {
    unsupported.push(call);
    return [{ errorCode: NOT_SUPPORTED_ON_PLATFORM, message: `${call.func} is not supported on this platform` }];
  };

  await page.exposeBinding("__teamsHost", async ({ frame }, call: HostCall): Promise<unknown[] | null> => {
    // Only the host page relays; the tab's own frame gets the binding too, and anything it sends directly is refused.
    if (frame !== page.mainFrame()) throw new Error("not the host page");
    calls.push(call);
    switch (call.func) {
      case "initialize":
        return ["content", "web", runtimeConfig(), TEAMS_JS_VERSION];
      case "getContext":
        return [legacyContext(options, sessionId)];
      case "authentication.getAuthToken": {
        const [resources, claims, silent, tenantId] = call.args;
        try {
          return [true, await options.getAuthToken({ resources, claims, silent, tenantId })];
        } catch (error) {
          return [false, error instanceof Error ? error.message : String(error)];
        }
      }
      case "registerHandler":
        if (!KNOWN_HANDLERS.has(String(call.args[0]))) notSupported(call);
        return null;
      default:
        if (ONE_WAY.has(call.func)) return null;
        return notSupported(call);
    }
  });

  const hostUrl = new URL(HOST_PATH, options.serverUrl).href;
  await page.route(hostUrl, (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: hostPage(contentUrl) }));
  await page.goto(hostUrl);

  const tab = () => {
    const f = page.frame({ name: FRAME_NAME });
    if (!f) throw new Error("the tab's frame is not there");
    return f;
  };
  return {
    page,
    tab,
    calls,
    unsupported,
    async setTheme(theme) {
      await page.evaluate((t) => (window as unknown as { __sendToTab(f: string, a: unknown[]): void }).__sendToTab("themeChange", [t]), theme);
    },
  };
}

/**
 * A token for a demo person from a local-mode server (`POST /api/dev/token`, src/server/routes/dev.ts), to answer
 * `getAuthToken` with. Why that is Teams SSO as far as the tab and the API are concerned:
 * - In Teams, `authentication.getAuthToken()` returns an Entra v2 access token for the app's own API: `aud` the
 *   client id, `iss` `${loginHost}/${tid}/v2.0`, `scp` access_as_user, `tid`, `oid`, `name`, `preferred_username`,
 *   an hour's life. The tab sends it as a bearer token (src/tab/session/SessionContext.tsx, `hostToken`).
 * - In local mode the server makes a signing key at start-up and its dev issuer (src/server/auth/devIdentity.ts)
 *   signs tokens with exactly those claims for the demo identities; the same TokenVerifier
 *   (src/server/auth/tokens.ts) checks them — audience, issuer, scope, lifetime, claims — with the only difference
 *   being where the public key comes from (the start-up key instead of Entra's JWKS).
 * - So the tab's Teams path (host.getAuthToken → bearer → /api/v1/me) runs unchanged; only who signed the token
 *   differs. The tab's own demo path (src/tab/session/devTokens.ts) is not used: `host.kind` is "teams".
 */
export async function devTokenFor(serverUrl: string, key: string): Promise<string> {
  const res = await fetch(new URL("/api/dev/token", serverUrl), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ key }) });
  if (res.status !== 200) throw new Error(`POST /api/dev/token for ${key}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}
