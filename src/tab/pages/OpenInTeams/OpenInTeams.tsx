import { Page } from "../../components/Page/Page.js";
import { Prose } from "../../components/Prose/Prose.js";

/** Production deployment opened in a plain browser: sign-in happens through Teams. */
export function OpenInTeams() {
  return (
    <Page title="Open Guildhall in Microsoft Teams">
      <Prose>
        <p>
          Guildhall signs you in with your agency&apos;s Microsoft 365 account through Teams, so it only works
          inside Teams, Outlook or the Microsoft 365 app. Open Teams, find Guildhall under Apps, and open it there.
        </p>
      </Prose>
    </Page>
  );
}
