import { useEffect, type ReactNode } from "react";
import type { ApiClient } from "../../api/client.js";
import type { Me } from "../../api/types.js";
import { useNotifyReady } from "../../host/HostContext.js";
import { ChooseIdentity } from "../../pages/ChooseIdentity/ChooseIdentity.js";
import { NotEligible } from "../../pages/NotEligible/NotEligible.js";
import { OpenInTeams } from "../../pages/OpenInTeams/OpenInTeams.js";
import { ServiceProblem } from "../../pages/ServiceProblem/ServiceProblem.js";
import { SignInProblem } from "../../pages/SignInProblem/SignInProblem.js";
import { useSession } from "../../session/SessionContext.js";
import type { SessionState } from "../../session/state.js";
import { useAnnouncement } from "../LiveAnnouncer/LiveAnnouncer.js";
import { LoadingState } from "../LoadingState/LoadingState.js";

function announcementFor(state: SessionState): string | undefined {
  switch (state.status) {
    case "loading":
      return state.message;
    case "ready":
      return `Signed in as ${state.me.person.displayName}`;
    case "choose-identity":
      return "Choose a demo identity";
    case "not-eligible":
      return "Guildhall is open to verified public servants only";
    default:
      return undefined; // problem pages announce themselves with role="alert"
  }
}

/**
 * Renders `children(me, api)` for a signed-in, eligible person (with an API client carrying their token);
 * otherwise the right page for where sign-in stands. Every route that needs a person goes through here.
 */
export function SignedInGate({ children }: { children: (me: Me, api: ApiClient) => ReactNode }) {
  const session = useSession();
  const { state } = session;
  useEffect(() => session.start(), [session]);
  useNotifyReady(state.status !== "idle" && state.status !== "loading");
  useAnnouncement(announcementFor(state));

  switch (state.status) {
    case "idle":
    case "loading":
      return <LoadingState message={state.status === "loading" ? state.message : "Starting Guildhall…"} />;
    case "choose-identity":
      return <ChooseIdentity identities={session.identities} onChoose={session.chooseIdentity} />;
    case "ready":
      return session.api ? <>{children(state.me, session.api)}</> : <LoadingState message="Checking who you are…" />;
    case "not-eligible":
      return <NotEligible message={state.message} reason={state.reason} requestId={state.requestId} />;
    case "sign-in-problem":
      return (
        <SignInProblem
          message={state.message}
          requestId={state.requestId}
          onRetry={session.retry}
          onSwitchIdentity={session.mode === "dev" ? session.switchIdentity : undefined}
        />
      );
    case "open-in-teams":
      return <OpenInTeams />;
    case "failed":
      return <ServiceProblem message={state.message} requestId={state.requestId} onRetry={session.retry} />;
  }
}
