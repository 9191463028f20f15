import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { DevIdentity } from "../../api/types.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import { useDevModeBannerStyles } from "./DevModeBanner.styles.js";

const m = defineMessages({
  title: { id: "setup.devMode.title", defaultMessage: "Local demo mode — no Microsoft 365 tenant connected", description: "Banner title when Guildhall runs without Teams" },
  usingAs: {
    id: "setup.devMode.usingAs",
    defaultMessage: "You are using Guildhall as {name} ({description}).",
    description: "name is the demo person's name; description says who they are (from the server, in English)",
  },
  choose: { id: "setup.devMode.choose", defaultMessage: "Choose a demo person to see Guildhall as they would." },
  switch: { id: "setup.devMode.switch", defaultMessage: "Switch identity", description: "Button that goes back to the demo identity picker" },
});

export interface DevModeBannerProps {
  identity: DevIdentity | undefined;
  onSwitch(): void;
}

/** Says plainly that no tenant is connected, who the demo user is, and lets them switch. */
export function DevModeBanner({ identity, onSwitch }: DevModeBannerProps) {
  const styles = useDevModeBannerStyles();
  const intl = useIntl();
  return (
    <MessageBar intent="warning" layout="multiline" className={styles.bar}>
      <MessageBarBody>
        <MessageBarTitle>{intl.formatMessage(m.title)}</MessageBarTitle>
        {identity ? intl.formatMessage(m.usingAs, { name: identity.displayName, description: identity.description }) : intl.formatMessage(m.choose)}
      </MessageBarBody>
      {identity ? (
        <MessageBarActions>
          <Button onClick={onSwitch}>{intl.formatMessage(m.switch)}</Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}
