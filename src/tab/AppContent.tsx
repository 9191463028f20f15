import { useEffect, useState, type ReactNode } from "react";
import { Route, Routes, useLocation, useNavigate } from "react-router-dom";
import { AppShell } from "./components/AppShell/AppShell.js";
import { DevModeBanner } from "./components/DevModeBanner/DevModeBanner.js";
import { LiveAnnouncer } from "./components/LiveAnnouncer/LiveAnnouncer.js";
import { PageLoader } from "./components/PageLoader/PageLoader.js";
import { SignedInGate } from "./components/SignedInGate/SignedInGate.js";
import { useHost, useNotifyReady } from "./host/HostContext.js";
import { NotFound } from "./pages/NotFound/NotFound.js";
import { defineMessages, useIntl, type MessageDescriptor } from "./i18n/intl.js";
import { linksFor, ROUTES, type AppRoute } from "./routes.js";
import { useSession } from "./session/SessionContext.js";

const m = defineMessages({
  documentTitle: {
    id: "common.documentTitle",
    defaultMessage: "{page} · Guildhall",
    description: "The browser tab's title: the page's name, then the product's name",
  },
  notFound: { id: "common.route.notFound", defaultMessage: "Page not found", description: "Document title for an address the tab has no page for" },
});

function Titled({ title, children }: { title: MessageDescriptor; children: ReactNode }) {
  const intl = useIntl();
  const text = intl.formatMessage(m.documentTitle, { page: intl.formatMessage(title) });
  useEffect(() => {
    document.title = text;
  }, [text]);
  return <>{children}</>;
}

function PublicPage({ children }: { children: ReactNode }) {
  useNotifyReady();
  return <>{children}</>;
}

function RouteView({ route }: { route: AppRoute }) {
  // Fetch the page's code while sign-in runs; a failure shows when the page renders (PageLoader).
  useEffect(() => {
    route.preload().catch((error: unknown) => console.debug(`Could not preload ${route.path}`, error));
  }, [route]);
  return (
    <Titled title={route.title}>
      <PageLoader page={route.path}>
        {route.access === "member" ? (
          <SignedInGate>{(me, api) => route.render(me, api)}</SignedInGate>
        ) : (
          <PublicPage>{route.render()}</PublicPage>
        )}
      </PageLoader>
    </Titled>
  );
}

/** Opened from a deep link (an activity-feed notice): go to the page it names, once, from the tab's start. */
function useDeepLinkStart(): void {
  const host = useHost();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [start] = useState(() => (pathname === "/" ? host.startPage : undefined));
  useEffect(() => {
    if (start) navigate(start, { replace: true });
  }, [start, navigate]);
}

/** The routed app inside the shell. Needs a router, HostProvider and SessionProvider above it. */
export function AppContent() {
  useDeepLinkStart();
  const session = useSession();
  const me = session.state.status === "ready" ? session.state.me : undefined;
  const intl = useIntl();
  const shellLinks = (links: ReturnType<typeof linksFor>) => links.map((l) => ({ to: l.to, label: intl.formatMessage(l.label) }));
  const banner = session.mode === "dev" ? <DevModeBanner identity={session.identity} onSwitch={session.switchIdentity} /> : null;
  return (
    <LiveAnnouncer>
      <AppShell nav={shellLinks(linksFor("nav", me))} footer={shellLinks(linksFor("footer"))} banner={banner}>
        <Routes>
          {ROUTES.map((route) => (
            <Route key={route.path} path={route.path} element={<RouteView route={route} />} />
          ))}
          <Route
            path="*"
            element={
              <Titled title={m.notFound}>
                <PublicPage>
                  <NotFound />
                </PublicPage>
              </Titled>
            }
          />
        </Routes>
      </AppShell>
    </LiveAnnouncer>
  );
}
