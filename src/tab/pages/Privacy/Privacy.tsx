import { Page } from "../../components/Page/Page.js";
import { Prose } from "../../components/Prose/Prose.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";

const m = defineMessages({
  title: { id: "legal.privacy.title", defaultMessage: "Privacy", description: "Heading of the privacy page" },
  lead: { id: "legal.privacy.lead", defaultMessage: "What Guildhall keeps about you, where, and who can see it." },
  whereHeading: { id: "legal.privacy.where.heading", defaultMessage: "Where your data lives" },
  where: {
    id: "legal.privacy.where.body",
    defaultMessage:
      "Guildhall runs in your agency's own Microsoft Azure environment. Your profile and your communities are stored in your agency's database, inside your agency's tenant. Files you share are kept in the community's SharePoint library in Microsoft 365.",
  },
  keepsHeading: { id: "legal.privacy.keeps.heading", defaultMessage: "What Guildhall keeps" },
  keepsAccount: {
    id: "legal.privacy.keeps.account",
    defaultMessage: "Your name, work email, job title and agency, taken from your signed-in Microsoft 365 account.",
    description: "List item under “What Guildhall keeps”",
  },
  keepsInterests: {
    id: "legal.privacy.keeps.interests",
    defaultMessage: "Interests you choose to add, and the communities you join.",
    description: "List item under “What Guildhall keeps”",
  },
  keepsLog: {
    id: "legal.privacy.keeps.securityLog",
    defaultMessage: "A security log of sign-ins that were refused and changes to access, kept for audit.",
    description: "List item under “What Guildhall keeps”",
  },
  whoSees: { id: "legal.privacy.keeps.whoSees", defaultMessage: "Only verified public servants signed in to Guildhall can see profiles and communities." },
  notHeading: { id: "legal.privacy.doesNot.heading", defaultMessage: "What Guildhall does not do" },
  notTelemetry: {
    id: "legal.privacy.doesNot.telemetry",
    defaultMessage: "It sends no telemetry or analytics anywhere and loads no third-party scripts, fonts or trackers.",
    description: "List item under “What Guildhall does not do”; “It” is Guildhall",
  },
  notPassword: {
    id: "legal.privacy.doesNot.password",
    defaultMessage: "It never sees your password: Microsoft 365 signs you in.",
    description: "List item under “What Guildhall does not do”; “It” is Guildhall",
  },
  notFeedback: {
    id: "legal.privacy.doesNot.feedback",
    defaultMessage: "Session feedback is stored without anything that identifies who gave it.",
    description: "List item under “What Guildhall does not do”; a session is a community's meeting or event",
  },
  questionsHeading: { id: "legal.privacy.questions.heading", defaultMessage: "Questions or corrections" },
  questions: {
    id: "legal.privacy.questions.body",
    defaultMessage: "Ask your agency's Guildhall administrator to see, correct or delete what Guildhall holds about you.",
  },
});

export function Privacy() {
  const intl = useIntl();
  const t = (d: (typeof m)[keyof typeof m]) => intl.formatMessage(d);
  return (
    <Page title={t(m.title)} lead={t(m.lead)}>
      <Prose>
        <h2>{t(m.whereHeading)}</h2>
        <p>{t(m.where)}</p>
        <h2>{t(m.keepsHeading)}</h2>
        <ul>
          <li>{t(m.keepsAccount)}</li>
          <li>{t(m.keepsInterests)}</li>
          <li>{t(m.keepsLog)}</li>
        </ul>
        <p>{t(m.whoSees)}</p>
        <h2>{t(m.notHeading)}</h2>
        <ul>
          <li>{t(m.notTelemetry)}</li>
          <li>{t(m.notPassword)}</li>
          <li>{t(m.notFeedback)}</li>
        </ul>
        <h2>{t(m.questionsHeading)}</h2>
        <p>{t(m.questions)}</p>
      </Prose>
    </Page>
  );
}
