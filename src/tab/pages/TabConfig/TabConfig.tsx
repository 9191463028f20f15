import { useEffect, useState } from "react";
import { Page } from "../../components/Page/Page.js";
import { Prose } from "../../components/Prose/Prose.js";
import { useHost, useNotifyReady } from "../../host/HostContext.js";
import { defineMessages, rich, useIntl } from "../../i18n/intl.js";

const m = defineMessages({
  title: { id: "setup.tabConfig.title", defaultMessage: "Add Guildhall to this channel", description: "Heading of the page Teams shows when Guildhall is added as a channel tab" },
  save: {
    id: "setup.tabConfig.save",
    defaultMessage:
      "Select <b>Save</b> to add Guildhall as a tab. Everyone in the channel who is a verified public servant will see their communities of practice here.",
    description: "<b>Save</b> is the name of Teams' own button, as Teams shows it in the person's language",
  },
  outsideTeams: {
    id: "setup.tabConfig.outsideTeams",
    defaultMessage:
      "Microsoft Teams shows this page when someone adds Guildhall as a tab in a channel. Open Guildhall inside Teams to add it; there is nothing to configure here.",
  },
});

/**
 * The configurable tab's configuration page. Inside Teams it enables Save and saves the tab's content
 * URL (this origin); outside Teams it explains what it is for.
 */
export function TabConfig() {
  const host = useHost();
  const [registered, setRegistered] = useState(false);
  useEffect(() => {
    const origin = window.location.origin;
    setRegistered(
      host.registerTabConfig({
        contentUrl: `${origin}/`,
        websiteUrl: `${origin}/`,
        entityId: "guildhall",
        suggestedDisplayName: "Guildhall",
      }),
    );
  }, [host]);
  useNotifyReady();
  const intl = useIntl();
  return (
    <Page title={intl.formatMessage(m.title)}>
      <Prose>
        {registered ? (
          <p>{rich(intl, m.save, { b: (chunks) => <strong>{chunks}</strong> })}</p>
        ) : (
          <p>{intl.formatMessage(m.outsideTeams)}</p>
        )}
      </Prose>
    </Page>
  );
}
