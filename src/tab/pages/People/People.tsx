import { Card, Tag } from "@fluentui/react-components";
import type { ApiClient } from "../../api/client.js";
import type { Me } from "../../api/types.js";
import { useResource } from "../../api/useResource.js";
import { LoadFailure } from "../../components/LoadFailure/LoadFailure.js";
import { LoadingState } from "../../components/LoadingState/LoadingState.js";
import { Page } from "../../components/Page/Page.js";
import { PeopleSearch } from "../../components/PeopleSearch/PeopleSearch.js";
import { RouterLink } from "../../components/RouterLink/RouterLink.js";
import { usePeopleStyles } from "./People.styles.js";

export interface PeopleProps {
  me: Me;
  api: ApiClient;
}

function sharedText(n: number): string {
  return n === 1 ? "1 community in common" : `${n} communities in common`;
}

/** For the officer who works alone: public servants doing similar work, and a search for anyone else. */
export function People({ me, api }: PeopleProps) {
  const styles = usePeopleStyles();
  const similar = useResource(() => api.similarPeople().then((r) => r.items), [api]);
  const { state } = similar;
  return (
    <Page
      title="People"
      lead="Public servants in other agencies doing work like yours. Guildhall suggests them from the interests and communities you share."
      aside={
        <p className={styles.aside}>
          <RouterLink to="/people/me">Edit your profile and interests</RouterLink>
        </p>
      }
    >
      <section aria-labelledby="people-similar" className={styles.section}>
        <h2 id="people-similar" className={styles.heading}>
          People doing similar work
        </h2>
        {state.status === "loading" ? <LoadingState message="Finding people like you…" /> : null}
        {state.status === "error" ? <LoadFailure what="suggestions" error={state.error} onRetry={similar.reload} /> : null}
        {state.status === "ready" && state.data.length === 0 ? (
          <p className={styles.note}>
            No suggestions yet.{" "}
            {me.person.interests.length === 0 ? "Add interests to your profile, or join a community, and Guildhall will suggest people." : "Join a community to meet more people."}
          </p>
        ) : null}
        {state.status === "ready" && state.data.length > 0 ? (
          <ul className={styles.grid} aria-label="People doing similar work">
            {state.data.map((p) => (
              <li key={p.id} className={styles.item}>
                <Card className={styles.card}>
                  <RouterLink to={`/people/${p.id}`} className={styles.name}>
                    {p.displayName}
                  </RouterLink>
                  <span className={styles.meta}>{[p.jobTitle, p.agency].filter(Boolean).join(" · ")}</span>
                  {p.sharedInterests.length > 0 ? (
                    <ul className={styles.tags} aria-label={`Interests you share with ${p.displayName}`}>
                      {p.sharedInterests.map((i) => (
                        <li key={i}>
                          <Tag size="small" appearance="brand">
                            {i}
                          </Tag>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {p.sharedCommunities > 0 ? <span className={styles.meta}>{sharedText(p.sharedCommunities)}</span> : null}
                </Card>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <section aria-labelledby="people-search" className={styles.section}>
        <h2 id="people-search" className={styles.heading}>
          Find someone
        </h2>
        <PeopleSearch label="Search people" search={(q) => api.searchPeople(q).then((r) => r.items)} />
      </section>
    </Page>
  );
}
