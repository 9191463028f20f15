import { Badge, Card, Subtitle1, Subtitle2, Tag } from "@fluentui/react-components";
import type { Me } from "../../api/types.js";
import { Page } from "../../components/Page/Page.js";
import { RouterLink } from "../../components/RouterLink/RouterLink.js";
import { useHomeStyles } from "./Home.styles.js";
import { permissionText } from "./permissionText.js";

export interface HomeProps {
  me: Me;
}

/** Who the signed-in public servant is, their agency, and what the server says they may do. */
export function Home({ me }: HomeProps) {
  const styles = useHomeStyles();
  const { person, agency } = me;
  const entries = Object.entries(me.permissions);
  const allowed = entries.filter(([, yes]) => yes).map(([key]) => key);
  const notAllowed = entries.filter(([, yes]) => !yes).map(([key]) => key);
  return (
    <Page
      title={`Welcome, ${person.displayName}`}
      lead="Guildhall connects you with public servants doing the same work in other agencies."
      aside={
        <div className={styles.badges}>
          {me.permissions["guildhall.use"] ? (
            <Badge appearance="tint" color="success">
              Verified public servant
            </Badge>
          ) : null}
          {me.platformOwner ? (
            <Badge appearance="filled" color="brand">
              Platform owner
            </Badge>
          ) : null}
        </div>
      }
    >
      <div className={styles.grid}>
        <Card className={styles.card}>
          <section aria-labelledby="home-profile" className={styles.section}>
            <Subtitle1 as="h2" id="home-profile" className={styles.sectionHeading}>
              Your profile
            </Subtitle1>
            <dl className={styles.facts}>
              <dt className={styles.term}>Name</dt>
              <dd className={styles.detail}>{person.displayName}</dd>
              <dt className={styles.term}>Job title</dt>
              <dd className={styles.detail}>{person.jobTitle || "Not set"}</dd>
              <dt className={styles.term}>Email</dt>
              <dd className={styles.detail}>{person.email}</dd>
              <dt className={styles.term}>Agency</dt>
              <dd className={styles.detail}>
                {agency ? `${agency.name} (${agency.shortName})` : "Your agency is not registered with Guildhall yet"}
              </dd>
              <dt className={styles.term}>Interests</dt>
              <dd className={styles.detail}>
                {person.interests.length > 0 ? (
                  <ul className={styles.tags} aria-label="Interests">
                    {person.interests.map((interest) => (
                      <li key={interest}>
                        <Tag size="small" appearance="brand">
                          {interest}
                        </Tag>
                      </li>
                    ))}
                  </ul>
                ) : (
                  "None added yet"
                )}
              </dd>
            </dl>
            {me.permissions["profile.update"] ? <RouterLink to="/people/me">Edit your job title and interests</RouterLink> : null}
          </section>
        </Card>
        <Card className={styles.card}>
          <section aria-labelledby="home-permissions" className={styles.section}>
            <Subtitle1 as="h2" id="home-permissions" className={styles.sectionHeading}>
              What you may do
            </Subtitle1>
            <ul className={styles.list} aria-label="What you may do">
              {allowed.map((key) => (
                <li key={key}>{permissionText(key)}</li>
              ))}
            </ul>
            {notAllowed.length > 0 ? (
              <>
                <Subtitle2 as="h3" id="home-not-allowed" className={styles.subheading}>
                  Not available to you
                </Subtitle2>
                <ul className={styles.list} aria-labelledby="home-not-allowed">
                  {notAllowed.map((key) => (
                    <li key={key}>{permissionText(key)}</li>
                  ))}
                </ul>
              </>
            ) : null}
            <p className={styles.note}>Guildhall&apos;s server decides these from your verified account.</p>
          </section>
        </Card>
      </div>
    </Page>
  );
}
