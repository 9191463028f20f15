import { Card } from "@fluentui/react-components";
import type { CommunityDetail } from "../../api/communityTypes.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import { CommunityFacts } from "../CommunityFacts/CommunityFacts.js";
import { PlainText } from "../PlainText/PlainText.js";
import { useCommunityAboutStyles } from "./CommunityAbout.styles.js";

const m = defineMessages({
  heading: { id: "community.about.heading", defaultMessage: "About", description: "Heading of the community page's section on what the community is" },
  terms: { id: "community.about.termsOfReference", defaultMessage: "Terms of reference" },
  code: { id: "community.about.codeOfPractice", defaultMessage: "Code of practice (version {version, number})", description: "version is the code's version number" },
});

/** What the community is and how it works: facts, terms of reference and code of practice, as written. */
export function CommunityAbout({ community: c }: { community: CommunityDetail }) {
  const styles = useCommunityAboutStyles();
  const intl = useIntl();
  return (
    <Card className={styles.card}>
      <section aria-labelledby="community-about" className={styles.section}>
        <h2 id="community-about" className={styles.heading}>
          {intl.formatMessage(m.heading)}
        </h2>
        <CommunityFacts
          visibility={c.visibility}
          scope={c.scope}
          agencies={c.agencies.map((a) => a.shortName)}
          memberCount={c.memberCount}
          myRole={c.myRole}
          teamsState={c.teams?.state ?? null}
          tags={c.tags}
          explained
        />
        <h3 className={styles.subheading}>{intl.formatMessage(m.terms)}</h3>
        <PlainText text={c.termsOfReference} />
        <h3 className={styles.subheading}>{intl.formatMessage(m.code, { version: c.codeVersion })}</h3>
        <PlainText text={c.codeOfPractice} />
      </section>
    </Card>
  );
}
