import { Badge, Button, MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import type { ApiClient } from "../../api/client.js";
import type { Notice, NoticePage } from "../../api/communityTypes.js";
import { describeError } from "../../api/describeError.js";
import type { Me } from "../../api/types.js";
import { useResource } from "../../api/useResource.js";
import { formatDate } from "../../components/CommunityFacts/communityText.js";
import { useAnnounce } from "../../components/LiveAnnouncer/LiveAnnouncer.js";
import { LoadFailure } from "../../components/LoadFailure/LoadFailure.js";
import { LoadingState } from "../../components/LoadingState/LoadingState.js";
import { Page } from "../../components/Page/Page.js";
import { RouterLink } from "../../components/RouterLink/RouterLink.js";
import { useUnreadNotices } from "../../components/UnreadNotices/UnreadNotices.js";
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
  markAll: { id: "notices.actions.markAllRead", defaultMessage: "Mark all as read" },
  marking: { id: "notices.actions.marking", defaultMessage: "Marking…", description: "The mark-all button while it works" },
  allRead: { id: "notices.actions.allRead", defaultMessage: "All your notices are marked as read.", description: "Said (and shown) after Mark all as read" },
  older: { id: "notices.actions.older", defaultMessage: "Show older notices" },
  loadingOlder: { id: "notices.actions.loadingOlder", defaultMessage: "Loading older notices…" },
  markFailed: { id: "notices.actions.markFailed", defaultMessage: "Couldn't mark your notices as read. {reason}", description: "reason: why, a sentence from the server" },
  olderFailed: { id: "notices.actions.olderFailed", defaultMessage: "Couldn't load older notices. {reason}", description: "reason: why, a sentence from the server" },
});

/** How many notices a page holds. */
const PAGE = 20;

export interface NoticesProps {
  me: Me;
  api: ApiClient;
}

/**
 * What has happened to you: approvals, decisions on your requests, invitations, newest first. What the page shows
 * is marked read once it has been shown (quietly: the "New" badges stay for this visit, the navigation's count
 * drops); "Mark all as read" also marks older ones, up to the newest shown.
 */
export function Notices({ api }: NoticesProps) {
  const styles = useNoticesStyles();
  const intl = useIntl();
  const announce = useAnnounce();
  const unreadCount = useUnreadNotices();
  const first = useResource(() => api.notifications({ limit: PAGE }), [api]);
  const { state } = first;
  const [older, setOlder] = useState<{ items: Notice[]; nextBefore: string | null }>();
  const [loadingOlder, setLoadingOlder] = useState(false);
  // Notices this visit has shown as "New" but since cleared with "Mark all as read".
  const [cleared, setCleared] = useState(false);
  const [unread, setUnread] = useState<number>();
  const [marking, setMarking] = useState(false);
  const [done, setDone] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const marked = useRef(new Set<string>());

  const page: NoticePage | undefined = state.status === "ready" ? state.data : undefined;
  const items = page ? [...page.items, ...(older?.items ?? [])] : [];
  const nextBefore = older ? older.nextBefore : (page?.nextBefore ?? null);
  const serverUnread = unread ?? page?.unread ?? 0;

  // Once shown, the unread notices on screen are marked read (each once; the server ignores repeats).
  const shownUnread = items.filter((n) => !n.read && !marked.current.has(n.id)).map((n) => n.id);
  const shownKey = shownUnread.join(",");
  useEffect(() => {
    if (!shownKey) return;
    const ids = shownKey.split(",");
    for (const id of ids) marked.current.add(id);
    api.markNoticesRead(ids).then(
      (r) => {
        setUnread(r.unread);
        unreadCount.set(r.unread);
      },
      (error: unknown) => {
        for (const id of ids) marked.current.delete(id);
        console.debug("Could not mark the notices shown as read", error);
      },
    );
  }, [api, shownKey, unreadCount]);

  const markAll = async () => {
    if (marking) return;
    setMarking(true);
    setProblem(undefined);
    setDone(undefined);
    try {
      const r = await api.markAllNoticesRead(items[0]?.id);
      setUnread(r.unread);
      unreadCount.set(r.unread);
      setCleared(true);
      const message = intl.formatMessage(m.allRead);
      setDone(message);
      announce(message);
    } catch (error) {
      const message = intl.formatMessage(m.markFailed, { reason: describeError(error, intl).message });
      setProblem(message);
      announce(message);
    } finally {
      setMarking(false);
    }
  };

  const showOlder = async () => {
    if (loadingOlder || !nextBefore) return;
    setLoadingOlder(true);
    setProblem(undefined);
    try {
      const next = await api.notifications({ limit: PAGE, before: nextBefore });
      setOlder((o) => ({ items: [...(o?.items ?? []), ...next.items], nextBefore: next.nextBefore }));
      setUnread(next.unread);
    } catch (error) {
      const message = intl.formatMessage(m.olderFailed, { reason: describeError(error, intl).message });
      setProblem(message);
      announce(message);
    } finally {
      setLoadingOlder(false);
    }
  };

  const anyNew = !cleared && items.some((n) => !n.read);
  return (
    <Page title={intl.formatMessage(m.title)} lead={intl.formatMessage(m.lead)}>
      {state.status === "loading" ? <LoadingState message={intl.formatMessage(m.loading)} /> : null}
      {state.status === "error" ? <LoadFailure what={intl.formatMessage(m.what)} error={state.error} onRetry={first.reload} /> : null}
      {done ? (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>{done}</MessageBarBody>
        </MessageBar>
      ) : null}
      {problem ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      ) : null}
      {page && items.length === 0 ? <p className={styles.empty}>{intl.formatMessage(m.empty)}</p> : null}
      {page && items.length > 0 ? (
        <>
          {serverUnread > 0 || anyNew ? (
            <div className={styles.actions}>
              <Button onClick={() => void markAll()} disabledFocusable={marking}>
                {marking ? intl.formatMessage(m.marking) : intl.formatMessage(m.markAll)}
              </Button>
            </div>
          ) : null}
          <ol className={styles.list} aria-label={intl.formatMessage(m.list)}>
            {items.map((n) => (
              <li key={n.id} className={styles.item}>
                <div className={styles.head}>
                  <time dateTime={n.createdAt} className={styles.time}>
                    {formatDate(intl, n.createdAt)}
                  </time>
                  {n.read || cleared ? null : (
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
          {nextBefore ? (
            <div className={styles.actions}>
              <Button onClick={() => void showOlder()} disabledFocusable={loadingOlder}>
                {loadingOlder ? intl.formatMessage(m.loadingOlder) : intl.formatMessage(m.older)}
              </Button>
            </div>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
