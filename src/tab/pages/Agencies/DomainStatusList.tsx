import { Badge } from "@fluentui/react-components";
import type { DomainLiveness } from "../../../domain/signInDomains.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import { useAgenciesStyles } from "./Agencies.styles.js";

const m = defineMessages({
  live: { id: "agencies.domain.live", defaultMessage: "Live", description: "Badge: people at this email domain can sign in" },
  partial: { id: "agencies.domain.partial", defaultMessage: "Partly live", description: "Badge: only some subdomains of this pattern are on the sign-in allow-list" },
  inactive: { id: "agencies.domain.inactive", defaultMessage: "Not live", description: "Badge: this email domain is not on the sign-in allow-list; nobody there can sign in" },
  liveHint: { id: "agencies.domain.liveHint", defaultMessage: "People there can sign in." },
  partialHint: { id: "agencies.domain.partialHint", defaultMessage: "Only some of its subdomains are on the sign-in allow-list." },
  inactiveHint: { id: "agencies.domain.inactiveHint", defaultMessage: "Not on the sign-in allow-list: nobody there can sign in." },
});

const BADGE = { live: "success", partial: "warning", inactive: "danger" } as const;

export interface DomainStatusListProps {
  /** The list's accessible name. */
  label: string;
  /** Each domain, with its liveness when the server told it (platform owners). */
  domains: readonly { domain: string; status?: DomainLiveness }[];
}

/** Email domains, each with whether people there can sign in: in words (a badge and a phrase), never colour alone. */
export function DomainStatusList({ label, domains }: DomainStatusListProps) {
  const styles = useAgenciesStyles();
  const intl = useIntl();
  if (domains.length === 0) return null;
  return (
    <ul className={styles.domains} aria-label={label}>
      {domains.map((d) => (
        <li key={d.domain} className={styles.domain}>
          <span className={styles.domainName}>{d.domain}</span>
          {d.status ? (
            <>
              <Badge appearance="tint" color={BADGE[d.status]} size="small">
                {intl.formatMessage(m[d.status])}
              </Badge>
              <span className={styles.domainHint}>{intl.formatMessage(m[`${d.status}Hint`])}</span>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
