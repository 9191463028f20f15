/**
 * The locale state the tab's components read (`useLocale`), apart from the provider (LocaleProvider.tsx), which
 * loads the built catalogs: components and their tests import this without the build's catalog modules.
 */
import { createContext, useContext, useEffect } from "react";
import { matchLocale, SOURCE_LOCALE, type AnyLocale } from "../../i18n/locales.js";

export interface LocaleState {
  /** The locale the tab shows. */
  locale: AnyLocale;
  /** The person's own choice, or null to follow Teams and the browser. */
  choice: AnyLocale | null;
  /** Record the person's choice for this browser (the profile page also saves it with the profile). */
  setChoice(choice: AnyLocale | null): void;
  /** False while a newly chosen locale's catalog is on its way (the text is still the previous language's). */
  settled: boolean;
}

export const LocaleContext = createContext<LocaleState | undefined>(undefined);

const NO_PROVIDER: LocaleState = { locale: SOURCE_LOCALE, choice: null, setChoice: () => undefined, settled: true };

/** The locale state; outside the provider (a component under test on its own), en-AU and no choice. */
export function useLocale(): LocaleState {
  return useContext(LocaleContext) ?? NO_PROVIDER;
}

/**
 * Follow the choice saved with the person's profile (`me.locale`) when it arrives: the server's record wins over
 * what this browser remembered, and null (follow Teams and the browser) clears it. `undefined` (not known yet)
 * changes nothing. Runs again only when the saved value itself changes, so a choice made on the profile page
 * since is not undone by the session's older copy.
 */
export function useSavedLocale(saved: string | null | undefined): void {
  const { setChoice } = useLocale();
  useEffect(() => {
    if (saved === undefined) return;
    setChoice(matchLocale(saved, { pseudo: true }) ?? null);
  }, [saved, setChoice]);
}
