import { CompoundButton } from "@fluentui/react-components";
import type { DevIdentity } from "../../api/types.js";
import { useDevIdentityPickerStyles } from "./DevIdentityPicker.styles.js";

export interface DevIdentityPickerProps {
  identities: readonly DevIdentity[];
  onChoose(key: string): void;
  /** The identity being signed in, if any: all choices are disabled meanwhile. */
  pendingKey?: string;
}

/** Local mode only: one button per demo person, showing their name and who they are. */
export function DevIdentityPicker({ identities, onChoose, pendingKey }: DevIdentityPickerProps) {
  const styles = useDevIdentityPickerStyles();
  return (
    <ul className={styles.list} aria-label="Demo identities">
      {identities.map((identity) => (
        <li key={identity.key} className={styles.item}>
          <CompoundButton
            className={styles.button}
            secondaryContent={identity.description}
            disabledFocusable={pendingKey !== undefined}
            onClick={() => onChoose(identity.key)}
          >
            {identity.displayName}
          </CompoundButton>
        </li>
      ))}
    </ul>
  );
}
