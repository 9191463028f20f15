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
import { defineMessages, rich, useIntl } from "../../i18n/intl.js";
import { NotFound } from "../NotFound/NotFound.js";
import { useProfileStyles } from "./Profile.styles.js";

const m = defineMessages({
  documentTitle: { id: "profile.page.documentTitle", defaultMessage: "{title} · Guildhall", description: "The browser tab's title; title is the person's name" },
  notFound: { id: "profile.page.notFound", defaultMessage: "Page not found" },
  title: { id: "profile.page.title", defaultMessage: "Profile", description: "Heading while the person's name is not known yet" },
  agency: { id: "profile.page.agency", defaultMessage: "{name} ({shortName})", description: "An agency's name and its short name" },
  lead: {
    id: "profile.page.lead",
    defaultMessage: "{jobTitle} · {agency}",
    description: "Under the person's name: their job title and their agency (as profile.page.agency)",
  },
  self: { id: "profile.page.self", defaultMessage: "This is you. <link>Edit your profile</link>", description: "On your own profile as others see it" },
  loading: { id: "profile.page.loading", defaultMessage: "Loading the profile…" },
  what: { id: "profile.page.what", defaultMessage: "this profile", description: "Completes the load failure's title “Couldn't load …”" },
  interests: { id: "profile.page.interests", defaultMessage: "Interests" },
  noInterests: { id: "profile.page.noInterests", defaultMessage: "None added yet.", description: "The person has added no interests" },
  communities: { id: "profile.page.communities", defaultMessage: "Communities" },
  memberToo: { id: "profile.page.memberToo", defaultMessage: "You are a member too" },
  noCommunities: { id: "profile.page.noCommunities", defaultMessage: "No communities you can see." },
});

export interface ProfileProps {
  me: Me;
  api: ApiClient;
}

/** Another public servant's profile: work, interests, and the communities of theirs you may see. */
export function Profile({ me, api }: ProfileProps) {
  const styles = useProfileStyles();
  const intl = useIntl();
  const { id = "" } = useParams();
  const person = useResource(() => api.person(id), [api, id]);
  const mine = useResource(() => api.communities({ mine: true, limit: 100 }).then((r) => new Set(r.items.map((c) => c.id))), [api]);
  const { state } = person;
  const p = state.status === "ready" ? state.data : undefined;
  const notFound = state.status === "error" && state.error instanceof ApiError && state.error.isNotFound;
  const title = notFound ? intl.formatMessage(m.notFound) : p?.displayName;
  useEffect(() => {
    if (title) document.title = intl.formatMessage(m.documentTitle, { title });
  }, [title, intl]);
  if (notFound) return <NotFound />;
  const shared = mine.state.status === "ready" ? mine.state.data : new Set<string>();
  const self = p?.id === me.person.id;
  const agency = p?.agency ? intl.formatMessage(m.agency, { name: p.agency.name, shortName: p.agency.shortName }) : null;
  const lead = p?.jobTitle && agency ? intl.formatMessage(m.lead, { jobTitle: p.jobTitle, agency }) : p?.jobTitle || agency || undefined;
  return (
    <Page
      title={p?.displayName ?? intl.formatMessage(m.title)}
      lead={lead}
      aside={
        self ? (
          <p className={styles.aside}>
            {rich(intl, m.self, { link: (chunks) => <RouterLink to="/people/me">{chunks}</RouterLink> })}
          </p>
        ) : undefined
      }
    >
      {state.status === "loading" ? <LoadingState message={intl.formatMessage(m.loading)} /> : null}
      {state.status === "error" ? <LoadFailure what={intl.formatMessage(m.what)} error={state.error} onRetry={person.reload} /> : null}
      {p ? (
        <div className={styles.grid}>
          <Card className={styles.card}>
            <section aria-labelledby="profile-interests" className={styles.section}>
              <h2 id="profile-interests" className={styles.heading}>
                {intl.formatMessage(m.interests)}
              </h2>
              {p.interests.length > 0 ? (
                <ul className={styles.tags} aria-label={intl.formatMessage(m.interests)}>
                  {p.interests.map((i) => (
                    <li key={i}>
                      <Tag size="small" appearance={me.person.interests.includes(i) && !self ? "brand" : "outline"}>
                        {i}
                      </Tag>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className={styles.note}>{intl.formatMessage(m.noInterests)}</p>
              )}
            </section>
          </Card>
          <Card className={styles.card}>
            <section aria-labelledby="profile-communities" className={styles.section}>
              <h2 id="profile-communities" className={styles.heading}>
                {intl.formatMessage(m.communities)}
              </h2>
              {p.communities.length > 0 ? (
                <ul className={styles.list} aria-label={intl.formatMessage(m.communities)}>
                  {p.communities.map((c) => (
                    <li key={c.id} className={styles.row}>
                      <RouterLink to={`/communities/${c.id}`}>{c.name}</RouterLink>
                      <span className={styles.note}>{intl.formatMessage(ROLE_TEXT[c.role])}</span>
                      {shared.has(c.id) && !self ? (
                        <Badge appearance="tint" color="success">
                          {intl.formatMessage(m.memberToo)}
                        </Badge>
                      ) : null}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className={styles.note}>{intl.formatMessage(m.noCommunities)}</p>
              )}
            </section>
          </Card>
        </div>
      ) : null}
    </Page>
  );
}
