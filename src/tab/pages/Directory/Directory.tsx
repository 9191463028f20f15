import { Button } from "@fluentui/react-components";
import { useEffect, useMemo } from "react";
import { useSearchParams } from "react-router-dom";
import type { ApiClient } from "../../api/client.js";
import type { Classification, CommunityQuery } from "../../api/communityTypes.js";
import type { Me } from "../../api/types.js";
import { useResource } from "../../api/useResource.js";
import { CommunityCard } from "../../components/CommunityCard/CommunityCard.js";
import { DirectoryFilters, type DirectoryFilterValues } from "../../components/DirectoryFilters/DirectoryFilters.js";
import { useAnnounce } from "../../components/LiveAnnouncer/LiveAnnouncer.js";
import { LoadFailure } from "../../components/LoadFailure/LoadFailure.js";
import { LoadingState } from "../../components/LoadingState/LoadingState.js";
import { Page } from "../../components/Page/Page.js";
import { RouterLink } from "../../components/RouterLink/RouterLink.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import { useDirectoryStyles } from "./Directory.styles.js";

export const PAGE_SIZE = 24;

const m = defineMessages({
  title: { id: "directory.page.title", defaultMessage: "Communities" },
  lead: {
    id: "directory.page.lead",
    defaultMessage: "Communities of practice you can join or ask to join. Each shows its classification: share nothing above it.",
  },
  propose: { id: "directory.page.propose", defaultMessage: "Propose a community" },
  loading: { id: "directory.results.loading", defaultMessage: "Finding communities…" },
  what: { id: "directory.results.what", defaultMessage: "the directory", description: "Completes the load failure's title “Couldn't load …”" },
  found: { id: "directory.results.found", defaultMessage: "{total, plural, one {# community found} other {# communities found}}" },
  foundShowing: {
    id: "directory.results.foundShowing",
    defaultMessage: "{total, plural, one {# community found} other {# communities found}} (showing {from, number}–{to, number})",
    description: "More results than fit on a page: from and to are the positions of the first and last shown",
  },
  none: { id: "directory.results.none", defaultMessage: "No communities match. Try fewer words or clear a filter." },
  list: { id: "directory.results.list", defaultMessage: "Communities found", description: "Name of the list of results" },
  pages: { id: "directory.pager.label", defaultMessage: "Pages of results" },
  previous: { id: "directory.pager.previous", defaultMessage: "Previous page" },
  next: { id: "directory.pager.next", defaultMessage: "Next page" },
});

export interface DirectoryProps {
  me: Me;
  api: ApiClient;
}

function filtersFrom(params: URLSearchParams): DirectoryFilterValues {
  const c = params.get("classification");
  return {
    q: params.get("q") ?? "",
    tag: params.get("tag") ?? "",
    agencyId: params.get("agencyId") ?? "",
    classification: c === "OFFICIAL" || c === "OFFICIAL_SENSITIVE" || c === "PROTECTED" ? (c satisfies Classification) : "",
    mine: params.get("mine") === "true",
  };
}

/** Browse and search the communities the server lets this person see, with the number found announced. */
export function Directory({ me, api }: DirectoryProps) {
  const styles = useDirectoryStyles();
  const announce = useAnnounce();
  const intl = useIntl();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFrom(params), [params]);
  const offset = Math.max(0, Number(params.get("offset")) || 0);
  const query: CommunityQuery = { ...filters, classification: filters.classification || undefined, limit: PAGE_SIZE, offset: offset || undefined };
  const key = JSON.stringify(query);
  const list = useResource(() => api.communities(query), [api, key]);
  const agencies = useResource(() => api.agencies().then((r) => r.items), [api]);

  const data = list.state.status === "ready" ? list.state.data : undefined;
  useEffect(() => {
    if (data && !list.pending) announce(intl.formatMessage(m.found, { total: data.total }));
  }, [data, list.pending, announce, intl]);

  const apply = (next: DirectoryFilterValues, nextOffset = 0) => {
    const p = new URLSearchParams();
    if (next.q) p.set("q", next.q);
    if (next.tag) p.set("tag", next.tag);
    if (next.agencyId) p.set("agencyId", next.agencyId);
    if (next.classification) p.set("classification", next.classification);
    if (next.mine) p.set("mine", "true");
    if (nextOffset > 0) p.set("offset", String(nextOffset));
    setParams(p);
  };

  return (
    <Page
      title={intl.formatMessage(m.title)}
      lead={intl.formatMessage(m.lead)}
      aside={
        me.permissions["community.propose"] ? (
          <p className={styles.aside}>
            <RouterLink to="/communities/new">{intl.formatMessage(m.propose)}</RouterLink>
          </p>
        ) : null
      }
    >
      <DirectoryFilters value={filters} agencies={agencies.state.status === "ready" ? agencies.state.data : []} onChange={(v) => apply(v)} />
      {list.state.status === "loading" ? <LoadingState message={intl.formatMessage(m.loading)} /> : null}
      {list.state.status === "error" ? <LoadFailure what={intl.formatMessage(m.what)} error={list.state.error} onRetry={list.reload} /> : null}
      {data ? (
        <section aria-labelledby="directory-results" aria-busy={list.pending} className={styles.results}>
          <p id="directory-results" className={styles.count}>
            {data.total > data.items.length && data.items.length > 0
              ? intl.formatMessage(m.foundShowing, { total: data.total, from: offset + 1, to: offset + data.items.length })
              : intl.formatMessage(m.found, { total: data.total })}
          </p>
          {data.items.length === 0 ? (
            <p className={styles.empty}>{intl.formatMessage(m.none)}</p>
          ) : (
            <ul className={styles.grid} aria-label={intl.formatMessage(m.list)}>
              {data.items.map((c) => (
                <li key={c.id} className={styles.item}>
                  <CommunityCard community={c} />
                </li>
              ))}
            </ul>
          )}
          {data.total > PAGE_SIZE ? (
            <nav aria-label={intl.formatMessage(m.pages)} className={styles.pager}>
              <Button disabled={offset === 0} onClick={() => apply(filters, Math.max(0, offset - PAGE_SIZE))}>
                {intl.formatMessage(m.previous)}
              </Button>
              <Button disabled={offset + PAGE_SIZE >= data.total} onClick={() => apply(filters, offset + PAGE_SIZE)}>
                {intl.formatMessage(m.next)}
              </Button>
            </nav>
          ) : null}
        </section>
      ) : null}
    </Page>
  );
}
