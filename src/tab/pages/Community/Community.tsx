import { Badge, MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { ApiError, type ApiClient } from "../../api/client.js";
import type { CommunityActionResult, CommunityDetail } from "../../api/communityTypes.js";
import type { Me } from "../../api/types.js";
import { useResource } from "../../api/useResource.js";
import { ClassificationBadge } from "../../components/ClassificationBadge/ClassificationBadge.js";
import { CommunityAbout } from "../../components/CommunityAbout/CommunityAbout.js";
import { CommunityActions } from "../../components/CommunityActions/CommunityActions.js";
import { ROLE_TEXT, STATUS_TEXT } from "../../components/CommunityFacts/communityText.js";
import { InvitePeople } from "../../components/InvitePeople/InvitePeople.js";
import { JoinRequests } from "../../components/JoinRequests/JoinRequests.js";
import { useAnnounce } from "../../components/LiveAnnouncer/LiveAnnouncer.js";
import { LoadFailure } from "../../components/LoadFailure/LoadFailure.js";
import { LoadingState } from "../../components/LoadingState/LoadingState.js";
import { MemberList } from "../../components/MemberList/MemberList.js";
import { Page } from "../../components/Page/Page.js";
import { TeamsPresence } from "../../components/TeamsPresence/TeamsPresence.js";
import { NotFound } from "../NotFound/NotFound.js";
import { useCommunityStyles } from "./Community.styles.js";

export interface CommunityProps {
  me: Me;
  api: ApiClient;
}

/** One community: what it is, its Teams presence, and whatever the server lets this person do with it. */
export function Community({ me, api }: CommunityProps) {
  const styles = useCommunityStyles();
  const { id = "" } = useParams();
  const resource = useResource(() => api.community(id), [api, id]);
  const { state } = resource;
  const c = state.status === "ready" ? state.data : undefined;
  const notFound = state.status === "error" && state.error instanceof ApiError && state.error.isNotFound;
  useSetUpProgress(api, id, c, resource.replace);
  const title = notFound ? "Page not found" : c?.name;
  useEffect(() => {
    if (title) document.title = `${title} · Guildhall`;
  }, [title]);
  if (notFound) return <NotFound />;
  // One Page throughout, so the heading that received focus stays put when the community arrives.
  return (
    <Page
      title={c?.name ?? "Community"}
      lead={c?.purpose}
      aside={
        c ? (
          <div className={styles.badges}>
            <ClassificationBadge classification={c.classification} label={c.classificationLabel} />
            {c.status !== "approved" ? (
              <Badge appearance="outline" color="informative">
                {STATUS_TEXT[c.status]}
              </Badge>
            ) : null}
            {c.myRole ? (
              <Badge appearance="tint" color="brand">
                {`You are ${c.myRole === "owner" ? "an owner" : `a ${ROLE_TEXT[c.myRole].toLowerCase()}`}`}
              </Badge>
            ) : null}
          </div>
        ) : undefined
      }
    >
      {state.status === "loading" ? <LoadingState message="Loading the community…" /> : null}
      {state.status === "error" ? <LoadFailure what="this community" error={state.error} onRetry={resource.reload} /> : null}
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
    if (teamsState === "linked") announce("The Microsoft Teams set-up is finished.");
    if (teamsState === "failed") announce("The Microsoft Teams set-up did not finish.");
    setWatched(false);
  }, [watched, inProgress, teamsState, announce]);
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
  const [done, setDone] = useState<string>();
  const can = c.abilities;

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
            <MessageBarTitle>Awaiting approval</MessageBarTitle>A platform owner will approve or reject this proposal.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {c.status === "rejected" ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Not approved</MessageBarTitle>
            {c.decisionReason ?? "A platform owner rejected this proposal."}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {c.status === "archived" ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>This community is archived and read-only.</MessageBarBody>
        </MessageBar>
      ) : null}
      {c.requested ? <p className={styles.note}>You have asked to join. The moderators will reply, and you will see their answer in Notices.</p> : null}
      {c.invited && !c.myRole ? <p className={styles.note}>You have been invited to join this community.</p> : null}
      <CommunityActions
        community={c}
        onJoin={({ codeVersion }) => act(api.communityAction(c.id, "join", { acceptCodeOfPractice: true, codeVersion }), `You joined ${c.name}.`)}
        onRequest={({ codeVersion, message }) =>
          act(api.communityAction(c.id, "requests", { acceptCodeOfPractice: true, codeVersion, message }), `You asked to join ${c.name}.`)
        }
        onLeave={() => act(api.communityAction(c.id, "leave", {}), `You left ${c.name}.`)}
        onArchive={() => act(api.communityAction(c.id, "archive", {}), `${c.name} is archived.`)}
        onDecide={(decision, reason, name) =>
          act(
            api.communityAction(c.id, "decision", { decision, reason, ...(name === undefined ? {} : { name }) }),
            decision === "reject" ? `${c.name} was rejected.` : name === undefined ? `${c.name} is approved.` : `${c.name} is approved as ${name}.`,
          )
        }
      />
      <div className={styles.grid}>
        <CommunityAbout community={c} />
        <TeamsPresence
          community={c}
          canRetry={can["community.retryProvisioning"]}
          onRetry={() => actNow(api.communityAction(c.id, "provisioning/retry", {}), "The Teams set-up will be tried again.")}
          canRetryArchive={can["community.retryArchive"]}
          onRetryArchive={() => actNow(api.communityAction(c.id, "archive/retry", {}), "Archiving in Teams will be tried again.")}
        />
      </div>
      {can["community.decideRequests"] ? (
        <section aria-labelledby="community-requests" className={styles.section}>
          <h2 id="community-requests" className={styles.heading}>
            Requests to join
          </h2>
          <JoinRequests
            requests={c.joinRequests}
            onApprove={(requestId) => {
              const who = c.joinRequests.find((r) => r.id === requestId)?.person.displayName ?? "The requester";
              return actNow(api.decideJoinRequest(c.id, requestId, { decision: "approve", reason: "" }), `${who} is now a member.`);
            }}
            onDecline={(requestId, reason) => act(api.decideJoinRequest(c.id, requestId, { decision: "decline", reason }), "The request was declined.")}
          />
        </section>
      ) : null}
      {c.members.length > 0 ? (
        <section aria-labelledby="community-members" className={styles.section}>
          <h2 id="community-members" className={styles.heading}>
            Members ({c.memberCount})
          </h2>
          <MemberList
            members={c.members}
            myId={me.person.id}
            can={{ changeRoles: can["community.changeRoles"], transferOwnership: can["community.transferOwnership"], manageMembers: can["community.manageMembers"] }}
            onChangeRole={(personId, role) => actNow(api.communityAction(c.id, "members/role", { personId, role }), "The role was changed.")}
            onTransfer={(personId) => act(api.communityAction(c.id, "ownership", { personId }), "Ownership was handed over.")}
            onRemove={(personId, reason) => act(api.communityAction(c.id, "members/remove", { personId, reason }), "The member was removed.")}
          />
        </section>
      ) : null}
      {can["community.invite"] ? (
        <section aria-labelledby="community-invite" className={styles.section}>
          <h2 id="community-invite" className={styles.heading}>
            Invite someone
          </h2>
          <InvitePeople
            search={(q) => api.searchPeople(q).then((r) => r.items)}
            memberIds={c.members.map((m) => m.id)}
            onInvite={(personId) => api.communityAction(c.id, "invitations", { personId }).then((r) => ("left" in r ? undefined : onUpdate(r)))}
          />
        </section>
      ) : null}
    </>
  );
}
