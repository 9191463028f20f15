import type { ReactNode } from "react";
import { PageFocusScope } from "../Page/Page.js";
import { RouterLink } from "../RouterLink/RouterLink.js";
import { useAppShellStyles } from "./AppShell.styles.js";

export interface ShellLink {
  to: string;
  label: string;
}

export interface AppShellProps {
  /** Primary navigation (header). */
  nav: readonly ShellLink[];
  /** Secondary links (footer): privacy, terms. */
  footer: readonly ShellLink[];
  /** Shown under the header bar, e.g. the local demo mode notice. */
  banner?: ReactNode;
  children: ReactNode;
}

/** Landmarks every page shares: a skip link, header with navigation, main, footer. */
export function AppShell({ nav, footer, banner, children }: AppShellProps) {
  const styles = useAppShellStyles();
  return (
    <div className={styles.shell}>
      <a className={styles.skipLink} href="#main">
        Skip to main content
      </a>
      <header className={styles.header}>
        <div className={styles.bar}>
          <div className={styles.brand}>
            <span className={styles.brandName}>Guildhall</span>
            <span className={styles.tagline}>Communities of practice for public servants</span>
          </div>
          <nav aria-label="Guildhall">
            <ul className={styles.navList}>
              {nav.map((link) => (
                <li key={link.to}>
                  <RouterLink to={link.to} className={styles.navLink}>
                    {link.label}
                  </RouterLink>
                </li>
              ))}
            </ul>
          </nav>
        </div>
        {banner ? <div className={styles.banner}>{banner}</div> : null}
      </header>
      <main id="main" tabIndex={-1} className={styles.main}>
        <PageFocusScope>{children}</PageFocusScope>
      </main>
      <footer className={styles.footer}>
        <span>Guildhall keeps your agency&apos;s data in your agency&apos;s tenant.</span>
        {footer.map((link) => (
          <RouterLink key={link.to} to={link.to}>
            {link.label}
          </RouterLink>
        ))}
      </footer>
    </div>
  );
}
