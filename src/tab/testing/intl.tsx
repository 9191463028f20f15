/**
 * Component tests in another language: `renderIn("fr-CA", <Thing />)` renders with that locale's real catalog
 * (read from src/i18n/catalogs), so a test sees exactly the text a person would.
 */
import { render, type RenderResult } from "@testing-library/react";
import type { ReactElement } from "react";
import type { AnyLocale } from "../../i18n/locales.js";
import { intlFor } from "../../i18n/node.js";
import { IntlContext } from "../i18n/intl.js";

export function renderIn(locale: AnyLocale, ui: ReactElement): RenderResult {
  return render(<IntlContext.Provider value={intlFor(locale)}>{ui}</IntlContext.Provider>);
}

/** The formatter a test can hand to code that takes one (describeError, say). */
export { intlFor };
