/**
 * How many of the signed-in person's notices are unread, for the navigation's badge. Asked of the server when
 * someone is signed in, on every navigation and when the tab comes back into view; the Notices page hands over
 * the count the server gave after marking notices read (`set`), which wins over any answer still on its way.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useLocation } from "react-router-dom";
import type { ApiClient } from "../../api/client.js";

export interface UnreadNotices {
  /** Unknown until the server has answered (and for someone not signed in). */
  count: number | undefined;
  /** The count the server just gave (after marking notices read). */
  set(count: number): void;
  /** Ask the server again. */
  refresh(): void;
}

const NONE: UnreadNotices = { count: undefined, set: () => undefined, refresh: () => undefined };
const UnreadNoticesContext = createContext<UnreadNotices>(NONE);

export function useUnreadNotices(): UnreadNotices {
  return useContext(UnreadNoticesContext);
}

export interface UnreadNoticesProviderProps {
  /** The signed-in person's client; undefined until someone is signed in. */
  api: Pick<ApiClient, "unreadNotices"> | undefined;
  children: ReactNode;
}

export function UnreadNoticesProvider({ api, children }: UnreadNoticesProviderProps) {
  const [count, setCount] = useState<number>();
  // Each question and each handed-over count takes a number; an answer to an older question is dropped.
  const version = useRef(0);
  const { pathname } = useLocation();

  const refresh = useCallback(() => {
    if (!api) return;
    const asked = ++version.current;
    api.unreadNotices().then(
      (r) => {
        if (asked === version.current) setCount(r.unread);
      },
      (error: unknown) => console.debug("Could not count unread notices", error),
    );
  }, [api]);

  const set = useCallback((n: number) => {
    version.current += 1;
    setCount(n);
  }, []);

  useEffect(() => {
    if (!api) setCount(undefined);
  }, [api]);

  useEffect(() => {
    refresh();
  }, [refresh, pathname]);

  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === "visible") refresh();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [refresh]);

  const value = useMemo(() => ({ count: api ? count : undefined, set, refresh }), [api, count, set, refresh]);
  return <UnreadNoticesContext.Provider value={value}>{children}</UnreadNoticesContext.Provider>;
}
