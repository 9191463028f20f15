/**
 * Every page of the tab in one table. A `member` route receives the signed-in person and an API client
 * carrying their token; a `public` route renders without asking anyone to sign in. A link that `requires`
 * a permission appears only when the server granted it (the page itself still asks the server). Each page's
 * code is fetched on its first visit (`preload`), so the home page loads only its own.
 */
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from "react";
import type { ApiClient } from "./api/client.js";
import type { Me, PermissionKey } from "./api/types.js";

/** A page whose code is fetched on its first visit; `preload` fetches it sooner (e.g. while sign-in runs). */
type LazyPage<P> = LazyExoticComponent<ComponentType<P>> & { preload(): Promise<unknown> };

function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): LazyPage<P> {
  let loading: Promise<{ default: ComponentType<P> }> | undefined;
  const preload = () => {
    // A failed fetch is not remembered, so a later visit tries again.
    loading ??= load().then(
      (page) => ({ default: page }),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
  return Object.assign(lazy(preload), { preload });
}

// Each page is its own chunk: the home page loads only what it shows (bench/bundle.ts measures it).
const Agencies = lazyPage(() => import("./pages/Agencies/Agencies.js").then((m) => m.Agencies));
const Approvals = lazyPage(() => import("./pages/Approvals/Approvals.js").then((m) => m.Approvals));
const Community = lazyPage(() => import("./pages/Community/Community.js").then((m) => m.Community));
const Directory = lazyPage(() => import("./pages/Directory/Directory.js").then((m) => m.Directory));
const Home = lazyPage(() => import("./pages/Home/Home.js").then((m) => m.Home));
const MyProfile = lazyPage(() => import("./pages/MyProfile/MyProfile.js").then((m) => m.MyProfile));
const Notices = lazyPage(() => import("./pages/Notices/Notices.js").then((m) => m.Notices));
const People = lazyPage(() => import("./pages/People/People.js").then((m) => m.People));
const Privacy = lazyPage(() => import("./pages/Privacy/Privacy.js").then((m) => m.Privacy));
const Profile = lazyPage(() => import("./pages/Profile/Profile.js").then((m) => m.Profile));
const ProposeCommunity = lazyPage(() => import("./pages/ProposeCommunity/ProposeCommunity.js").then((m) => m.ProposeCommunity));
const TabConfig = lazyPage(() => import("./pages/TabConfig/TabConfig.js").then((m) => m.TabConfig));
const Terms = lazyPage(() => import("./pages/Terms/Terms.js").then((m) => m.Terms));

interface RouteBase {
  path: string;
  /** Document title (before " · Guildhall"). */
  title: string;
  /** Where a link to it appears, if anywhere, and the permission the link needs. */
  link?: { place: "nav" | "footer"; label: string; requires?: PermissionKey };
  /** Fetches the page's code (the component `render` shows); called when the route is opened, before sign-in ends. */
  preload(): Promise<unknown>;
}

export type AppRoute =
  | (RouteBase & { access: "public"; render: () => ReactNode })
  | (RouteBase & { access: "member"; render: (me: Me, api: ApiClient) => ReactNode });

export const ROUTES: readonly AppRoute[] = [
  { path: "/", title: "Home", preload: Home.preload, access: "member", link: { place: "nav", label: "Home" }, render: (me) => <Home me={me} /> },
  {
    path: "/communities",
    title: "Communities",
    preload: Directory.preload,
    access: "member",
    link: { place: "nav", label: "Communities" },
    render: (me, api) => <Directory me={me} api={api} />,
  },
  {
    path: "/communities/new",
    title: "Propose a community",
    preload: ProposeCommunity.preload,
    access: "member",
    link: { place: "nav", label: "Propose a community", requires: "community.propose" },
    render: (me, api) => <ProposeCommunity me={me} api={api} />,
  },
  { path: "/communities/:id", title: "Community", preload: Community.preload, access: "member", render: (me, api) => <Community me={me} api={api} /> },
  {
    path: "/approvals",
    title: "Approvals",
    preload: Approvals.preload,
    access: "member",
    link: { place: "nav", label: "Approvals", requires: "community.approve" },
    render: (me, api) => <Approvals me={me} api={api} />,
  },
  {
    path: "/agencies",
    title: "Agencies",
    preload: Agencies.preload,
    access: "member",
    link: { place: "nav", label: "Agencies", requires: "agency.manage" },
    render: (me, api) => <Agencies me={me} api={api} />,
  },
  { path: "/people", title: "People", preload: People.preload, access: "member", link: { place: "nav", label: "People" }, render: (me, api) => <People me={me} api={api} /> },
  { path: "/people/me", title: "Your profile", preload: MyProfile.preload, access: "member", render: (me, api) => <MyProfile me={me} api={api} /> },
  { path: "/people/:id", title: "Profile", preload: Profile.preload, access: "member", render: (me, api) => <Profile me={me} api={api} /> },
  { path: "/notices", title: "Notices", preload: Notices.preload, access: "member", link: { place: "nav", label: "Notices" }, render: (me, api) => <Notices me={me} api={api} /> },
  { path: "/config", title: "Add to a channel", preload: TabConfig.preload, access: "public", render: () => <TabConfig /> },
  { path: "/privacy", title: "Privacy", preload: Privacy.preload, access: "public", link: { place: "footer", label: "Privacy" }, render: () => <Privacy /> },
  { path: "/terms", title: "Terms of use", preload: Terms.preload, access: "public", link: { place: "footer", label: "Terms of use" }, render: () => <Terms /> },
];

/** Links for a place; those that need a permission only once the server has granted it to `me`. */
export function linksFor(place: "nav" | "footer", me?: Me): { to: string; label: string }[] {
  return ROUTES.flatMap((r) => {
    if (r.link?.place !== place) return [];
    if (r.link.requires && !me?.permissions[r.link.requires]) return [];
    return [{ to: r.path, label: r.link.label }];
  });
}
