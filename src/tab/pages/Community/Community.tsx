import { Badge, MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { ApiError, type ApiClient } from "../../api/client.js";
import type { CommunityActionResult, CommunityDetail } from "../../api/communityTypes.js";
import type { Me } from "../../api/types.js";
import { useResource } from "../../api/useResource.js";
import { ArchivedBanner } from "../../components/ArchivedBanner/ArchivedBanner.js";
import { ClassificationBadge } from "../../components/ClassificationBadge/ClassificationBadge.js";
import { CommunityAbout } from "../../components/CommunityAbout/CommunityAbout.js";
import { CodeOfPracticeAcceptance } from "../../components/CodeOfPracticeAcceptance/CodeOfPracticeAcceptance.js";
import { CommunityActions } from "../../components/CommunityActions/CommunityActions.js";
import { ManageCommunity } from "../../components/ManageCommunity/ManageCommunity.js";
import { STATUS_TEXT } from "../../components/CommunityFacts/communityText.js";
import { InvitePeople } from "../../components/InvitePeople/InvitePeople.js";
import { JoinRequests } from "../../components/JoinRequests/JoinRequests.js";
import { useAnnounce } from "../../components/LiveAnnouncer/LiveAnnouncer.js";
import { LoadFailure } from "../../components/LoadFailure/LoadFailure.js";
import { LoadingState } from "../../components/LoadingState/LoadingState.js";
import { MemberList } from "../../components/MemberList/MemberList.js";
import { Page } from "../../components/Page/Page.js";
import { TeamsPresence } from "../../components/TeamsPresence/TeamsPresence.js";
import { useIntl } from "../../i18n/intl.js";
import { NotFound } from "../NotFound/NotFound.js";
import { communityPageMessages as m } from "./Community.messages.js";
import { manageMessages } from "./Manage.messages.js";
import { useCommunityStyles } from "./Community.styles.js";

export interface CommunityProps {
  me: Me;
  api: ApiClient;
}

/** One community: what it is, its Teams presence, and whatever the server lets this person do with it. */
export function Community({ me, api }: CommunityProps) {
  const styles = useCommunityStyles();
  const intl = useIntl();
  const { id = "" } = useParams();
  const resource = useResource(() => api.community(id), [api, id]);
  const { state } = resource;
  const c = state.status === "ready" ? state.data : undefined;
  const notFound = state.status === "error" && state.error instanceof ApiError && state.error.isNotFound;
  useSetUpProgress(api, id, c, resource.replace);
  const title = notFound ? intl.formatMessage(m.notFoundTitle) : c?.name;
  useEffect(() => {
    if (title) document.title = intl.formatMessage(m.documentTitle, { title });
  }, [title, intl]);
  if (notFound) return <NotFound />;
  // One Page throughout, so the heading that received focus stays put when the community arrives.
  return (
    <Page
      title={c?.name ?? intl.formatMessage(m.fallbackTitle)}
      lead={c?.purpose}
      aside={
        c ? (
          <div className={styles.badges}>
            <ClassificationBadge classification={c.classification} label={c.classificationLabel} />
            {c.status !== "approved" ? (
              <Badge appearance="outline" color="informative">
                {intl.formatMessage(STATUS_TEXT[c.status])}
              </Badge>
            ) : null}
            {c.myRole ? (
              <Badge appearance="tint" color="brand">
                {intl.formatMessage(m.myRole, { role: c.myRole })}
              </Badge>
            ) : null}
          </div>
        ) : undefined
      }
    >
      {state.status === "loading" ? <LoadingState message={intl.formatMessage(m.loading)} /> : null}
      {state.status === "error" ? <LoadFailure what={intl.formatMessage(m.loadWhat)} error={state.error} onRetry={resource.reload} /> : null}
      {c ? <CommunityBody me={me} api={api} community={c} onUpdate={resource.replace} /> : null}
    </Page>
  );
}

/** How often the page asks again while Teams is being set up: soon at first, then less often. */
const PROGRESS_DELAYS_MS = [2_000, 3_000, 5_000, 10_000, 30_000];

/**
 * While the Teams set-up is queued or running, fetch the community again now and then so each step shows
 * as it happens, and say so to screen readers when it finishes. A failed fetch keeps what is on screen.
 */
function useSetUpProgress(api: ApiClient, id: string, c: CommunityDetail | undefined, replace: (next: CommunityDetail) => void): void {
  const announce = useAnnounce();
  const intl = useIntl();
  const teamsState = c?.teams?.state;
  const inProgress = teamsState === "queued" || teamsState === "provisioning";
  const [attempt, setAttempt] = useState(0);
  const [watched, setWatched] = useState(false);
  useEffect(() => {
    if (inProgress) setWatched(true);
    else setAttempt(0);
  }, [inProgress]);
  useEffect(() => {
    if (!watched || inProgress) return;
    if (teamsState === "linked") announce(intl.formatMessage(m.setUpFinished));
    if (teamsState === "failed") announce(intl.formatMessage(m.setUpNotFinished));
    setWatched(false);
  }, [watched, inProgress, teamsState, announce, intl]);
  useEffect(() => {
    if (!inProgress) return;
    let cancelled = false;
    const delay = PROGRESS_DELAYS_MS[Math.min(attempt, PROGRESS_DELAYS_MS.length - 1)];
    const timer = setTimeout(() => {
      api.community(id).then(
        (next) => {
          if (cancelled) return;
          replace(next);
          setAttempt((a) => a + 1);
        },
        () => {
          if (!cancelled) setAttempt((a) => a + 1);
        },
      );
    }, delay);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, id, inProgress, attempt, replace]);
}

interface CommunityBodyProps {
  me: Me;
  api: ApiClient;
  community: CommunityDetail;
  onUpdate(next: CommunityDetail): void;
}

function CommunityBody({ me, api, community: c, onUpdate }: CommunityBodyProps) {
  const styles = useCommunityStyles();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const intl = useIntl();
  const [done, setDone] = useState<string>();
  const can = c.abilities;
  const named = { name: c.name };

  /**
   * Send an action; errors reach the control that asked, which shows the server's message. Resolves with
   * the change to show, which a dialog applies once it has closed.
   */
  const act = async (send: Promise<CommunityActionResult>, success: string) => {
    // A new action replaces the last outcome: an earlier success must not stand beside this one's error.
    setDone(undefined);
    const result = await send;
    return () => {
      announce(success);
      if ("left" in result) {
        navigate("/communities");
        return;
      }
      onUpdate(result);
      setDone(success);
    };
  };
  /** The same, applied at once, for controls that are not dialogs. */
  const actNow = async (send: Promise<CommunityActionResult>, success: string) => (await act(send, success))();

  return (
    <>
      {done ? (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>{done}</MessageBarBody>
        </MessageBar>
      ) : null}
      {c.status === "proposed" ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{intl.formatMessage(STATUS_TEXT.proposed)}</MessageBarTitle>
            {intl.formatMessage(m.proposedBody)}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {c.status === "rejected" ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{intl.formatMessage(STATUS_TEXT.rejected)}</MessageBarTitle>
            {c.decisionReason ?? intl.formatMessage(m.rejectedFallback)}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {c.status === "archived" ? <ArchivedBanner community={c} /> : null}
      {c.codeAcceptance?.required ? (
        <CodeOfPracticeAcceptance
          codeOfPractice={c.codeOfPractice}
          codeVersion={c.codeVersion}
          acceptedVersion={c.codeAcceptance.acceptedVersion}
          onAccept={(codeVersion) => actNow(api.communityAction(c.id, "code/accept", { codeVersion }), intl.formatMessage(manageMessages.codeAccepted, named))}
        />
      ) : null}
      {c.requested ? <p className={styles.note}>{intl.formatMessage(m.requestedNote)}</p> : null}
      {c.invited && !c.myRole ? <p className={styles.note}>{intl.formatMessage(m.invitedNote)}</p> : null}
      <CommunityActions
        community={c}
        onJoin={({ codeVersion }) => act(api.communityAction(c.id, "join", { acceptCodeOfPractice: true, codeVersion }), intl.formatMessage(m.joined, named))}
        onRequest={({ codeVersion, message }) =>
          act(api.communityAction(c.id, "requests", { acceptCodeOfPractice: true, codeVersion, message }), intl.formatMessage(m.requested, named))
        }
        onLeave={() => act(api.communityAction(c.id, "leave", {}), intl.formatMessage(m.left, named))}
        onArchive={(reason) => act(api.communityAction(c.id, "archive", { reason }), intl.formatMessage(m.archived, named))}
        onDecide={(decision, reason, name) =>
          act(
            api.communityAction(c.id, "decision", { decision, reason, ...(name === undefined ? {} : { name }) }),
            decision === "reject"
              ? intl.formatMessage(m.rejected, named)
              : name === undefined
                ? intl.formatMessage(m.approved, named)
                : intl.formatMessage(m.approvedAs, { name: c.name, newName: name }),
          )
        }
      />
      <ManageCommunity
        community={c}
        onEdit={(edit) => act(api.communityAction(c.id, "edit", edit), intl.formatMessage(manageMessages.saved, named))}
        loadProposalContext={async () => {
          const [agencies, config] = await Promise.all([api.agencies(), api.clientConfig()]);
          return { agencies: agencies.items, classifications: config.classifications, naming: config.naming };
        }}
        onEditProposal={(input) => act(api.communityAction(c.id, "proposal", input), intl.formatMessage(manageMessages.proposalSaved, named))}
        onResubmit={(input) => act(api.communityAction(c.id, "resubmit", input), intl.formatMessage(manageMessages.resubmitted, named))}
        onWithdraw={() => act(api.communityAction(c.id, "withdraw", {}), intl.formatMessage(manageMessages.withdrawn, named))}
        onUnarchive={() => act(api.communityAction(c.id, "unarchive", {}), intl.formatMessage(manageMessages.unarchived, named))}
        onRetryRestore={() => actNow(api.communityAction(c.id, "unarchive/retry", {}), intl.formatMessage(manageMessages.restoreRetried))}
      />
      <div className={styles.grid}>
        <CommunityAbout community={c} />
        <TeamsPresence
          community={c}
          canRetry={can["community.retryProvisioning"]}
          onRetry={() => actNow(api.communityAction(c.id, "provisioning/retry", {}), intl.formatMessage(m.retryQueued))}
          canRetryArchive={can["community.retryArchive"]}
          onRetryArchive={() => actNow(api.communityAction(c.id, "archive/retry", {}), intl.formatMessage(m.archiveRetryQueued))}
        />
      </div>
      {can["community.decideRequests"] ? (
        <section aria-labelledby="community-requests" className={styles.section}>
          <h2 id="community-requests" className={styles.heading}>
            {intl.formatMessage(m.requestsHeading)}
          </h2>
          <JoinRequests
            requests={c.joinRequests}
            onApprove={(requestId) => {
              const who = c.joinRequests.find((r) => r.id === requestId)?.person.displayName;
              const success = who === undefined ? intl.formatMessage(m.requestApprovedUnnamed) : intl.formatMessage(m.requestApproved, { name: who });
              return actNow(api.decideJoinRequest(c.id, requestId, { decision: "approve", reason: "" }), success);
            }}
            onDecline={(requestId, reason) => act(api.decideJoinRequest(c.id, requestId, { decision: "decline", reason }), intl.formatMessage(m.requestDeclined))}
          />
        </section>
      ) : null}
      {c.members.length > 0 ? (
        <section aria-labelledby="community-members" className={styles.section}>
          <h2 id="community-members" className={styles.heading}>
            {intl.formatMessage(m.membersHeading, { count: c.memberCount })}
          </h2>
          <MemberList
            members={c.members}
            myId={me.person.id}
            can={{ changeRoles: can["community.changeRoles"], transferOwnership: can["community.transferOwnership"], manageMembers: can["community.manageMembers"] }}
            onChangeRole={(personId, role) => actNow(api.communityAction(c.id, "members/role", { personId, role }), intl.formatMessage(m.roleChanged))}
            onTransfer={(personId) => act(api.communityAction(c.id, "ownership", { personId }), intl.formatMessage(m.ownershipTransferred))}
            onRemove={(personId, reason) => act(api.communityAction(c.id, "members/remove", { personId, reason }), intl.formatMessage(m.memberRemoved))}
          />
        </section>
      ) : null}
      {can["community.invite"] ? (
        <section aria-labelledby="community-invite" className={styles.section}>
          <h2 id="community-invite" className={styles.heading}>
            {intl.formatMessage(m.inviteHeading)}
          </h2>
          <InvitePeople
            search={(q) => api.searchPeople(q).then((r) => r.items)}
            searchDirectory={(q) => api.searchDirectory(c.id, q)}
            memberIds={c.members.map((m) => m.id)}
            invitations={c.invitations ?? null}
            onInvite={(target) => api.communityAction(c.id, "invitations", target).then((r) => ("left" in r ? undefined : onUpdate(r)))}
          />
        </section>
      ) : null}
    </>
  );
}
