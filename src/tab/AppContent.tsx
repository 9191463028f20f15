import { useEffect, useState, type ReactNode } from "react";
import { Route, Routes, useLocation, useNavigate } from "react-router-dom";
import { AppShell } from "./components/AppShell/AppShell.js";
import { DevModeBanner } from "./components/DevModeBanner/DevModeBanner.js";
import { LiveAnnouncer } from "./components/LiveAnnouncer/LiveAnnouncer.js";
import { PageLoader } from "./components/PageLoader/PageLoader.js";
import { SignedInGate } from "./components/SignedInGate/SignedInGate.js";
import { useHost, useNotifyReady } from "./host/HostContext.js";
import { NotFound } from "./pages/NotFound/NotFound.js";
import { linksFor, ROUTES, type AppRoute } from "./routes.js";
import { useSession } from "./session/SessionContext.js";

function Titled({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Guildhall`;
  }, [title]);
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
  const banner = session.mode === "dev" ? <DevModeBanner identity={session.identity} onSwitch={session.switchIdentity} /> : null;
  return (
    <LiveAnnouncer>
      <AppShell nav={linksFor("nav", me)} footer={linksFor("footer")} banner={banner}>
        <Routes>
          {ROUTES.map((route) => (
            <Route key={route.path} path={route.path} element={<RouteView route={route} />} />
          ))}
          <Route
            path="*"
            element={
              <Titled title="Page not found">
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
