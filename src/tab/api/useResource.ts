import { useCallback, useEffect, useRef, useState, type DependencyList } from "react";

export type ResourceState<T> = { status: "loading" } | { status: "ready"; data: T } | { status: "error"; error: unknown };

export interface Resource<T> {
  state: ResourceState<T>;
  /** A newer answer is on its way (the data shown may be about to change). */
  pending: boolean;
  /** Load again (after a failure, or to refresh). */
  reload(): void;
  /** Replace the data with a newer copy the server sent (an action's answer). */
  replace(data: T): void;
}

/**
 * Load something from the server when `deps` change. An answer that arrives after a newer request was
 * started is dropped, so a quick change of filters never shows stale results. Data already shown stays
 * on screen while newer data loads.
 */
export function useResource<T>(load: () => Promise<T>, deps: DependencyList): Resource<T> {
  const [state, setState] = useState<ResourceState<T>>({ status: "loading" });
  const [pending, setPending] = useState(true);
  const generation = useRef(0);
  const loader = useCallback(load, deps); // the caller names what the loader depends on

  const run = useCallback(() => {
    const mine = ++generation.current;
    setPending(true);
    setState((s) => (s.status === "ready" ? s : { status: "loading" }));
    const settle = (next: ResourceState<T>) => {
      if (mine !== generation.current) return;
      setState(next);
      setPending(false);
    };
    loader().then(
      (data) => settle({ status: "ready", data }),
      (error: unknown) => settle({ status: "error", error }),
    );
  }, [loader]);

  useEffect(() => {
    run();
    return () => {
      generation.current += 1;
    };
  }, [run]);

  const replace = useCallback((data: T) => {
    generation.current += 1;
    setPending(false);
    setState({ status: "ready", data });
  }, []);

  return { state, pending, reload: run, replace };
}
