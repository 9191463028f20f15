import { Card } from "@fluentui/react-components";
import type { CommunityDetail } from "../../api/communityTypes.js";
import { CommunityFacts } from "../CommunityFacts/CommunityFacts.js";
import { PlainText } from "../PlainText/PlainText.js";
import { useCommunityAboutStyles } from "./CommunityAbout.styles.js";

/** What the community is and how it works: facts, terms of reference and code of practice, as written. */
export function CommunityAbout({ community: c }: { community: CommunityDetail }) {
  const styles = useCommunityAboutStyles();
  return (
    <Card className={styles.card}>
      <section aria-labelledby="community-about" className={styles.section}>
        <h2 id="community-about" className={styles.heading}>
          About
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
        <h3 className={styles.subheading}>Terms of reference</h3>
        <PlainText text={c.termsOfReference} />
        <h3 className={styles.subheading}>Code of practice (version {c.codeVersion})</h3>
        <PlainText text={c.codeOfPractice} />
      </section>
    </Card>
  );
}
