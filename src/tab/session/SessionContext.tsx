/**
 * Who is using the tab. Started lazily by the first page that needs a signed-in person, so public pages
 * (privacy, terms, the channel configuration page) never ask Teams for a token.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { ApiError, createApiClient, NetworkError, type ApiClient, type ApiClientOptions } from "../api/client.js";
import type { ClientConfig, DevIdentity, Me } from "../api/types.js";
import type { Host } from "../host/host.js";
import { useSavedLocale } from "../i18n/localeState.js";
import { createDevTokenSource, type DevTokenSource } from "./devTokens.js";
import { createIdentityStore, type IdentityStore } from "./identityStore.js";
import { useIntl } from "../i18n/intl.js";
import { describeSessionError, sessionMessages as m, SignInError, stateForError, type SessionMode, type SessionState } from "./state.js";

export interface Session {
  state: SessionState;
  mode: SessionMode | undefined;
  /** Local mode: the demo people the picker offers. */
  identities: readonly DevIdentity[];
  /** Local mode: the demo person currently chosen. */
  identity: DevIdentity | undefined;
  /** An API client that carries the current person's token, once there is one. */
  api: ApiClient | undefined;
  start(): void;
  retry(): void;
  chooseIdentity(key: string): void;
  switchIdentity(): void;
}

const SessionContext = createContext<Session | undefined>(undefined);

export interface SessionProviderProps {
  host: Host;
  /** Options for every API client (tests pass a fetch stub here). */
  clientOptions?: Omit<ApiClientOptions, "getToken">;
  identityStore?: IdentityStore;
  children: ReactNode;
}

function hostToken(host: Host): () => Promise<string> {
  return async () => {
    if (!host.getAuthToken) throw new SignInError(m.noHostToken);
    try {
      return await host.getAuthToken();
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new SignInError(m.teamsSignInFailed, { detail });
    }
  };
}

function devToken(source: DevTokenSource): () => Promise<string> {
  return async () => {
    try {
      return await source.getToken();
    } catch (error) {
      if (error instanceof NetworkError) throw error;
      throw new SignInError(m.demoSignInFailed, { detail: error instanceof Error ? error.message : String(error) });
    }
  };
}

export function SessionProvider({ host, clientOptions, identityStore, children }: SessionProviderProps) {
  const [state, setState] = useState<SessionState>({ status: "idle" });
  const [mode, setMode] = useState<SessionMode>();
  const [identities, setIdentities] = useState<readonly DevIdentity[]>([]);
  const [identity, setIdentity] = useState<DevIdentity>();
  const [api, setApi] = useState<ApiClient>();
  const store = useMemo(() => identityStore ?? createIdentityStore(), [identityStore]);
  const publicApi = useMemo(() => createApiClient(clientOptions), [clientOptions]);
  const run = useRef(0);
  const config = useRef<ClientConfig | undefined>(undefined);
  const devSource = useRef<DevTokenSource | undefined>(undefined);
  useSavedLocale(state.status === "ready" ? state.me.locale : undefined);
  // Teams is told why sign-in failed in the person's language; a ref, so a change of language restarts nothing.
  const intl = useIntl();
  const intlRef = useRef(intl);
  useEffect(() => {
    intlRef.current = intl;
  }, [intl]);

  const load = useCallback(async () => {
    const generation = ++run.current;
    const current = () => generation === run.current;
    const show = (next: SessionState) => {
      if (current()) setState(next);
    };
    show({ status: "loading", step: "connecting" });
    try {
      config.current ??= await publicApi.clientConfig();
      let getToken: () => Promise<string>;
      if (host.kind === "teams") {
        setMode("teams");
        getToken = hostToken(host);
      } else if (config.current.authMode === "dev") {
        setMode("dev");
        const people = identities.length > 0 ? identities : (await publicApi.devIdentities()).identities;
        if (!current()) return;
        setIdentities(people);
        const chosen = people.find((p) => p.key === store.read());
        setIdentity(chosen);
        if (!chosen) {
          store.clear();
          show({ status: "choose-identity" });
          return;
        }
        if (devSource.current?.key !== chosen.key) devSource.current = createDevTokenSource(chosen.key, publicApi.devToken);
        getToken = devToken(devSource.current);
      } else {
        setMode("standalone-entra");
        show({ status: "open-in-teams" });
        return;
      }
      const client = createApiClient({ ...clientOptions, getToken });
      show({ status: "loading", step: "checking" });
      let me: Me;
      try {
        me = await client.me();
      } catch (error) {
        // A local server restart brings a new signing key: one fresh demo token is worth a retry.
        if (!(error instanceof ApiError && error.isSignInProblem && devSource.current && host.kind !== "teams")) throw error;
        devSource.current.invalidate();
        me = await client.me();
      }
      if (!current()) return;
      setApi(client);
      show({ status: "ready", me });
    } catch (error) {
      if (!current()) return;
      const next = stateForError(error);
      if (next.status === "sign-in-problem") host.notifyAuthFailure(describeSessionError(next.error, intlRef.current));
      setApi(undefined);
      show(next);
    }
  }, [host, publicApi, clientOptions, identities, store]);

  const start = useCallback(() => {
    if (run.current === 0) void load();
  }, [load]);

  const chooseIdentity = useCallback(
    (key: string) => {
      store.write(key);
      void load();
    },
    [store, load],
  );

  const switchIdentity = useCallback(() => {
    run.current += 1; // drop any answer still on its way for the previous person
    store.clear();
    devSource.current = undefined;
    setIdentity(undefined);
    setApi(undefined);
    setState({ status: "choose-identity" });
  }, [store]);

  const retry = useCallback(() => void load(), [load]);

  const value = useMemo<Session>(
    () => ({ state, mode, identities, identity, api, start, retry, chooseIdentity, switchIdentity }),
    [state, mode, identities, identity, api, start, retry, chooseIdentity, switchIdentity],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The current session; pages below `SessionProvider` only. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession must be used inside <SessionProvider>");
  return session;
}
