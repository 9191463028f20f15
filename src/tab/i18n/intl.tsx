/**
 * How the tab's code reaches its words (the formatter is src/i18n/format.ts). Components define their
 * messages with `defineMessages` (en-AU text in the code; the catalogs hold every locale) and format them with
 * `useIntl()`:
 *
 *   const m = defineMessages({ join: { id: "community.actions.join", defaultMessage: "Join" } });
 *   const intl = useIntl();
 *   <Button>{intl.formatMessage(m.join)}</Button>
 *   <p>{rich(intl, m.terms, { a: (chunks) => <Link href="/terms">{chunks}</Link> })}</p>
 *
 * Outside the app's provider (a component rendered on its own in a unit test) `useIntl()` formats the en-AU
 * source text, so a test of one component needs no set-up.
 */
import { createContext, Fragment, useContext, type ReactNode } from "react";
import { sourceFormatter, defineMessage, defineMessages, type Formatter, type MessageDescriptor, type RichValues } from "../../i18n/format.js";

const source = sourceFormatter();

export const IntlContext = createContext<Formatter | undefined>(undefined);

/** The formatter of the locale the tab shows. */
export function useIntl(): Formatter {
  return useContext(IntlContext) ?? source;
}

/** A message with tags (`<a>…</a>`, `<b>…</b>`) as React nodes. */
export function rich(intl: Formatter, descriptor: MessageDescriptor, values: RichValues<ReactNode>): ReactNode {
  return intl.formatRich<ReactNode>(descriptor, values).map((part, i) => <Fragment key={i}>{part}</Fragment>);
}

export { defineMessage, defineMessages };
export type { Formatter, MessageDescriptor };
