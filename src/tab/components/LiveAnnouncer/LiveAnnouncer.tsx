/**
 * One polite live region that stays in the page, so status changes (loading, signed in, refused) are
 * announced even when the element that shows them is newly inserted.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { useLiveAnnouncerStyles } from "./LiveAnnouncer.styles.js";

export type Announce = (message: string) => void;
const AnnounceContext = createContext<Announce>(() => undefined);

export function LiveAnnouncer({ children }: { children: ReactNode }) {
  const styles = useLiveAnnouncerStyles();
  const [message, setMessage] = useState("");
  const announce = useCallback<Announce>((text) => {
    // Clear first so repeating the same message is announced again.
    setMessage("");
    requestAnimationFrame(() => setMessage(text));
  }, []);
  const value = useMemo(() => announce, [announce]);
  return (
    <AnnounceContext.Provider value={value}>
      {children}
      <div role="status" aria-live="polite" aria-atomic="true" className={styles.region} data-testid="live-region">
        {message}
      </div>
    </AnnounceContext.Provider>
  );
}

/** The announcer itself, for saying something once after an action (it survives a change of page). */
export function useAnnounce(): Announce {
  return useContext(AnnounceContext);
}

/** Announce `message` whenever it changes (nothing when undefined). */
export function useAnnouncement(message: string | undefined): void {
  const announce = useContext(AnnounceContext);
  useEffect(() => {
    if (message) announce(message);
  }, [announce, message]);
}
