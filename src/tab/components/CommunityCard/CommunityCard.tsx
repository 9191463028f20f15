import { Badge, Card } from "@fluentui/react-components";
import type { CommunitySummary } from "../../api/communityTypes.js";
import { ClassificationBadge } from "../ClassificationBadge/ClassificationBadge.js";
import { STATUS_TEXT } from "../CommunityFacts/communityText.js";
import { CommunityFacts } from "../CommunityFacts/CommunityFacts.js";
import { useIntl } from "../../i18n/intl.js";
import { RouterLink } from "../RouterLink/RouterLink.js";
import { useCommunityCardStyles } from "./CommunityCard.styles.js";

export interface CommunityCardProps {
  community: CommunitySummary;
  /** Heading level inside the page's outline (2 in a plain list, 3 under a section heading). */
  headingLevel?: 2 | 3;
}

/** One community in a list: its name (a link), classification, purpose and facts. */
export function CommunityCard({ community: c, headingLevel = 2 }: CommunityCardProps) {
  const styles = useCommunityCardStyles();
  const intl = useIntl();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <Card className={styles.card}>
      <article className={styles.body} aria-labelledby={`community-${c.id}`}>
        <div className={styles.header}>
          <Heading id={`community-${c.id}`} className={styles.name}>
            <RouterLink to={`/communities/${c.id}`}>{c.name}</RouterLink>
          </Heading>
          <div className={styles.badges}>
            <ClassificationBadge classification={c.classification} label={c.classificationLabel} />
            {c.status !== "approved" ? (
              <Badge appearance="outline" color="informative">
                {intl.formatMessage(STATUS_TEXT[c.status])}
              </Badge>
            ) : null}
          </div>
        </div>
        <p className={styles.purpose}>{c.purpose}</p>
        <CommunityFacts visibility={c.visibility} scope={c.scope} memberCount={c.memberCount} myRole={c.myRole} teamsState={c.teamsState} tags={c.tags} />
      </article>
    </Card>
  );
}
