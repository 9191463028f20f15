import type { DevIdentity } from "../../api/types.js";
import { DevIdentityPicker } from "../../components/DevIdentityPicker/DevIdentityPicker.js";
import { Page } from "../../components/Page/Page.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";

const m = defineMessages({
  title: { id: "setup.chooseIdentity.title", defaultMessage: "Choose a demo identity", description: "Heading of the local demo mode's identity picker" },
  lead: {
    id: "setup.chooseIdentity.lead",
    defaultMessage:
      "This copy of Guildhall is running on its own, without a Microsoft 365 tenant. Pick a demo person to see Guildhall as they would: public servants from two tenants, a guest account, and someone from an organisation that isn't on the allow-list.",
  },
});

export interface ChooseIdentityProps {
  identities: readonly DevIdentity[];
  onChoose(key: string): void;
}

/** Local mode: pick a demo person. The server signs a token for them exactly as Teams SSO would. */
export function ChooseIdentity({ identities, onChoose }: ChooseIdentityProps) {
  const intl = useIntl();
  return (
    <Page title={intl.formatMessage(m.title)} lead={intl.formatMessage(m.lead)}>
      <DevIdentityPicker identities={identities} onChoose={onChoose} />
    </Page>
  );
}
