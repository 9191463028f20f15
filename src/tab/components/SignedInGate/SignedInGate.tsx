import { useEffect, type ReactNode } from "react";
import type { ApiClient } from "../../api/client.js";
import type { Me } from "../../api/types.js";
import { useNotifyReady } from "../../host/HostContext.js";
import { defineMessages, useIntl, type Formatter } from "../../i18n/intl.js";
import { ChooseIdentity } from "../../pages/ChooseIdentity/ChooseIdentity.js";
import { NotEligible } from "../../pages/NotEligible/NotEligible.js";
import { OpenInTeams } from "../../pages/OpenInTeams/OpenInTeams.js";
import { ServiceProblem } from "../../pages/ServiceProblem/ServiceProblem.js";
import { SignInProblem } from "../../pages/SignInProblem/SignInProblem.js";
import { useSession } from "../../session/SessionContext.js";
import { describeSessionError, sessionMessages, type SessionState } from "../../session/state.js";
import { useAnnouncement } from "../LiveAnnouncer/LiveAnnouncer.js";
import { LoadingState } from "../LoadingState/LoadingState.js";

const m = defineMessages({
  signedIn: { id: "common.session.signedInAs", defaultMessage: "Signed in as {name}", description: "Announced to screen readers once sign-in succeeds" },
  chooseIdentity: { id: "common.session.chooseIdentity", defaultMessage: "Choose a demo identity", description: "Announced in local demo mode when the identity picker opens" },
  notEligible: {
    id: "common.session.notEligible",
    defaultMessage: "Guildhall is open to verified public servants only",
    description: "Announced when the server refuses the person",
  },
});

function announcementFor(state: SessionState, intl: Formatter): string | undefined {
  switch (state.status) {
    case "loading":
      return intl.formatMessage(state.step === "connecting" ? sessionMessages.connecting : sessionMessages.checking);
    case "ready":
      return intl.formatMessage(m.signedIn, { name: state.me.person.displayName });
    case "choose-identity":
      return intl.formatMessage(m.chooseIdentity);
    case "not-eligible":
      return intl.formatMessage(m.notEligible);
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
  const intl = useIntl();
  const { state } = session;
  useEffect(() => session.start(), [session]);
  useNotifyReady(state.status !== "idle" && state.status !== "loading");
  useAnnouncement(announcementFor(state, intl));

  switch (state.status) {
    case "idle":
      return <LoadingState message={intl.formatMessage(sessionMessages.starting)} />;
    case "loading":
      return <LoadingState message={intl.formatMessage(state.step === "connecting" ? sessionMessages.connecting : sessionMessages.checking)} />;
    case "choose-identity":
      return <ChooseIdentity identities={session.identities} onChoose={session.chooseIdentity} />;
    case "ready":
      return session.api ? <>{children(state.me, session.api)}</> : <LoadingState message={intl.formatMessage(sessionMessages.checking)} />;
    case "not-eligible":
      return <NotEligible message={describeSessionError(state.error, intl)} reason={state.reason} requestId={state.requestId} />;
    case "sign-in-problem":
      return (
        <SignInProblem
          message={describeSessionError(state.error, intl)}
          requestId={state.requestId}
          onRetry={session.retry}
          onSwitchIdentity={session.mode === "dev" ? session.switchIdentity : undefined}
        />
      );
    case "open-in-teams":
      return <OpenInTeams />;
    case "failed":
      return <ServiceProblem message={describeSessionError(state.error, intl)} requestId={state.requestId} onRetry={session.retry} />;
  }
}
