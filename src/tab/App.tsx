import { FluentProvider, makeStaticStyles, makeStyles } from "@fluentui/react-components";
import { useEffect, type ReactNode } from "react";
import { textDirection } from "../i18n/locales.js";
import { keepOutsideOfModalsInert } from "./a11y/inertOutsideModal.js";
import { labelMessageBarByTitleOnly } from "./a11y/messageBarLabel.js";
import { BrowserRouter } from "react-router-dom";
import type { ApiClientOptions } from "./api/client.js";
import { AppContent } from "./AppContent.js";
import type { Host } from "./host/host.js";
import { HostProvider, useHostTheme } from "./host/HostContext.js";
import { fluentTheme } from "./host/theme.js";
import { LocaleProvider } from "./i18n/LocaleProvider.js";
import { useLocale } from "./i18n/localeState.js";
import { SessionProvider } from "./session/SessionContext.js";

const useGlobalStyles = makeStaticStyles({
  body: { margin: "0" },
});

/** Adjustments every Fluent component of a kind gets (see each module). */
const CUSTOM_HOOKS = { useMessageBarStyles_unstable: labelMessageBarByTitleOnly };

const useStyles = makeStyles({
  provider: { minHeight: "100vh" },
});

export interface AppProps {
  host: Host;
  clientOptions?: Omit<ApiClientOptions, "getToken">;
}

/** Fluent in the host's theme and the language's writing direction (its positioning and style flipping follow `dir`). */
function ThemedApp({ host, children }: { host: Host; children: ReactNode }) {
  const styles = useStyles();
  const theme = useHostTheme(host);
  const { locale } = useLocale();
  useEffect(() => {
    document.documentElement.style.colorScheme = theme === "dark" ? "dark" : "light";
    document.documentElement.dataset["theme"] = theme;
  }, [theme]);
  return (
    <FluentProvider theme={fluentTheme(host.kind, theme)} dir={textDirection(locale)} className={styles.provider} customStyleHooks_unstable={CUSTOM_HOOKS}>
      {children}
    </FluentProvider>
  );
}

/** The language, then the theme and direction, then the session, then the router. */
export function App({ host, clientOptions }: AppProps) {
  useGlobalStyles();
  // An open dialog leaves nothing focusable behind it hidden from assistive technology (see the module).
  useEffect(() => keepOutsideOfModalsInert(document), []);
  return (
    <LocaleProvider hostLocale={host.locale}>
      <ThemedApp host={host}>
        <HostProvider host={host}>
          <SessionProvider host={host} clientOptions={clientOptions}>
            <BrowserRouter>
              <AppContent />
            </BrowserRouter>
          </SessionProvider>
        </HostProvider>
      </ThemedApp>
    </LocaleProvider>
  );
}
