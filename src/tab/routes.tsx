/**
 * Every page of the tab in one table. A `member` route receives the signed-in person and an API client
 * carrying their token; a `public` route renders without asking anyone to sign in. A link that `requires`
 * a permission appears only when the server granted it (the page itself still asks the server). Each page's
 * code is fetched on its first visit (`preload`), so the home page loads only its own.
 */
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from "react";
import type { ApiClient } from "./api/client.js";
import type { Me, PermissionKey } from "./api/types.js";
import { defineMessages, type MessageDescriptor } from "./i18n/intl.js";

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

/** Page names: document titles (before " · Guildhall", see AppContent) and navigation labels. */
const t = defineMessages({
  home: { id: "common.route.home", defaultMessage: "Home", description: "Document title of the home page" },
  homeLink: { id: "common.nav.home", defaultMessage: "Home", description: "Main navigation link to the home page" },
  communities: { id: "common.route.communities", defaultMessage: "Communities", description: "Document title of the community directory" },
  communitiesLink: { id: "common.nav.communities", defaultMessage: "Communities", description: "Main navigation link to the community directory" },
  propose: { id: "common.route.propose", defaultMessage: "Propose a community", description: "Document title of the page to propose a new community of practice" },
  proposeLink: { id: "common.nav.propose", defaultMessage: "Propose a community", description: "Main navigation link" },
  community: { id: "common.route.community", defaultMessage: "Community", description: "Document title of one community's page" },
  approvals: { id: "common.route.approvals", defaultMessage: "Approvals", description: "Document title of the platform owner's approvals page" },
  approvalsLink: { id: "common.nav.approvals", defaultMessage: "Approvals", description: "Main navigation link (platform owners)" },
  agencies: { id: "common.route.agencies", defaultMessage: "Agencies", description: "Document title of the agency register (platform owners)" },
  agenciesLink: { id: "common.nav.agencies", defaultMessage: "Agencies", description: "Main navigation link (platform owners)" },
  people: { id: "common.route.people", defaultMessage: "People", description: "Document title of the people search" },
  peopleLink: { id: "common.nav.people", defaultMessage: "People", description: "Main navigation link" },
  myProfile: { id: "common.route.myProfile", defaultMessage: "Your profile", description: "Document title of the page where a person edits their own profile" },
  profile: { id: "common.route.profile", defaultMessage: "Profile", description: "Document title of another person's profile" },
  notices: { id: "common.route.notices", defaultMessage: "Notices", description: "Document title of the person's notices (notifications)" },
  noticesLink: { id: "common.nav.notices", defaultMessage: "Notices", description: "Main navigation link" },
  config: { id: "common.route.config", defaultMessage: "Add to a channel", description: "Document title of the Teams tab configuration page" },
  privacy: { id: "common.route.privacy", defaultMessage: "Privacy", description: "Document title of the privacy page" },
  privacyLink: { id: "common.nav.privacy", defaultMessage: "Privacy", description: "Footer link to the privacy page" },
  terms: { id: "common.route.terms", defaultMessage: "Terms of use", description: "Document title of the terms of use" },
  termsLink: { id: "common.nav.terms", defaultMessage: "Terms of use", description: "Footer link to the terms of use" },
});

interface RouteBase {
  path: string;
  /** Document title (before " · Guildhall"), formatted where it is shown. */
  title: MessageDescriptor;
  /** Where a link to it appears, if anywhere, and the permission the link needs. */
  link?: { place: "nav" | "footer"; label: MessageDescriptor; requires?: PermissionKey };
  /** Fetches the page's code (the component `render` shows); called when the route is opened, before sign-in ends. */
  preload(): Promise<unknown>;
}

export type AppRoute =
  | (RouteBase & { access: "public"; render: () => ReactNode })
  | (RouteBase & { access: "member"; render: (me: Me, api: ApiClient) => ReactNode });

export const ROUTES: readonly AppRoute[] = [
  { path: "/", title: t.home, preload: Home.preload, access: "member", link: { place: "nav", label: t.homeLink }, render: (me) => <Home me={me} /> },
  {
    path: "/communities",
    title: t.communities,
    preload: Directory.preload,
    access: "member",
    link: { place: "nav", label: t.communitiesLink },
    render: (me, api) => <Directory me={me} api={api} />,
  },
  {
    path: "/communities/new",
    title: t.propose,
    preload: ProposeCommunity.preload,
    access: "member",
    link: { place: "nav", label: t.proposeLink, requires: "community.propose" },
    render: (me, api) => <ProposeCommunity me={me} api={api} />,
  },
  { path: "/communities/:id", title: t.community, preload: Community.preload, access: "member", render: (me, api) => <Community me={me} api={api} /> },
  {
    path: "/approvals",
    title: t.approvals,
    preload: Approvals.preload,
    access: "member",
    link: { place: "nav", label: t.approvalsLink, requires: "community.approve" },
    render: (me, api) => <Approvals me={me} api={api} />,
  },
  {
    path: "/agencies",
    title: t.agencies,
    preload: Agencies.preload,
    access: "member",
    link: { place: "nav", label: t.agenciesLink, requires: "agency.manage" },
    render: (me, api) => <Agencies me={me} api={api} />,
  },
  { path: "/people", title: t.people, preload: People.preload, access: "member", link: { place: "nav", label: t.peopleLink }, render: (me, api) => <People me={me} api={api} /> },
  { path: "/people/me", title: t.myProfile, preload: MyProfile.preload, access: "member", render: (me, api) => <MyProfile me={me} api={api} /> },
  { path: "/people/:id", title: t.profile, preload: Profile.preload, access: "member", render: (me, api) => <Profile me={me} api={api} /> },
  { path: "/notices", title: t.notices, preload: Notices.preload, access: "member", link: { place: "nav", label: t.noticesLink }, render: (me, api) => <Notices me={me} api={api} /> },
  { path: "/config", title: t.config, preload: TabConfig.preload, access: "public", render: () => <TabConfig /> },
  { path: "/privacy", title: t.privacy, preload: Privacy.preload, access: "public", link: { place: "footer", label: t.privacyLink }, render: () => <Privacy /> },
  { path: "/terms", title: t.terms, preload: Terms.preload, access: "public", link: { place: "footer", label: t.termsLink }, render: () => <Terms /> },
];

/** Links for a place; those that need a permission only once the server has granted it to `me`. */
export function linksFor(place: "nav" | "footer", me?: Me): { to: string; label: MessageDescriptor }[] {
  return ROUTES.flatMap((r) => {
    if (r.link?.place !== place) return [];
    if (r.link.requires && !me?.permissions[r.link.requires]) return [];
    return [{ to: r.path, label: r.link.label }];
  });
}
