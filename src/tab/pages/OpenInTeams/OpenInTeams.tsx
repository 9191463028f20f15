import { Page } from "../../components/Page/Page.js";
import { Prose } from "../../components/Prose/Prose.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";

const m = defineMessages({
  title: { id: "setup.openInTeams.title", defaultMessage: "Open Guildhall in Microsoft Teams" },
  body: {
    id: "setup.openInTeams.body",
    defaultMessage:
      "Guildhall signs you in with your agency's Microsoft 365 account through Teams, so it only works inside Teams, Outlook or the Microsoft 365 app. Open Teams, find Guildhall under Apps, and open it there.",
    description: "“Apps” is the name of Teams' apps section, as Teams shows it",
  },
});

/** Production deployment opened in a plain browser: sign-in happens through Teams. */
export function OpenInTeams() {
  const intl = useIntl();
  return (
    <Page title={intl.formatMessage(m.title)}>
      <Prose>
        <p>{intl.formatMessage(m.body)}</p>
      </Prose>
    </Page>
  );
}
