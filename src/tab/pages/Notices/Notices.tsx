import { Badge } from "@fluentui/react-components";
import type { ApiClient } from "../../api/client.js";
import type { Me } from "../../api/types.js";
import { useResource } from "../../api/useResource.js";
import { formatDate } from "../../components/CommunityFacts/communityText.js";
import { LoadFailure } from "../../components/LoadFailure/LoadFailure.js";
import { LoadingState } from "../../components/LoadingState/LoadingState.js";
import { Page } from "../../components/Page/Page.js";
import { RouterLink } from "../../components/RouterLink/RouterLink.js";
import { useNoticesStyles } from "./Notices.styles.js";

export interface NoticesProps {
  me: Me;
  api: ApiClient;
}

/** What has happened to you: approvals, decisions on your requests, invitations, newest first. */
export function Notices({ api }: NoticesProps) {
  const styles = useNoticesStyles();
  const notices = useResource(() => api.notifications().then((r) => r.items), [api]);
  const { state } = notices;
  return (
    <Page title="Notices" lead="Decisions on your proposals and requests, invitations, and changes to your communities.">
      {state.status === "loading" ? <LoadingState message="Loading your notices…" /> : null}
      {state.status === "error" ? <LoadFailure what="your notices" error={state.error} onRetry={notices.reload} /> : null}
      {state.status === "ready" && state.data.length === 0 ? <p className={styles.empty}>Nothing yet.</p> : null}
      {state.status === "ready" && state.data.length > 0 ? (
        <ol className={styles.list} aria-label="Notices, newest first">
          {state.data.map((n) => (
            <li key={n.id} className={styles.item}>
              <div className={styles.head}>
                <time dateTime={n.createdAt} className={styles.time}>
                  {formatDate(n.createdAt)}
                </time>
                {n.read ? null : (
                  <Badge appearance="filled" color="brand" size="small">
                    New
                  </Badge>
                )}
              </div>
              <p className={styles.text}>{n.text}</p>
              {n.communityId ? <RouterLink to={`/communities/${n.communityId}`}>Open the community</RouterLink> : null}
            </li>
          ))}
        </ol>
      ) : null}
    </Page>
  );
}
