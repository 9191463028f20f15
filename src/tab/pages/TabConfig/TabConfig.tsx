import { useEffect, useState } from "react";
import { Page } from "../../components/Page/Page.js";
import { Prose } from "../../components/Prose/Prose.js";
import { useHost, useNotifyReady } from "../../host/HostContext.js";

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
  return (
    <Page title="Add Guildhall to this channel">
      <Prose>
        {registered ? (
          <p>
            Select <strong>Save</strong> to add Guildhall as a tab. Everyone in the channel who is a verified public
            servant will see their communities of practice here.
          </p>
        ) : (
          <p>
            Microsoft Teams shows this page when someone adds Guildhall as a tab in a channel. Open Guildhall inside
            Teams to add it; there is nothing to configure here.
          </p>
        )}
      </Prose>
    </Page>
  );
}
