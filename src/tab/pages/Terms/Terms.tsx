import { Page } from "../../components/Page/Page.js";
import { Prose } from "../../components/Prose/Prose.js";

export function Terms() {
  return (
    <Page title="Terms of use" lead="Guildhall is a professional space for public servants.">
      <Prose>
        <ul>
          <li>Guildhall is open to verified staff of the government agencies it has been set up for. Guests are not.</li>
          <li>
            Your agency&apos;s ICT acceptable-use policy and your code of conduct apply here as they do in the rest of
            Microsoft 365.
          </li>
          <li>
            Share nothing above the security classification your agency has approved for Guildhall, and nothing you
            would not share with colleagues from other agencies.
          </li>
          <li>Community facilitators and platform owners may remove content or members that break these terms.</li>
          <li>Your agency provides Guildhall and is responsible for it; ask its Guildhall administrator for help.</li>
        </ul>
      </Prose>
    </Page>
  );
}
