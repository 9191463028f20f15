import { Badge } from "@fluentui/react-components";
import type { Me } from "../../api/types.js";
import { Page } from "../../components/Page/Page.js";
import { RouterLink } from "../../components/RouterLink/RouterLink.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import { useHomeStyles } from "./Home.styles.js";
import { permissionText } from "./permissionText.js";

const m = defineMessages({
  title: { id: "home.title", defaultMessage: "Welcome, {name}", description: "The home page's heading; name is the signed-in person's display name" },
  lead: { id: "home.lead", defaultMessage: "Guildhall connects you with public servants doing the same work in other agencies." },
  verified: { id: "home.badge.verified", defaultMessage: "Verified public servant", description: "Badge beside the heading" },
  platformOwner: { id: "home.badge.platformOwner", defaultMessage: "Platform owner", description: "Badge beside the heading, for the people who run Guildhall" },
  profileHeading: { id: "home.profile.heading", defaultMessage: "Your profile" },
  name: { id: "home.profile.name", defaultMessage: "Name", description: "Label of the person's name in their profile summary" },
  jobTitle: { id: "home.profile.jobTitle", defaultMessage: "Job title" },
  notSet: { id: "home.profile.jobTitleNotSet", defaultMessage: "Not set", description: "Shown when the person has no job title" },
  email: { id: "home.profile.email", defaultMessage: "Email" },
  agency: { id: "home.profile.agency", defaultMessage: "Agency" },
  agencyName: {
    id: "home.profile.agencyName",
    defaultMessage: "{name} ({shortName})",
    description: "The person's agency: its full name, then its short name in brackets",
  },
  noAgency: { id: "home.profile.noAgency", defaultMessage: "Your agency is not registered with Guildhall yet" },
  interests: { id: "home.profile.interests", defaultMessage: "Interests", description: "Label of the person's interests, and the name of their list" },
  noInterests: { id: "home.profile.noInterests", defaultMessage: "None added yet", description: "Shown when the person has added no interests" },
  edit: { id: "home.profile.edit", defaultMessage: "Edit your job title and interests", description: "Link to the page where the person edits their profile" },
  mayHeading: { id: "home.permissions.heading", defaultMessage: "What you may do", description: "Heading and list name: the permissions the server granted" },
  mayNotHeading: { id: "home.permissions.notAllowed", defaultMessage: "Not available to you", description: "Heading of the permissions the person does not hold" },
  note: { id: "home.permissions.note", defaultMessage: "Guildhall's server decides these from your verified account." },
});

export interface HomeProps {
  me: Me;
}

/** Who the signed-in public servant is, their agency, and what the server says they may do. */
export function Home({ me }: HomeProps) {
  const styles = useHomeStyles();
  const intl = useIntl();
  const { person, agency } = me;
  const entries = Object.entries(me.permissions);
  const allowed = entries.filter(([, yes]) => yes).map(([key]) => key);
  const notAllowed = entries.filter(([, yes]) => !yes).map(([key]) => key);
  // Cards and tags are plain elements styled with Fluent's tokens: Fluent's Card and Tag would add ~24 KB
  // gzipped to the first page everyone sees (bench/bundle.ts).
  return (
    <Page
      title={intl.formatMessage(m.title, { name: person.displayName })}
      lead={intl.formatMessage(m.lead)}
      aside={
        <div className={styles.badges}>
          {me.permissions["guildhall.use"] ? (
            <Badge appearance="tint" color="success">
              {intl.formatMessage(m.verified)}
            </Badge>
          ) : null}
          {me.platformOwner ? (
            <Badge appearance="filled" color="brand">
              {intl.formatMessage(m.platformOwner)}
            </Badge>
          ) : null}
        </div>
      }
    >
      <div className={styles.grid}>
        <section aria-labelledby="home-profile" className={styles.card}>
          <h2 id="home-profile" className={styles.sectionHeading}>
            {intl.formatMessage(m.profileHeading)}
          </h2>
          <dl className={styles.facts}>
            <dt className={styles.term}>{intl.formatMessage(m.name)}</dt>
            <dd className={styles.detail}>{person.displayName}</dd>
            <dt className={styles.term}>{intl.formatMessage(m.jobTitle)}</dt>
            <dd className={styles.detail}>{person.jobTitle || intl.formatMessage(m.notSet)}</dd>
            <dt className={styles.term}>{intl.formatMessage(m.email)}</dt>
            <dd className={styles.detail}>{person.email}</dd>
            <dt className={styles.term}>{intl.formatMessage(m.agency)}</dt>
            <dd className={styles.detail}>
              {agency ? intl.formatMessage(m.agencyName, { name: agency.name, shortName: agency.shortName }) : intl.formatMessage(m.noAgency)}
            </dd>
            <dt className={styles.term}>{intl.formatMessage(m.interests)}</dt>
            <dd className={styles.detail}>
              {person.interests.length > 0 ? (
                <ul className={styles.tags} aria-label={intl.formatMessage(m.interests)}>
                  {person.interests.map((interest) => (
                    <li key={interest} className={styles.tag}>
                      {interest}
                    </li>
                  ))}
                </ul>
              ) : (
                intl.formatMessage(m.noInterests)
              )}
            </dd>
          </dl>
          {me.permissions["profile.update"] ? <RouterLink to="/people/me">{intl.formatMessage(m.edit)}</RouterLink> : null}
        </section>
        <section aria-labelledby="home-permissions" className={styles.card}>
          <h2 id="home-permissions" className={styles.sectionHeading}>
            {intl.formatMessage(m.mayHeading)}
          </h2>
          <ul className={styles.list} aria-label={intl.formatMessage(m.mayHeading)}>
            {allowed.map((key) => (
              <li key={key}>{permissionText(key, intl)}</li>
            ))}
          </ul>
          {notAllowed.length > 0 ? (
            <>
              <h3 id="home-not-allowed" className={styles.subheading}>
                {intl.formatMessage(m.mayNotHeading)}
              </h3>
              <ul className={styles.list} aria-labelledby="home-not-allowed">
                {notAllowed.map((key) => (
                  <li key={key}>{permissionText(key, intl)}</li>
                ))}
              </ul>
            </>
          ) : null}
          <p className={styles.note}>{intl.formatMessage(m.note)}</p>
        </section>
      </div>
    </Page>
  );
}
