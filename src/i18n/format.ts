/**
 * The one formatter Guildhall's code uses, in the tab and on the server: ICU messages (FormatJS's
 * intl-messageformat: plurals, select, numbers, dates, tags) plus the locale's dates, times, numbers and lists
 * (the platform's Intl). The tab gets messages already parsed; the server parses on first use.
 *
 * Messages are declared where they are used, with the en-AU text in the code:
 *
 *   const m = defineMessages({ join: { id: "community.join", defaultMessage: "Join" } });
 *   intl.formatMessage(m.join)
 *
 * `npm run messages extract` collects them into src/i18n/catalogs/en-AU; translations sit beside it.
 */
import { IntlMessageFormat, type PrimitiveType } from "intl-messageformat";
import type { MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { PSEUDO_LOCALE, SOURCE_LOCALE, type AnyLocale } from "./locales.js";

export interface MessageDescriptor {
  /** Dotted, starting with the catalog area: `community.join.title`. */
  id: string;
  /** The en-AU text, in ICU MessageFormat. */
  defaultMessage: string;
  /** A note for translators: where the text appears, what the arguments are. */
  description?: string;
}

/** Declare a component's or module's messages (identity at run time; the extractor reads the call). */
export function defineMessages<const T extends Record<string, MessageDescriptor>>(messages: T): T {
  return messages;
}

export function defineMessage<const T extends MessageDescriptor>(message: T): T {
  return message;
}

export type MessageValues = Record<string, PrimitiveType>;
/** Values that may include tag handlers (`<b>…</b>` in a message) producing T (a React node in the tab). */
export type RichValues<T> = Record<string, PrimitiveType | T | ((chunks: (string | T)[]) => T)>;
export type Messages = Record<string, string | MessageFormatElement[]>;

export interface Formatter {
  /** The locale shown (en-XA for the pseudo-locale). */
  readonly locale: AnyLocale;
  /** The locale used for Intl's dates and numbers (the pseudo-locale formats as en-AU). */
  readonly intlLocale: string;
  readonly timeZone: string | undefined;
  formatMessage(descriptor: MessageDescriptor, values?: MessageValues): string;
  /** A message with tags: returns the parts (strings and whatever the tag handlers return). */
  formatRich<T>(descriptor: MessageDescriptor, values: RichValues<T>): (string | T)[];
  /** Whether the catalog has this id (a server error's message key, say). */
  hasMessage(id: string): boolean;
  /**
   * A message named at run time (a server error's `messageKey`), or `fallback` (the server's en-AU sentence)
   * when the catalog does not have it or it cannot be formatted with these values.
   */
  formatKey(id: string, values: MessageValues | undefined, fallback: string): string;
  formatDate(value: Date | string | number, options?: Intl.DateTimeFormatOptions): string;
  formatTime(value: Date | string | number, options?: Intl.DateTimeFormatOptions): string;
  formatDateTime(value: Date | string | number, options?: Intl.DateTimeFormatOptions): string;
  formatNumber(value: number, options?: Intl.NumberFormatOptions): string;
  formatList(items: readonly string[], options?: Intl.ListFormatOptions): string;
  formatRelativeTime(value: number, unit: Intl.RelativeTimeFormatUnit, options?: Intl.RelativeTimeFormatOptions): string;
}

export interface FormatterOptions {
  locale: AnyLocale;
  messages: Messages;
  /** IANA zone for dates and times; the runtime's own zone (the person's, in a browser) when absent. */
  timeZone?: string | undefined;
  /** Told about a message missing from the catalog or one that failed to format; the source text is used. */
  onError?: (problem: string) => void;
}

function toDate(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value);
}

export function createFormatter({ locale, messages, timeZone, onError }: FormatterOptions): Formatter {
  const intlLocale = locale === PSEUDO_LOCALE ? SOURCE_LOCALE : locale;
  const compiled = new Map<string, IntlMessageFormat>();
  const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat | Intl.RelativeTimeFormat>();

  function cached<F extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat | Intl.RelativeTimeFormat>(kind: string, options: object, make: () => F): F {
    const key = `${kind}:${JSON.stringify(options)}`;
    let f = formats.get(key) as F | undefined;
    if (!f) {
      f = make();
      formats.set(key, f);
    }
    return f;
  }

  function compile(d: MessageDescriptor): IntlMessageFormat | undefined {
    let mf = compiled.get(d.id);
    if (mf) return mf;
    const fromCatalog = messages[d.id];
    if (fromCatalog === undefined && locale !== SOURCE_LOCALE) onError?.(`${locale} has no message "${d.id}"`);
    try {
      mf = new IntlMessageFormat(fromCatalog ?? d.defaultMessage, intlLocale);
    } catch (error) {
      onError?.(`message "${d.id}" could not be prepared: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    compiled.set(d.id, mf);
    return mf;
  }

  function format<T>(d: MessageDescriptor, values: RichValues<T> | undefined): string | T | (string | T)[] {
    const mf = compile(d);
    if (!mf) return d.defaultMessage;
    try {
      return mf.format<T>(values as Record<string, PrimitiveType | T>);
    } catch (error) {
      onError?.(`message "${d.id}" could not be formatted: ${error instanceof Error ? error.message : String(error)}`);
      return d.defaultMessage;
    }
  }

  const dateDefaults = (o?: Intl.DateTimeFormatOptions): Intl.DateTimeFormatOptions => ({ ...(timeZone ? { timeZone } : {}), ...o });

  return {
    locale,
    intlLocale,
    timeZone,
    formatMessage(d, values) {
      const out = format<string>(d, values);
      return Array.isArray(out) ? out.join("") : String(out);
    },
    formatRich<T>(d: MessageDescriptor, values: RichValues<T>) {
      const out = format<T>(d, values);
      return Array.isArray(out) ? out : [out];
    },
    hasMessage: (id) => id in messages,
    formatKey(id, values, fallback) {
      if (!(id in messages)) return fallback;
      const out = format<string>({ id, defaultMessage: fallback }, values);
      return Array.isArray(out) ? out.join("") : String(out);
    },
    formatDate: (v, o) => cached("date", dateDefaults(o ?? { dateStyle: "medium" }), () => new Intl.DateTimeFormat(intlLocale, dateDefaults(o ?? { dateStyle: "medium" }))).format(toDate(v)),
    formatTime: (v, o) => cached("time", dateDefaults(o ?? { timeStyle: "short" }), () => new Intl.DateTimeFormat(intlLocale, dateDefaults(o ?? { timeStyle: "short" }))).format(toDate(v)),
    formatDateTime: (v, o) =>
      cached("datetime", dateDefaults(o ?? { dateStyle: "medium", timeStyle: "short" }), () => new Intl.DateTimeFormat(intlLocale, dateDefaults(o ?? { dateStyle: "medium", timeStyle: "short" }))).format(toDate(v)),
    formatNumber: (v, o = {}) => cached("number", o, () => new Intl.NumberFormat(intlLocale, o)).format(v),
    formatList: (items, o = { type: "conjunction" }) => cached("list", o, () => new Intl.ListFormat(intlLocale, o)).format(items),
    formatRelativeTime: (v, unit, o = { numeric: "auto" }) => cached("relative", o, () => new Intl.RelativeTimeFormat(intlLocale, o)).format(v, unit),
  };
}

let source: Formatter | undefined;

/**
 * The source language (en-AU) from the text written in the code, with no catalog: what pure modules use for a
 * sentence's en-AU form, and what the tab's components use outside the app's provider. One shared instance.
 */
export function sourceFormatter(): Formatter {
  source ??= createFormatter({ locale: SOURCE_LOCALE, messages: {} });
  return source;
}
