/**
 * Every page of the tab in one table. A `member` route receives the signed-in person and an API client
 * carrying their token; a `public` route renders without asking anyone to sign in. A link that `requires`
 * a permission appears only when the server granted it (the page itself still asks the server).
 */
import type { ReactNode } from "react";
import type { ApiClient } from "./api/client.js";
import type { Me, PermissionKey } from "./api/types.js";
import { Agencies } from "./pages/Agencies/Agencies.js";
import { Approvals } from "./pages/Approvals/Approvals.js";
import { Community } from "./pages/Community/Community.js";
import { Directory } from "./pages/Directory/Directory.js";
import { Home } from "./pages/Home/Home.js";
import { MyProfile } from "./pages/MyProfile/MyProfile.js";
import { Notices } from "./pages/Notices/Notices.js";
import { People } from "./pages/People/People.js";
import { Privacy } from "./pages/Privacy/Privacy.js";
import { Profile } from "./pages/Profile/Profile.js";
import { ProposeCommunity } from "./pages/ProposeCommunity/ProposeCommunity.js";
import { TabConfig } from "./pages/TabConfig/TabConfig.js";
import { Terms } from "./pages/Terms/Terms.js";

interface RouteBase {
  path: string;
  /** Document title (before " · Guildhall"). */
  title: string;
  /** Where a link to it appears, if anywhere, and the permission the link needs. */
  link?: { place: "nav" | "footer"; label: string; requires?: PermissionKey };
}

export type AppRoute =
  | (RouteBase & { access: "public"; render: () => ReactNode })
  | (RouteBase & { access: "member"; render: (me: Me, api: ApiClient) => ReactNode });

export const ROUTES: readonly AppRoute[] = [
  { path: "/", title: "Home", access: "member", link: { place: "nav", label: "Home" }, render: (me) => <Home me={me} /> },
  {
    path: "/communities",
    title: "Communities",
    access: "member",
    link: { place: "nav", label: "Communities" },
    render: (me, api) => <Directory me={me} api={api} />,
  },
  {
    path: "/communities/new",
    title: "Propose a community",
    access: "member",
    link: { place: "nav", label: "Propose a community", requires: "community.propose" },
    render: (me, api) => <ProposeCommunity me={me} api={api} />,
  },
  { path: "/communities/:id", title: "Community", access: "member", render: (me, api) => <Community me={me} api={api} /> },
  {
    path: "/approvals",
    title: "Approvals",
    access: "member",
    link: { place: "nav", label: "Approvals", requires: "community.approve" },
    render: (me, api) => <Approvals me={me} api={api} />,
  },
  {
    path: "/agencies",
    title: "Agencies",
    access: "member",
    link: { place: "nav", label: "Agencies", requires: "agency.manage" },
    render: (me, api) => <Agencies me={me} api={api} />,
  },
  { path: "/people", title: "People", access: "member", link: { place: "nav", label: "People" }, render: (me, api) => <People me={me} api={api} /> },
  { path: "/people/me", title: "Your profile", access: "member", render: (me, api) => <MyProfile me={me} api={api} /> },
  { path: "/people/:id", title: "Profile", access: "member", render: (me, api) => <Profile me={me} api={api} /> },
  { path: "/notices", title: "Notices", access: "member", link: { place: "nav", label: "Notices" }, render: (me, api) => <Notices me={me} api={api} /> },
  { path: "/config", title: "Add to a channel", access: "public", render: () => <TabConfig /> },
  { path: "/privacy", title: "Privacy", access: "public", link: { place: "footer", label: "Privacy" }, render: () => <Privacy /> },
  { path: "/terms", title: "Terms of use", access: "public", link: { place: "footer", label: "Terms of use" }, render: () => <Terms /> },
];

/** Links for a place; those that need a permission only once the server has granted it to `me`. */
export function linksFor(place: "nav" | "footer", me?: Me): { to: string; label: string }[] {
  return ROUTES.flatMap((r) => {
    if (r.link?.place !== place) return [];
    if (r.link.requires && !me?.permissions[r.link.requires]) return [];
    return [{ to: r.path, label: r.link.label }];
  });
}
