import { FluentProvider, makeStaticStyles, makeStyles } from "@fluentui/react-components";
import { useEffect } from "react";
import { BrowserRouter } from "react-router-dom";
import type { ApiClientOptions } from "./api/client.js";
import { AppContent } from "./AppContent.js";
import type { Host } from "./host/host.js";
import { HostProvider, useHostTheme } from "./host/HostContext.js";
import { fluentTheme } from "./host/theme.js";
import { LocaleProvider } from "./i18n/LocaleProvider.js";
import { SessionProvider } from "./session/SessionContext.js";

const useGlobalStyles = makeStaticStyles({
  body: { margin: "0" },
});

const useStyles = makeStyles({
  provider: { minHeight: "100vh" },
});

export interface AppProps {
  host: Host;
  clientOptions?: Omit<ApiClientOptions, "getToken">;
}

/** Theme from the host, then the language, then the session, then the router. */
export function App({ host, clientOptions }: AppProps) {
  useGlobalStyles();
  const styles = useStyles();
  const theme = useHostTheme(host);
  useEffect(() => {
    document.documentElement.style.colorScheme = theme === "dark" ? "dark" : "light";
    document.documentElement.dataset["theme"] = theme;
  }, [theme]);
  return (
    <FluentProvider theme={fluentTheme(host.kind, theme)} className={styles.provider}>
      <HostProvider host={host}>
        <LocaleProvider hostLocale={host.locale}>
          <SessionProvider host={host} clientOptions={clientOptions}>
            <BrowserRouter>
              <AppContent />
            </BrowserRouter>
          </SessionProvider>
        </LocaleProvider>
      </HostProvider>
    </FluentProvider>
  );
}
