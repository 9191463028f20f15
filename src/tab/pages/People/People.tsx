import { Card, Tag } from "@fluentui/react-components";
import type { ApiClient } from "../../api/client.js";
import type { Me } from "../../api/types.js";
import { useResource } from "../../api/useResource.js";
import { LoadFailure } from "../../components/LoadFailure/LoadFailure.js";
import { LoadingState } from "../../components/LoadingState/LoadingState.js";
import { Page } from "../../components/Page/Page.js";
import { PeopleSearch } from "../../components/PeopleSearch/PeopleSearch.js";
import { RouterLink } from "../../components/RouterLink/RouterLink.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import { usePeopleStyles } from "./People.styles.js";

const m = defineMessages({
  title: { id: "people.page.title", defaultMessage: "People" },
  lead: {
    id: "people.page.lead",
    defaultMessage: "Public servants in other agencies doing work like yours. Guildhall suggests them from the interests and communities you share.",
  },
  editProfile: { id: "people.page.editProfile", defaultMessage: "Edit your profile and interests" },
  similar: { id: "people.similar.heading", defaultMessage: "People doing similar work", description: "Heading, and the name of the list of suggested people" },
  loading: { id: "people.similar.loading", defaultMessage: "Finding people like you…" },
  what: { id: "people.similar.what", defaultMessage: "suggestions", description: "Completes the load failure's title “Couldn't load …”" },
  noneAddInterests: {
    id: "people.similar.noneAddInterests",
    defaultMessage: "No suggestions yet. Add interests to your profile, or join a community, and Guildhall will suggest people.",
    description: "No suggested people, and the viewer has no interests on their profile",
  },
  noneJoin: {
    id: "people.similar.noneJoin",
    defaultMessage: "No suggestions yet. Join a community to meet more people.",
    description: "No suggested people, although the viewer has interests on their profile",
  },
  meta: { id: "people.similar.meta", defaultMessage: "{jobTitle} · {agency}", description: "A suggested person's job title and agency (short name)" },
  sharedInterests: { id: "people.similar.sharedInterests", defaultMessage: "Interests you share with {name}", description: "Name of the list of shared interests" },
  sharedCommunities: {
    id: "people.similar.sharedCommunities",
    defaultMessage: "{count, plural, one {# community in common} other {# communities in common}}",
  },
  find: { id: "people.search.heading", defaultMessage: "Find someone" },
  search: { id: "people.search.label", defaultMessage: "Search people" },
});

export interface PeopleProps {
  me: Me;
  api: ApiClient;
}

/** For the officer who works alone: public servants doing similar work, and a search for anyone else. */
export function People({ me, api }: PeopleProps) {
  const styles = usePeopleStyles();
  const intl = useIntl();
  const similar = useResource(() => api.similarPeople().then((r) => r.items), [api]);
  const { state } = similar;
  return (
    <Page
      title={intl.formatMessage(m.title)}
      lead={intl.formatMessage(m.lead)}
      aside={
        <p className={styles.aside}>
          <RouterLink to="/people/me">{intl.formatMessage(m.editProfile)}</RouterLink>
        </p>
      }
    >
      <section aria-labelledby="people-similar" className={styles.section}>
        <h2 id="people-similar" className={styles.heading}>
          {intl.formatMessage(m.similar)}
        </h2>
        {state.status === "loading" ? <LoadingState message={intl.formatMessage(m.loading)} /> : null}
        {state.status === "error" ? <LoadFailure what={intl.formatMessage(m.what)} error={state.error} onRetry={similar.reload} /> : null}
        {state.status === "ready" && state.data.length === 0 ? (
          <p className={styles.note}>{intl.formatMessage(me.person.interests.length === 0 ? m.noneAddInterests : m.noneJoin)}</p>
        ) : null}
        {state.status === "ready" && state.data.length > 0 ? (
          <ul className={styles.grid} aria-label={intl.formatMessage(m.similar)}>
            {state.data.map((p) => (
              <li key={p.id} className={styles.item}>
                <Card className={styles.card}>
                  <RouterLink to={`/people/${p.id}`} className={styles.name}>
                    {p.displayName}
                  </RouterLink>
                  <span className={styles.meta}>{p.jobTitle && p.agency ? intl.formatMessage(m.meta, { jobTitle: p.jobTitle, agency: p.agency }) : p.jobTitle || p.agency}</span>
                  {p.sharedInterests.length > 0 ? (
                    <ul className={styles.tags} aria-label={intl.formatMessage(m.sharedInterests, { name: p.displayName })}>
                      {p.sharedInterests.map((i) => (
                        <li key={i}>
                          <Tag size="small" appearance="brand">
                            {i}
                          </Tag>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {p.sharedCommunities > 0 ? <span className={styles.meta}>{intl.formatMessage(m.sharedCommunities, { count: p.sharedCommunities })}</span> : null}
                </Card>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <section aria-labelledby="people-search" className={styles.section}>
        <h2 id="people-search" className={styles.heading}>
          {intl.formatMessage(m.find)}
        </h2>
        <PeopleSearch label={intl.formatMessage(m.search)} search={(q) => api.searchPeople(q).then((r) => r.items)} />
      </section>
    </Page>
  );
}
