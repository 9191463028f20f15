import { createContext, useContext, useEffect, useRef, type ReactNode } from "react";
import { usePageStyles } from "./Page.styles.js";

/**
 * Counts pages shown in this tab. The first page keeps the browser's initial focus (so the skip link is
 * the first stop); every later page moves focus to its heading so keyboard and screen-reader users land
 * on the new content.
 */
const PageFocusContext = createContext<{ first?: HTMLElement } | undefined>(undefined);

export function PageFocusScope({ children }: { children: ReactNode }) {
  const scope = useRef<{ first?: HTMLElement }>({});
  return <PageFocusContext.Provider value={scope.current}>{children}</PageFocusContext.Provider>;
}

export interface PageProps {
  /** The page's one h1. */
  title: ReactNode;
  /** A sentence under the heading. */
  lead?: ReactNode;
  /** Shown beside the heading (a badge, for instance). */
  aside?: ReactNode;
  children?: ReactNode;
}

export function Page({ title, lead, aside, children }: PageProps) {
  const styles = usePageStyles();
  const heading = useRef<HTMLHeadingElement>(null);
  const focus = useContext(PageFocusContext);
  useEffect(() => {
    const el = heading.current;
    if (!focus || !el) return;
    focus.first ??= el; // compared by element, so React's double-run effects in development are harmless
    if (focus.first !== el) el.focus();
  }, [focus]);
  return (
    <div className={styles.page}>
      <h1 ref={heading} tabIndex={-1} className={styles.heading}>
        {title}
      </h1>
      {aside}
      {lead ? <p className={styles.lead}>{lead}</p> : null}
      {children}
    </div>
  );
}
