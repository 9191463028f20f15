import { Component, Suspense, type ReactNode } from "react";
import { useNotifyReady } from "../../host/HostContext.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import { useAnnouncement } from "../LiveAnnouncer/LiveAnnouncer.js";
import { LoadFailure } from "../LoadFailure/LoadFailure.js";
import { LoadingState } from "../LoadingState/LoadingState.js";

const m = defineMessages({
  loading: { id: "common.pageLoader.loading", defaultMessage: "Loading the page…", description: "Spinner label and announcement while a page's code downloads" },
  thisPage: { id: "common.pageLoader.thisPage", defaultMessage: "this page", description: "Fills {what} in “Couldn't load {what}” when a page's code could not be fetched" },
});

/** While a page's code arrives: the same labelled spinner sign-in shows, in the same place (no layout jump). */
function PageLoading() {
  const intl = useIntl();
  const message = intl.formatMessage(m.loading);
  useAnnouncement(message);
  return <LoadingState message={message} />;
}

/** A page whose code could not be fetched (offline, or a release replaced it): say so, and tell the host we settled. */
function PageLoadFailure({ error }: { error: unknown }) {
  useNotifyReady();
  const intl = useIntl();
  return <LoadFailure what={intl.formatMessage(m.thisPage)} error={error} onRetry={() => window.location.reload()} />;
}

interface BoundaryProps {
  /** The route shown: a failure is forgotten when it changes. */
  page: string;
  children: ReactNode;
}

class PageErrorBoundary extends Component<BoundaryProps, { failure?: { error: unknown } }> {
  override state: { failure?: { error: unknown } } = {};

  static getDerivedStateFromError(error: unknown): { failure: { error: unknown } } {
    return { failure: { error } };
  }

  override componentDidUpdate(prev: BoundaryProps): void {
    if (prev.page !== this.props.page && this.state.failure) this.setState({ failure: undefined });
  }

  override render(): ReactNode {
    return this.state.failure ? <PageLoadFailure error={this.state.failure.error} /> : this.props.children;
  }
}

/**
 * Shows a lazily loaded page. Nothing inside commits until the page's code has arrived, so effects inside
 * (the sign-in gate telling Teams the tab is ready, for one) run only once the page itself renders. The
 * boundary stays across routes, so a navigation (a transition) keeps the current page until the next is ready.
 */
export function PageLoader({ page, children }: BoundaryProps) {
  return (
    <Suspense fallback={<PageLoading />}>
      <PageErrorBoundary page={page}>{children}</PageErrorBoundary>
    </Suspense>
  );
}
