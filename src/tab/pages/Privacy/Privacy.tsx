import { Page } from "../../components/Page/Page.js";
import { Prose } from "../../components/Prose/Prose.js";

export function Privacy() {
  return (
    <Page title="Privacy" lead="What Guildhall keeps about you, where, and who can see it.">
      <Prose>
        <h2>Where your data lives</h2>
        <p>
          Guildhall runs in your agency&apos;s own Microsoft Azure environment. Your profile and your communities are
          stored in your agency&apos;s database, inside your agency&apos;s tenant. Files you share are kept in the
          community&apos;s SharePoint library in Microsoft 365.
        </p>
        <h2>What Guildhall keeps</h2>
        <ul>
          <li>Your name, work email, job title and agency, taken from your signed-in Microsoft 365 account.</li>
          <li>Interests you choose to add, and the communities you join.</li>
          <li>A security log of sign-ins that were refused and changes to access, kept for audit.</li>
        </ul>
        <p>Only verified public servants signed in to Guildhall can see profiles and communities.</p>
        <h2>What Guildhall does not do</h2>
        <ul>
          <li>It sends no telemetry or analytics anywhere and loads no third-party scripts, fonts or trackers.</li>
          <li>It never sees your password: Microsoft 365 signs you in.</li>
          <li>Session feedback is stored without anything that identifies who gave it.</li>
        </ul>
        <h2>Questions or corrections</h2>
        <p>Ask your agency&apos;s Guildhall administrator to see, correct or delete what Guildhall holds about you.</p>
      </Prose>
    </Page>
  );
}
