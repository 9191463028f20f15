import { Badge } from "@fluentui/react-components";
import type { ApiClient } from "../../api/client.js";
import type { Me } from "../../api/types.js";
import { useResource } from "../../api/useResource.js";
import { formatDate } from "../../components/CommunityFacts/communityText.js";
import { LoadFailure } from "../../components/LoadFailure/LoadFailure.js";
import { LoadingState } from "../../components/LoadingState/LoadingState.js";
import { Page } from "../../components/Page/Page.js";
import { RouterLink } from "../../components/RouterLink/RouterLink.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import { useNoticesStyles } from "./Notices.styles.js";

const m = defineMessages({
  title: { id: "notices.page.title", defaultMessage: "Notices" },
  lead: { id: "notices.page.lead", defaultMessage: "Decisions on your proposals and requests, invitations, and changes to your communities." },
  loading: { id: "notices.page.loading", defaultMessage: "Loading your notices…" },
  what: { id: "notices.page.what", defaultMessage: "your notices", description: "Completes the load failure's title “Couldn't load …”" },
  empty: { id: "notices.page.empty", defaultMessage: "Nothing yet." },
  list: { id: "notices.page.list", defaultMessage: "Notices, newest first", description: "Name of the list of notices" },
  unread: { id: "notices.item.new", defaultMessage: "New", description: "Badge on a notice not read before" },
  open: { id: "notices.item.openCommunity", defaultMessage: "Open the community" },
});

export interface NoticesProps {
  me: Me;
  api: ApiClient;
}

/** What has happened to you: approvals, decisions on your requests, invitations, newest first. */
export function Notices({ api }: NoticesProps) {
  const styles = useNoticesStyles();
  const intl = useIntl();
  const notices = useResource(() => api.notifications().then((r) => r.items), [api]);
  const { state } = notices;
  return (
    <Page title={intl.formatMessage(m.title)} lead={intl.formatMessage(m.lead)}>
      {state.status === "loading" ? <LoadingState message={intl.formatMessage(m.loading)} /> : null}
      {state.status === "error" ? <LoadFailure what={intl.formatMessage(m.what)} error={state.error} onRetry={notices.reload} /> : null}
      {state.status === "ready" && state.data.length === 0 ? <p className={styles.empty}>{intl.formatMessage(m.empty)}</p> : null}
      {state.status === "ready" && state.data.length > 0 ? (
        <ol className={styles.list} aria-label={intl.formatMessage(m.list)}>
          {state.data.map((n) => (
            <li key={n.id} className={styles.item}>
              <div className={styles.head}>
                <time dateTime={n.createdAt} className={styles.time}>
                  {formatDate(intl, n.createdAt)}
                </time>
                {n.read ? null : (
                  <Badge appearance="filled" color="brand" size="small">
                    {intl.formatMessage(m.unread)}
                  </Badge>
                )}
              </div>
              {/* Written from a catalog message: shown in the reader's language now; older notices keep their en-AU text. */}
              <p className={styles.text}>{n.messageKey ? intl.formatKey(n.messageKey, n.values, n.text) : n.text}</p>
              {n.communityId ? <RouterLink to={`/communities/${n.communityId}`}>{intl.formatMessage(m.open)}</RouterLink> : null}
            </li>
          ))}
        </ol>
      ) : null}
    </Page>
  );
}
