/**
 * Which language the tab shows, and the catalog for it. The order: a `?locale=` in the address (for this
 * browser session), the person's own choice (saved with their profile and remembered in this browser for the
 * first paint), the Teams client's language (`app.locale`), the browser's languages, then en-AU.
 */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { createFormatter } from "../../i18n/format.js";
import { matchLocale, negotiateLocale, PSEUDO_LOCALE, SOURCE_LOCALE, textDirection, type AnyLocale } from "../../i18n/locales.js";
import { loadMessages as loadBuiltMessages, type TabMessages } from "./catalogs.js";
import { IntlContext } from "./intl.js";
import { LocaleContext, type LocaleState } from "./localeState.js";

export { useLocale, useSavedLocale, type LocaleState } from "./localeState.js";

const CHOICE_KEY = "guildhall.locale";
const OVERRIDE_KEY = "guildhall.locale.override";

function storage(kind: "local" | "session"): Storage | undefined {
  try {
    return kind === "local" ? window.localStorage : window.sessionStorage;
  } catch (error) {
    console.debug("Browser storage is not available; the language choice is not remembered", error);
    return undefined;
  }
}

function readOverride(): AnyLocale | undefined {
  const fromUrl = matchLocale(new URLSearchParams(window.location.search).get("locale"), { pseudo: true });
  if (fromUrl) {
    storage("session")?.setItem(OVERRIDE_KEY, fromUrl);
    return fromUrl;
  }
  return matchLocale(storage("session")?.getItem(OVERRIDE_KEY), { pseudo: true });
}

export interface LocaleProviderProps {
  /** The host's language (Teams `app.locale`), if any. */
  hostLocale?: string | undefined;
  /** Tests pass their own loader; the app loads the built catalogs. */
  loadMessages?: (locale: AnyLocale) => Promise<TabMessages>;
  children: ReactNode;
}

export function LocaleProvider({ hostLocale, loadMessages = loadBuiltMessages, children }: LocaleProviderProps) {
  const [override] = useState(readOverride);
  const [choice, setChoiceState] = useState<AnyLocale | null>(() => matchLocale(storage("local")?.getItem(CHOICE_KEY), { pseudo: true }) ?? null);
  const locale = negotiateLocale([override, choice, hostLocale, ...(typeof navigator === "undefined" ? [] : navigator.languages)], { pseudo: true });
  // `requested`: the locale asked for (`locale` differs when its catalog failed and en-AU is shown instead).
  const [loaded, setLoaded] = useState<{ locale: AnyLocale; requested: AnyLocale; messages: TabMessages } | undefined>();

  useEffect(() => {
    let current = true;
    loadMessages(locale).then(
      (messages) => current && setLoaded({ locale, requested: locale, messages }),
      (error: unknown) => {
        // Without its catalog the tab still works in the source language, which every message carries.
        console.error(`The ${locale} catalog could not be loaded; showing ${SOURCE_LOCALE}`, error);
        if (current) setLoaded({ locale: SOURCE_LOCALE, requested: locale, messages: {} });
      },
    );
    return () => {
      current = false;
    };
  }, [locale, loadMessages]);

  useEffect(() => {
    if (!loaded) return;
    document.documentElement.lang = loaded.locale === PSEUDO_LOCALE ? "en" : loaded.locale;
    document.documentElement.dir = textDirection(loaded.locale);
  }, [loaded]);

  const setChoice = useCallback((next: AnyLocale | null) => {
    if (next) storage("local")?.setItem(CHOICE_KEY, next);
    else storage("local")?.removeItem(CHOICE_KEY);
    setChoiceState(next);
  }, []);

  const state = useMemo<LocaleState>(
    () => ({ locale: loaded?.locale ?? locale, choice, setChoice, settled: loaded?.requested === locale }),
    [loaded, locale, choice, setChoice],
  );
  const formatter = useMemo(
    () =>
      loaded
        ? createFormatter({
            locale: loaded.locale,
            messages: loaded.messages,
            onError: (problem) => console.warn(`i18n: ${problem}`),
          })
        : undefined,
    [loaded],
  );

  // Until the first catalog arrives (one small request) nothing is shown, rather than a flash of another language.
  if (!formatter) return null;
  return (
    <LocaleContext.Provider value={state}>
      <IntlContext.Provider value={formatter}>{children}</IntlContext.Provider>
    </LocaleContext.Provider>
  );
}
