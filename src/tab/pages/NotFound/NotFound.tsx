import { Page } from "../../components/Page/Page.js";
import { Prose } from "../../components/Prose/Prose.js";
import { RouterLink } from "../../components/RouterLink/RouterLink.js";
import { defineMessages, rich, useIntl } from "../../i18n/intl.js";

const m = defineMessages({
  title: { id: "common.notFound.title", defaultMessage: "Page not found", description: "Heading for an address the tab has no page for" },
  body: {
    id: "common.notFound.body",
    defaultMessage: "There is nothing at this address. It may have moved, or the link may be mistyped. <home>Go to the Guildhall home page</home>.",
    description: "<home>…</home> is a link to the home page",
  },
});

export function NotFound() {
  const intl = useIntl();
  return (
    <Page title={intl.formatMessage(m.title)}>
      <Prose>
        <p>{rich(intl, m.body, { home: (chunks) => <RouterLink to="/">{chunks}</RouterLink> })}</p>
      </Prose>
    </Page>
  );
}
