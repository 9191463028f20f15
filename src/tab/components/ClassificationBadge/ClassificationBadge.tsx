import { Badge, type BadgeProps } from "@fluentui/react-components";
import type { ReactNode } from "react";
import type { Classification } from "../../api/communityTypes.js";
import { rich, useIntl } from "../../i18n/intl.js";
import { CLASSIFICATION_BADGE, classificationName } from "./classificationText.js";
import { useClassificationBadgeStyles } from "./ClassificationBadge.styles.js";

const COLOUR: Record<Classification, BadgeProps["color"]> = {
  OFFICIAL: "informative",
  OFFICIAL_SENSITIVE: "warning",
  PROTECTED: "danger",
};

export interface ClassificationBadgeProps {
  classification: Classification;
  /** The server's label, e.g. "OFFICIAL: Sensitive": shown only for a classification the tab has no name for. */
  label?: string;
}

/** The protective marking, shown wherever the community appears; read out as "Classification: …". */
export function ClassificationBadge({ classification, label }: ClassificationBadgeProps) {
  const styles = useClassificationBadgeStyles();
  const intl = useIntl();
  return (
    <Badge appearance="filled" shape="rounded" color={COLOUR[classification] ?? "informative"} className={styles.badge}>
      {rich(intl, CLASSIFICATION_BADGE, {
        name: classificationName(intl, classification, label),
        hidden: (chunks: ReactNode[]) => <span className={styles.hidden}>{chunks}</span>,
      })}
    </Badge>
  );
}
