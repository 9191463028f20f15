import { defineMessages } from "../../i18n/intl.js";

/** What the community page announces after issue 8's actions (area manage). */
export const manageMessages = defineMessages({
  saved: { id: "manage.page.saved", defaultMessage: "Your changes to {name} were saved.", description: "Announced and shown; name is the community's" },
  codeAccepted: { id: "manage.page.codeAccepted", defaultMessage: "You accepted the code of practice of {name}." },
  proposalSaved: { id: "manage.page.proposalSaved", defaultMessage: "Your proposal for {name} was saved." },
  resubmitted: { id: "manage.page.resubmitted", defaultMessage: "Your proposal for {name} was resubmitted. A platform owner will review it again." },
  withdrawn: { id: "manage.page.withdrawn", defaultMessage: "Your proposal for {name} was withdrawn." },
  unarchived: { id: "manage.page.unarchived", defaultMessage: "{name} is active again. Its members have been told." },
  restoreRetried: { id: "manage.page.restoreRetried", defaultMessage: "Guildhall will try again to restore it in Microsoft Teams." },
});
