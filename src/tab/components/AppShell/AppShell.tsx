import type { ReactNode } from "react";
import { PageFocusScope } from "../Page/Page.js";
import { RouterLink } from "../RouterLink/RouterLink.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import { useAppShellStyles } from "./AppShell.styles.js";

const m = defineMessages({
  brand: { id: "common.shell.brand", defaultMessage: "Guildhall", description: "The product's name, in the header" },
  skip: { id: "common.shell.skipToContent", defaultMessage: "Skip to main content", description: "Link for keyboard users, first on every page" },
  tagline: { id: "common.shell.tagline", defaultMessage: "Communities of practice for public servants" },
  navLabel: { id: "common.shell.navLabel", defaultMessage: "Guildhall", description: "Accessible name of the main navigation; the product name" },
  dataPromise: { id: "common.shell.dataPromise", defaultMessage: "Guildhall keeps your agency's data in your agency's tenant.", description: "Footer" },
});

export interface ShellLink {
  to: string;
  label: string;
  /**
   * A count beside the label (unread notices): `text` is shown in a badge, `name` is the link's whole accessible
   * name (e.g. "Notices, 3 unread"), so it is said in words, never shown by colour alone.
   */
  badge?: { text: string; name: string };
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
  const intl = useIntl();
  return (
    <div className={styles.shell}>
      <a className={styles.skipLink} href="#main">
        {intl.formatMessage(m.skip)}
      </a>
      <header className={styles.header}>
        <div className={styles.bar}>
          <div className={styles.brand}>
            <span className={styles.brandName}>{intl.formatMessage(m.brand)}</span>
            <span className={styles.tagline}>{intl.formatMessage(m.tagline)}</span>
          </div>
          <nav aria-label={intl.formatMessage(m.navLabel)}>
            <ul className={styles.navList}>
              {nav.map((link) => (
                <li key={link.to}>
                  <RouterLink to={link.to} className={styles.navLink}>
                    {link.badge ? (
                      <>
                        <span aria-hidden="true">{link.label}</span>
                        <span aria-hidden="true" className={styles.navBadge}>
                          {link.badge.text}
                        </span>
                        <span className={styles.visuallyHidden}>{link.badge.name}</span>
                      </>
                    ) : (
                      link.label
                    )}
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
        <span>{intl.formatMessage(m.dataPromise)}</span>
        {footer.map((link) => (
          <RouterLink key={link.to} to={link.to}>
            {link.label}
          </RouterLink>
        ))}
      </footer>
    </div>
  );
}
