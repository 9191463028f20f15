import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useState } from "react";
import type { ApiClient } from "../../api/client.js";
import type { CommunitySummary } from "../../api/communityTypes.js";
import type { Me } from "../../api/types.js";
import { useResource } from "../../api/useResource.js";
import { CommunityCard } from "../../components/CommunityCard/CommunityCard.js";
import { useAnnounce } from "../../components/LiveAnnouncer/LiveAnnouncer.js";
import { LoadFailure } from "../../components/LoadFailure/LoadFailure.js";
import { LoadingState } from "../../components/LoadingState/LoadingState.js";
import { Page } from "../../components/Page/Page.js";
import { ProposalDecision } from "../../components/ProposalDecision/ProposalDecision.js";
import { useApprovalsStyles } from "./Approvals.styles.js";

export interface ApprovalsProps {
  me: Me;
  api: ApiClient;
}

/**
 * Platform owners: proposed communities, each approved (under its own name or another) or rejected with a
 * reason. The approve dialog fetches the proposal to show the names the server says look the same.
 */
export function Approvals({ me, api }: ApprovalsProps) {
  if (!me.permissions["community.approve"]) {
    return <Page title="Approvals" lead="Only platform owners approve proposed communities." />;
  }
  return <ApprovalQueue api={api} />;
}

function ApprovalQueue({ api }: { api: ApiClient }) {
  const styles = useApprovalsStyles();
  const announce = useAnnounce();
  const proposals = useResource(() => api.communities({ status: "proposed", limit: 100 }), [api]);
  const [decided, setDecided] = useState<readonly string[]>([]);
  const [done, setDone] = useState<string>();

  /** Decide, then (once the dialog has closed) take the proposal off the list. */
  const decide = async (c: CommunitySummary, decision: "approve" | "reject", reason: string, name?: string) => {
    const result = await api.communityAction(c.id, "decision", { decision, reason, ...(name === undefined ? {} : { name }) });
    // Approved under another name: say the name it now has (the naming policy may have added to it).
    const approvedAs = name !== undefined && !("left" in result) ? result.name : name;
    const text = decision === "reject" ? `${c.name} was rejected.` : approvedAs === undefined ? `${c.name} is approved.` : `${c.name} is approved as ${approvedAs}.`;
    return () => {
      setDecided((ids) => [...ids, c.id]);
      setDone(text);
      announce(text);
    };
  };

  const { state } = proposals;
  const waiting = state.status === "ready" ? state.data.items.filter((c) => !decided.includes(c.id)) : [];
  return (
    <Page title="Approvals" lead="Proposed communities waiting for a platform owner. Approving one opens it and sets up its place in Microsoft Teams.">
      {done ? (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>{done}</MessageBarBody>
        </MessageBar>
      ) : null}
      {state.status === "loading" ? <LoadingState message="Loading proposals…" /> : null}
      {state.status === "error" ? <LoadFailure what="the proposals" error={state.error} onRetry={proposals.reload} /> : null}
      {state.status === "ready" ? (
        waiting.length === 0 ? (
          <p className={styles.empty}>No proposals are waiting.</p>
        ) : (
          <ul className={styles.list} aria-label="Proposed communities">
            {waiting.map((c) => (
              <li key={c.id} className={styles.item}>
                <CommunityCard community={c} />
                <ProposalDecision
                  communityName={c.name}
                  loadNameClashes={() => api.community(c.id).then((d) => d.nameClashes)}
                  onDecide={(decision, reason, name) => decide(c, decision, reason, name)}
                />
              </li>
            ))}
          </ul>
        )
      ) : null}
    </Page>
  );
}
