import { CompoundButton } from "@fluentui/react-components";
import type { DevIdentity } from "../../api/types.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import { useDevIdentityPickerStyles } from "./DevIdentityPicker.styles.js";

const m = defineMessages({
  label: { id: "setup.devIdentities.label", defaultMessage: "Demo identities", description: "Accessible name of the list of demo people (local demo mode)" },
});

export interface DevIdentityPickerProps {
  identities: readonly DevIdentity[];
  onChoose(key: string): void;
  /** The identity being signed in, if any: all choices are disabled meanwhile. */
  pendingKey?: string;
}

/** Local mode only: one button per demo person, showing their name and who they are. */
export function DevIdentityPicker({ identities, onChoose, pendingKey }: DevIdentityPickerProps) {
  const styles = useDevIdentityPickerStyles();
  const intl = useIntl();
  return (
    <ul className={styles.list} aria-label={intl.formatMessage(m.label)}>
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
