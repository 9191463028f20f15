import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { DevIdentity } from "../../api/types.js";
import { useDevModeBannerStyles } from "./DevModeBanner.styles.js";

export interface DevModeBannerProps {
  identity: DevIdentity | undefined;
  onSwitch(): void;
}

/** Says plainly that no tenant is connected, who the demo user is, and lets them switch. */
export function DevModeBanner({ identity, onSwitch }: DevModeBannerProps) {
  const styles = useDevModeBannerStyles();
  return (
    <MessageBar intent="warning" className={styles.bar}>
      <MessageBarBody>
        <MessageBarTitle>Local demo mode — no Microsoft 365 tenant connected</MessageBarTitle>
        {identity
          ? `You are using Guildhall as ${identity.displayName} (${identity.description}).`
          : "Choose a demo person to see Guildhall as they would."}
      </MessageBarBody>
      {identity ? (
        <MessageBarActions>
          <Button onClick={onSwitch}>Switch identity</Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}
