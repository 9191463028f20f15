import type { ReactNode } from "react";
import { useProseStyles } from "./Prose.styles.js";

/** Readable running text (line length, spacing) for the privacy, terms and help pages. */
export function Prose({ children }: { children: ReactNode }) {
  const styles = useProseStyles();
  return <div className={styles.prose}>{children}</div>;
}
