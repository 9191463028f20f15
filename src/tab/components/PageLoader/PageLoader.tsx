import { Component, Suspense, type ReactNode } from "react";
import { useNotifyReady } from "../../host/HostContext.js";
import { useAnnouncement } from "../LiveAnnouncer/LiveAnnouncer.js";
import { LoadFailure } from "../LoadFailure/LoadFailure.js";
import { LoadingState } from "../LoadingState/LoadingState.js";

/** While a page's code arrives: the same labelled spinner sign-in shows, in the same place (no layout jump). */
function PageLoading() {
  useAnnouncement("Loading the page…");
  return <LoadingState message="Loading the page…" />;
}

/** A page whose code could not be fetched (offline, or a release replaced it): say so, and tell the host we settled. */
function PageLoadFailure({ error }: { error: unknown }) {
  useNotifyReady();
  return <LoadFailure what="this page" error={error} onRetry={() => window.location.reload()} />;
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
