import { Badge, Card, Tag } from "@fluentui/react-components";
import { useEffect } from "react";
import { useParams } from "react-router-dom";
import { ApiError, type ApiClient } from "../../api/client.js";
import type { Me } from "../../api/types.js";
import { useResource } from "../../api/useResource.js";
import { ROLE_TEXT } from "../../components/CommunityFacts/communityText.js";
import { LoadFailure } from "../../components/LoadFailure/LoadFailure.js";
import { LoadingState } from "../../components/LoadingState/LoadingState.js";
import { Page } from "../../components/Page/Page.js";
import { RouterLink } from "../../components/RouterLink/RouterLink.js";
import { NotFound } from "../NotFound/NotFound.js";
import { useProfileStyles } from "./Profile.styles.js";

export interface ProfileProps {
  me: Me;
  api: ApiClient;
}

/** Another public servant's profile: work, interests, and the communities of theirs you may see. */
export function Profile({ me, api }: ProfileProps) {
  const styles = useProfileStyles();
  const { id = "" } = useParams();
  const person = useResource(() => api.person(id), [api, id]);
  const mine = useResource(() => api.communities({ mine: true, limit: 100 }).then((r) => new Set(r.items.map((c) => c.id))), [api]);
  const { state } = person;
  const p = state.status === "ready" ? state.data : undefined;
  const notFound = state.status === "error" && state.error instanceof ApiError && state.error.isNotFound;
  const title = notFound ? "Page not found" : p?.displayName;
  useEffect(() => {
    if (title) document.title = `${title} · Guildhall`;
  }, [title]);
  if (notFound) return <NotFound />;
  const shared = mine.state.status === "ready" ? mine.state.data : new Set<string>();
  const self = p?.id === me.person.id;
  return (
    <Page
      title={p?.displayName ?? "Profile"}
      lead={p ? [p.jobTitle, p.agency ? `${p.agency.name} (${p.agency.shortName})` : null].filter(Boolean).join(" · ") : undefined}
      aside={
        self ? (
          <p className={styles.aside}>
            This is you. <RouterLink to="/people/me">Edit your profile</RouterLink>
          </p>
        ) : undefined
      }
    >
      {state.status === "loading" ? <LoadingState message="Loading the profile…" /> : null}
      {state.status === "error" ? <LoadFailure what="this profile" error={state.error} onRetry={person.reload} /> : null}
      {p ? (
        <div className={styles.grid}>
          <Card className={styles.card}>
            <section aria-labelledby="profile-interests" className={styles.section}>
              <h2 id="profile-interests" className={styles.heading}>
                Interests
              </h2>
              {p.interests.length > 0 ? (
                <ul className={styles.tags} aria-label="Interests">
                  {p.interests.map((i) => (
                    <li key={i}>
                      <Tag size="small" appearance={me.person.interests.includes(i) && !self ? "brand" : "outline"}>
                        {i}
                      </Tag>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className={styles.note}>None added yet.</p>
              )}
            </section>
          </Card>
          <Card className={styles.card}>
            <section aria-labelledby="profile-communities" className={styles.section}>
              <h2 id="profile-communities" className={styles.heading}>
                Communities
              </h2>
              {p.communities.length > 0 ? (
                <ul className={styles.list} aria-label="Communities">
                  {p.communities.map((c) => (
                    <li key={c.id} className={styles.row}>
                      <RouterLink to={`/communities/${c.id}`}>{c.name}</RouterLink>
                      <span className={styles.note}>{ROLE_TEXT[c.role]}</span>
                      {shared.has(c.id) && !self ? (
                        <Badge appearance="tint" color="success">
                          You are a member too
                        </Badge>
                      ) : null}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className={styles.note}>No communities you can see.</p>
              )}
            </section>
          </Card>
        </div>
      ) : null}
    </Page>
  );
}
