import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { CommunityDetail } from "../../api/communityTypes.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import { useArchivedBannerStyles } from "./ArchivedBanner.styles.js";

const m = defineMessages({
  readOnly: { id: "community.archived.readOnly", defaultMessage: "This community is archived and read-only." },
  whenBy: {
    id: "community.archived.whenBy",
    defaultMessage: "Archived on {date} by {role, select, owner {an owner} other {a platform owner}}.",
    description: "date: the day it was archived, formatted; role: owner or platform_owner (who archived it is named by capacity only)",
  },
  when: {
    id: "community.archived.when",
    defaultMessage: "Archived on {date}.",
    description: "date: the day it was archived, formatted (archived before Guildhall recorded by whom)",
  },
  reason: {
    id: "community.archived.reason",
    defaultMessage: "Reason: {reason}",
    description: "reason: what the owner or platform owner typed when archiving, shown as written (line breaks kept)",
  },
});

export interface ArchivedBannerProps {
  community: Pick<CommunityDetail, "archivedAt" | "archivedByRole" | "archiveReason">;
}

/**
 * On an archived community's page: that it is read-only, when it was archived, in which capacity (an owner or a
 * platform owner — never a name) and why, as the archiver wrote it. Communities archived before reasons were asked
 * say only what is known.
 */
export function ArchivedBanner({ community: c }: ArchivedBannerProps) {
  const styles = useArchivedBannerStyles();
  const intl = useIntl();
  const at = c.archivedAt ? Date.parse(c.archivedAt) : Number.NaN;
  const date = Number.isNaN(at) ? undefined : intl.formatDate(at, { dateStyle: "long" });
  return (
    <MessageBar intent="info" layout="multiline">
      <MessageBarBody className={styles.body}>
        <MessageBarTitle>{intl.formatMessage(m.readOnly)}</MessageBarTitle>
        {date ? (
          <p className={styles.line}>
            {c.archivedByRole ? intl.formatMessage(m.whenBy, { date, role: c.archivedByRole }) : intl.formatMessage(m.when, { date })}
          </p>
        ) : null}
        {c.archiveReason ? <p className={styles.reason}>{intl.formatMessage(m.reason, { reason: c.archiveReason })}</p> : null}
      </MessageBarBody>
    </MessageBar>
  );
}
