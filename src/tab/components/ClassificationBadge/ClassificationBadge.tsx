import { Badge, type BadgeProps } from "@fluentui/react-components";
import type { Classification } from "../../api/communityTypes.js";
import { useClassificationBadgeStyles } from "./ClassificationBadge.styles.js";

const COLOUR: Record<Classification, BadgeProps["color"]> = {
  OFFICIAL: "informative",
  OFFICIAL_SENSITIVE: "warning",
  PROTECTED: "danger",
};

export interface ClassificationBadgeProps {
  classification: Classification;
  /** The server's label, e.g. "OFFICIAL: Sensitive". */
  label: string;
}

/** The protective marking, shown wherever the community appears; read out as "Classification: …". */
export function ClassificationBadge({ classification, label }: ClassificationBadgeProps) {
  const styles = useClassificationBadgeStyles();
  return (
    <Badge appearance="filled" shape="rounded" color={COLOUR[classification] ?? "informative"} className={styles.badge}>
      <span className={styles.hidden}>Classification: </span>
      {label}
    </Badge>
  );
}
