import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import type { ApiClient } from "../../api/client.js";
import type { ProposalSummary } from "../../api/communityTypes.js";
import type { Me } from "../../api/types.js";
import { useResource } from "../../api/useResource.js";
import { useAnnounce } from "../../components/LiveAnnouncer/LiveAnnouncer.js";
import { LoadFailure } from "../../components/LoadFailure/LoadFailure.js";
import { LoadingState } from "../../components/LoadingState/LoadingState.js";
import { Page } from "../../components/Page/Page.js";
import { ProposalDecision } from "../../components/ProposalDecision/ProposalDecision.js";
import { ProposalDetails } from "../../components/ProposalDetails/ProposalDetails.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import { useApprovalsStyles } from "./Approvals.styles.js";

const m = defineMessages({
  title: { id: "approvals.page.title", defaultMessage: "Approvals" },
  notAllowed: { id: "approvals.page.notAllowed", defaultMessage: "Only platform owners approve proposed communities." },
  lead: {
    id: "approvals.page.lead",
    defaultMessage: "Proposed communities waiting for a platform owner, oldest first. Approving one opens it and sets up its place in Microsoft Teams.",
  },
  loading: { id: "approvals.list.loading", defaultMessage: "Loading proposals…" },
  what: { id: "approvals.list.what", defaultMessage: "the proposals", description: "Completes the load failure's title “Couldn't load …”" },
  none: { id: "approvals.list.none", defaultMessage: "No proposals are waiting." },
  list: { id: "approvals.list.label", defaultMessage: "Proposed communities", description: "Name of the list of proposals" },
  waiting: {
    id: "approvals.list.waiting",
    defaultMessage: "{count, plural, one {# proposal is waiting.} other {# proposals are waiting.}}",
  },
  partial: {
    id: "approvals.list.partial",
    defaultMessage: "The {shown, plural, one {oldest proposal is} other {# oldest proposals are}} shown here; decide them to see the rest.",
    description: "When more proposals wait than the page shows; shown is how many are listed",
  },
  rejected: { id: "approvals.decided.rejected", defaultMessage: "{name} was rejected." },
  approved: { id: "approvals.decided.approved", defaultMessage: "{name} is approved." },
  approvedAs: {
    id: "approvals.decided.approvedAs",
    defaultMessage: "{name} is approved as {newName}.",
    description: "Approved under another name: name is the proposed name, newName the name it now has",
  },
});

export interface ApprovalsProps {
  me: Me;
  api: ApiClient;
}

/**
 * Platform owners: proposed communities, oldest first, each with who proposed it and everything they wrote, approved
 * (under its own name or another, with an optional note the proposer is told) or rejected with a reason. The approve
 * dialog fetches the proposal to show the names the server says look the same.
 */
export function Approvals({ me, api }: ApprovalsProps) {
  const intl = useIntl();
  if (!me.permissions["community.approve"]) {
    return <Page title={intl.formatMessage(m.title)} lead={intl.formatMessage(m.notAllowed)} />;
  }
  return <ApprovalQueue api={api} />;
}

function ApprovalQueue({ api }: { api: ApiClient }) {
  const styles = useApprovalsStyles();
  const announce = useAnnounce();
  const intl = useIntl();
  const proposals = useResource(() => api.proposals({ limit: 100 }), [api]);
  const [decided, setDecided] = useState<readonly string[]>([]);
  const [done, setDone] = useState<string>();

  /** Decide, then (once the dialog has closed) take the proposal off the list. */
  const decide = async (c: ProposalSummary, decision: "approve" | "reject", reason: string, name?: string) => {
    const result = await api.communityAction(c.id, "decision", { decision, reason, ...(name === undefined ? {} : { name }) });
    // Approved under another name: say the name it now has (the naming policy may have added to it).
    const approvedAs = name !== undefined && !("left" in result) ? result.name : name;
    const text =
      decision === "reject"
        ? intl.formatMessage(m.rejected, { name: c.name })
        : approvedAs === undefined
          ? intl.formatMessage(m.approved, { name: c.name })
          : intl.formatMessage(m.approvedAs, { name: c.name, newName: approvedAs });
    return () => {
      setDecided((ids) => [...ids, c.id]);
      setDone(text);
      announce(text);
    };
  };

  const { state } = proposals;
  const waiting = state.status === "ready" ? state.data.items.filter((c) => !decided.includes(c.id)) : [];
  // Proposals beyond the page still wait: the count says all of them, and that only the oldest are listed.
  const more = state.status === "ready" ? Math.max(0, state.data.total - state.data.items.length) : 0;
  // Every listed proposal decided while more wait: fetch the next ones (once per decision, so never in a loop).
  const fetchedAfter = useRef(-1);
  const { reload } = proposals;
  useEffect(() => {
    if (state.status !== "ready" || waiting.length > 0 || more === 0 || fetchedAfter.current === decided.length) return;
    fetchedAfter.current = decided.length;
    reload();
  }, [state.status, waiting.length, more, decided.length, reload]);
  return (
    <Page title={intl.formatMessage(m.title)} lead={intl.formatMessage(m.lead)}>
      {done ? (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>{done}</MessageBarBody>
        </MessageBar>
      ) : null}
      {state.status === "loading" ? <LoadingState message={intl.formatMessage(m.loading)} /> : null}
      {state.status === "error" ? <LoadFailure what={intl.formatMessage(m.what)} error={state.error} onRetry={proposals.reload} /> : null}
      {state.status === "ready" ? (
        waiting.length === 0 ? (
          <p className={styles.empty}>{intl.formatMessage(m.none)}</p>
        ) : (
          <>
          <p className={styles.count}>{intl.formatMessage(m.waiting, { count: waiting.length + more })}</p>
          {more > 0 ? <p className={styles.empty}>{intl.formatMessage(m.partial, { shown: waiting.length })}</p> : null}
          <ul className={styles.list} aria-label={intl.formatMessage(m.list)}>
            {waiting.map((c) => (
              <li key={c.id} className={styles.item}>
                <ProposalDetails proposal={c} />
                <ProposalDecision
                  communityName={c.name}
                  loadNameClashes={() => api.community(c.id).then((d) => d.nameClashes)}
                  onDecide={(decision, reason, name) => decide(c, decision, reason, name)}
                />
              </li>
            ))}
          </ul>
          </>
        )
      ) : null}
    </Page>
  );
}
