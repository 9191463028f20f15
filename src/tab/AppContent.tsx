import { useEffect, useState, type ReactNode } from "react";
import { Route, Routes, useLocation, useNavigate } from "react-router-dom";
import { AppShell } from "./components/AppShell/AppShell.js";
import { DevModeBanner } from "./components/DevModeBanner/DevModeBanner.js";
import { LiveAnnouncer } from "./components/LiveAnnouncer/LiveAnnouncer.js";
import { PageLoader } from "./components/PageLoader/PageLoader.js";
import { SignedInGate } from "./components/SignedInGate/SignedInGate.js";
import { UnreadNoticesProvider, useUnreadNotices } from "./components/UnreadNotices/UnreadNotices.js";
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
  noticesUnread: {
    id: "common.nav.noticesUnread",
    defaultMessage: "Notices, {count, plural, one {# unread} other {# unread}}",
    description: "Accessible name of the Notices navigation link when some notices are unread",
  },
  unreadBadge: { id: "common.nav.unreadBadge", defaultMessage: "{count, plural, other {#}}", description: "The unread count shown in a badge beside the Notices link" },
  unreadMany: { id: "common.nav.unreadMany", defaultMessage: "99+", description: "The badge beside the Notices link when more than 99 notices are unread" },
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
  const signedIn = session.state.status === "ready" ? session.api : undefined;
  return (
    <UnreadNoticesProvider api={signedIn}>
      <Shell />
    </UnreadNoticesProvider>
  );
}

function Shell() {
  const session = useSession();
  const me = session.state.status === "ready" ? session.state.me : undefined;
  const intl = useIntl();
  const unread = useUnreadNotices().count;
  const badgeFor = (to: string) => {
    if (to !== "/notices" || unread === undefined || unread === 0) return {};
    return { badge: { text: unread > 99 ? intl.formatMessage(m.unreadMany) : intl.formatMessage(m.unreadBadge, { count: unread }), name: intl.formatMessage(m.noticesUnread, { count: unread }) } };
  };
  const shellLinks = (links: ReturnType<typeof linksFor>) => links.map((l) => ({ to: l.to, label: intl.formatMessage(l.label), ...badgeFor(l.to) }));
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
