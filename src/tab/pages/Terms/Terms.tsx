import { Page } from "../../components/Page/Page.js";
import { Prose } from "../../components/Prose/Prose.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";

const m = defineMessages({
  title: { id: "legal.terms.title", defaultMessage: "Terms of use", description: "Heading of the terms of use page" },
  lead: { id: "legal.terms.lead", defaultMessage: "Guildhall is a professional space for public servants." },
  who: {
    id: "legal.terms.who",
    defaultMessage: "Guildhall is open to verified staff of the government agencies it has been set up for. Guests are not.",
    description: "One of the terms (a list item)",
  },
  policies: {
    id: "legal.terms.policies",
    defaultMessage: "Your agency's ICT acceptable-use policy and your code of conduct apply here as they do in the rest of Microsoft 365.",
    description: "One of the terms (a list item)",
  },
  classification: {
    id: "legal.terms.classification",
    defaultMessage:
      "Share nothing above the security classification your agency has approved for Guildhall, and nothing you would not share with colleagues from other agencies.",
    description: "One of the terms (a list item)",
  },
  removal: {
    id: "legal.terms.removal",
    defaultMessage: "Community facilitators and platform owners may remove content or members that break these terms.",
    description: "One of the terms (a list item); facilitators are the people who run a community",
  },
  provider: {
    id: "legal.terms.provider",
    defaultMessage: "Your agency provides Guildhall and is responsible for it; ask its Guildhall administrator for help.",
    description: "One of the terms (a list item)",
  },
});

export function Terms() {
  const intl = useIntl();
  return (
    <Page title={intl.formatMessage(m.title)} lead={intl.formatMessage(m.lead)}>
      <Prose>
        <ul>
          <li>{intl.formatMessage(m.who)}</li>
          <li>{intl.formatMessage(m.policies)}</li>
          <li>{intl.formatMessage(m.classification)}</li>
          <li>{intl.formatMessage(m.removal)}</li>
          <li>{intl.formatMessage(m.provider)}</li>
        </ul>
      </Prose>
    </Page>
  );
}
