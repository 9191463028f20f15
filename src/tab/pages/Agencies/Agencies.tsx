import { Button, Checkbox, Field, Input, MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useId, useMemo, useRef, useState, type FormEvent, type RefObject } from "react";
import { DOMAIN_PATTERN } from "../../../domain/identity.js";
import { anyoneCanSignIn, domainStatuses, notFullyLive, type DomainStatus } from "../../../domain/signInDomains.js";
import type { ApiClient } from "../../api/client.js";
import { describeError, issueFor } from "../../api/describeError.js";
import type { Agency, AgencyInput, Me } from "../../api/types.js";
import { useResource } from "../../api/useResource.js";
import { useAnnounce } from "../../components/LiveAnnouncer/LiveAnnouncer.js";
import { LoadFailure } from "../../components/LoadFailure/LoadFailure.js";
import { LoadingState } from "../../components/LoadingState/LoadingState.js";
import { Page } from "../../components/Page/Page.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import { splitList } from "../../text/lists.js";
import { useAgenciesStyles } from "./Agencies.styles.js";
import { DomainStatusList } from "./DomainStatusList.js";

const m = defineMessages({
  title: { id: "agencies.page.title", defaultMessage: "Agencies" },
  lead: {
    id: "agencies.page.lead",
    defaultMessage:
      "Each agency is an Entra tenant and the email domains its people sign in with. Guildhall matches people to their agency by domain; agency-only communities, people search and suggestions depend on it.",
  },
  notManager: {
    id: "agencies.page.notManager",
    defaultMessage: "Only platform owners register agencies. Ask yours if your agency is missing or its details are wrong.",
    description: "Lead of the page for someone who is not a platform owner",
  },
  registered: {
    id: "agencies.saved.registered",
    defaultMessage: "{name} is registered. {matched, plural, one {# person was} other {# people were}} matched to agencies again.",
    description: "After registering an agency; matched counts the people whose agency was worked out again",
  },
  changed: {
    id: "agencies.saved.changed",
    defaultMessage: "{name} is changed. {matched, plural, one {# person was} other {# people were}} matched to agencies again.",
    description: "After changing an agency; matched counts the people whose agency was worked out again",
  },
  loading: { id: "agencies.list.loading", defaultMessage: "Loading agencies…" },
  what: { id: "agencies.list.what", defaultMessage: "the agencies", description: "Completes the load failure's title “Couldn't load …”" },
  heading: { id: "agencies.list.heading", defaultMessage: "Registered agencies" },
  none: { id: "agencies.list.none", defaultMessage: "No agency is registered yet." },
  name: { id: "agencies.list.name", defaultMessage: "{name} ({shortName})", description: "An agency's name and its short name" },
  facts: {
    id: "agencies.list.tenantAndPeople",
    defaultMessage: "Tenant {tenantId} · {people, plural, one {# person} other {# people}}",
    description: "tenantId is a GUID; people counts the people matched to the agency",
  },
  domainsOf: { id: "agencies.list.domainsOf", defaultMessage: "Email domains of {name}", description: "Name of the list of an agency's email domains and whether each is live" },
  notAllLive: {
    id: "agencies.list.notAllLive",
    defaultMessage:
      "{count, plural, one {# domain is} other {# domains are}} not (fully) on the sign-in allow-list: people there cannot sign in until ALLOWED_EMAIL_DOMAINS lists {count, plural, one {it} other {them}}.",
    description: "Under an agency in the list; count: how many of its domains are not live",
  },
  change: { id: "agencies.list.change", defaultMessage: "Change" },
  changeNamed: { id: "agencies.list.changeNamed", defaultMessage: "Change {name}", description: "Button (for screen readers) and form heading: change this agency" },
  register: { id: "agencies.form.heading", defaultMessage: "Register an agency" },
  nameField: { id: "agencies.form.name", defaultMessage: "Name" },
  shortName: { id: "agencies.form.shortName", defaultMessage: "Short name" },
  shortNameHint: { id: "agencies.form.shortNameHint", defaultMessage: "As people know it, for example ABS." },
  tenantId: { id: "agencies.form.tenantId", defaultMessage: "Entra tenant id" },
  tenantIdHint: {
    id: "agencies.form.tenantIdHint",
    defaultMessage: "The agency's directory (tenant) id, a GUID. It must be on Guildhall's tenant allow-list.",
  },
  domains: { id: "agencies.form.domains", defaultMessage: "Email domains" },
  domainsHint: {
    id: "agencies.form.domainsHint",
    defaultMessage: "Separate domains with commas, for example: abs.gov.au. A leading dot (.abs.gov.au) admits subdomains.",
  },
  typedDomains: { id: "agencies.form.typedDomains", defaultMessage: "Sign-in status of these domains", description: "Name of the list, under the email domains field, of each typed domain and whether it is live" },
  allLive: { id: "agencies.form.allLive", defaultMessage: "People at every one of these domains can sign in." },
  noneLive: {
    id: "agencies.form.noneLive",
    defaultMessage: "None of these domains is on the sign-in allow-list (ALLOWED_EMAIL_DOMAINS), so nobody at this agency could sign in. The agency cannot be registered with them.",
  },
  someNotLive: {
    id: "agencies.form.someNotLive",
    defaultMessage:
      "{count, plural, one {# domain is} other {# domains are}} not (fully) on the sign-in allow-list (ALLOWED_EMAIL_DOMAINS): people there cannot sign in yet.",
    description: "Beside the email domains field, as the platform owner types; count: how many typed domains are not live",
  },
  acknowledge: {
    id: "agencies.form.acknowledge",
    defaultMessage:
      "Save anyway: I know that people at {count, plural, one {the domain} other {the # domains}} not on the allow-list cannot sign in until ALLOWED_EMAIL_DOMAINS lists {count, plural, one {it} other {them}}.",
    description: "Checkbox label; count: how many of the domains are not live",
  },
  saving: { id: "agencies.form.saving", defaultMessage: "Saving…" },
  save: { id: "agencies.form.save", defaultMessage: "Save changes" },
  submitRegister: { id: "agencies.form.register", defaultMessage: "Register agency" },
  cancel: { id: "agencies.form.cancel", defaultMessage: "Cancel" },
});

export interface AgenciesProps {
  me: Me;
  api: ApiClient;
}

/** Platform owners register agencies and correct them; everyone else is told the page is not theirs. */
export function Agencies({ me, api }: AgenciesProps) {
  const styles = useAgenciesStyles();
  const intl = useIntl();
  const manager = me.permissions["agency.manage"];
  const register = useResource(() => (manager ? api.agencies() : Promise.resolve({ items: [] })), [api, manager]);
  const agencies = { state: register.state.status === "ready" ? { status: "ready" as const, data: register.state.data.items } : register.state, reload: register.reload };
  const signInDomains = register.state.status === "ready" ? register.state.data.signInDomains : undefined;
  const [editing, setEditing] = useState<Agency | null>(null);
  const [done, setDone] = useState<string>();
  const announce = useAnnounce();
  const formHeading = useRef<HTMLHeadingElement>(null);

  if (!manager) {
    return <Page title={intl.formatMessage(m.title)} lead={intl.formatMessage(m.notManager)} />;
  }
  const { state } = agencies;
  const saved = (a: Agency & { matchedPeople: number }, how: "registered" | "changed") => {
    const message = intl.formatMessage(m[how], { name: a.name, matched: a.matchedPeople });
    setDone(message);
    announce(message);
    setEditing(null);
    agencies.reload();
  };
  return (
    <Page title={intl.formatMessage(m.title)} lead={intl.formatMessage(m.lead)}>
      <div className={styles.layout}>
        {done ? (
          <MessageBar intent="success" layout="multiline">
            <MessageBarBody>{done}</MessageBarBody>
          </MessageBar>
        ) : null}
        {state.status === "loading" ? <LoadingState message={intl.formatMessage(m.loading)} /> : null}
        {state.status === "error" ? <LoadFailure what={intl.formatMessage(m.what)} error={state.error} onRetry={agencies.reload} /> : null}
        {state.status === "ready" ? (
          <section aria-labelledby="agencies-registered">
            <h2 id="agencies-registered" className={styles.heading}>
              {intl.formatMessage(m.heading)}
            </h2>
            {state.data.length === 0 ? <p className={styles.facts}>{intl.formatMessage(m.none)}</p> : null}
            <ul className={styles.list} aria-labelledby="agencies-registered">
              {state.data.map((a) => (
                <li key={a.id} className={styles.item}>
                  <div>
                    <p className={styles.name}>{intl.formatMessage(m.name, { name: a.name, shortName: a.shortName })}</p>
                    <p className={styles.facts}>{intl.formatMessage(m.facts, { tenantId: a.tenantId ?? "—", people: a.people ?? 0 })}</p>
                    <DomainStatusList label={intl.formatMessage(m.domainsOf, { name: a.name })} domains={a.domains ?? (a.emailDomains ?? []).map((domain) => ({ domain }))} />
                    {a.domains && notFullyLive(a.domains).length > 0 ? (
                      <p className={styles.warning}>{intl.formatMessage(m.notAllLive, { count: notFullyLive(a.domains).length })}</p>
                    ) : null}
                  </div>
                  <Button
                    aria-label={intl.formatMessage(m.changeNamed, { name: a.name })}
                    onClick={() => {
                      setDone(undefined);
                      setEditing(a);
                      setTimeout(() => formHeading.current?.focus(), 0);
                    }}
                  >
                    {intl.formatMessage(m.change)}
                  </Button>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <AgencyForm
          key={editing?.id ?? "new"}
          headingRef={formHeading}
          agency={editing}
          signInDomains={state.status === "ready" ? signInDomains : undefined}
          onCancel={() => setEditing(null)}
          onSubmit={async (input) => {
            if (editing) saved(await api.updateAgency(editing.id, input), "changed");
            else saved(await api.registerAgency(input), "registered");
          }}
        />
      </div>
    </Page>
  );
}

interface AgencyFormProps {
  agency: Agency | null;
  /** The sign-in allow-list, to show each typed domain's liveness; unknown until the register has loaded. */
  signInDomains: readonly string[] | undefined;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onSubmit(input: AgencyInput): Promise<void>;
  onCancel(): void;
}

type Problems = Partial<Record<keyof AgencyInput | "general", string>>;

/** The typed domains as the server will read them (trimmed, lower case), those that look like domains. */
function typedDomains(text: string): string[] {
  return [...new Set(splitList(text).map((d) => d.toLowerCase()))].filter((d) => DOMAIN_PATTERN.test(d));
}

function AgencyForm({ agency, signInDomains, headingRef, onSubmit, onCancel }: AgencyFormProps) {
  const styles = useAgenciesStyles();
  const intl = useIntl();
  const announce = useAnnounce();
  const headingId = useId();
  const [name, setName] = useState(agency?.name ?? "");
  const [shortName, setShortName] = useState(agency?.shortName ?? "");
  const [tenantId, setTenantId] = useState(agency?.tenantId ?? "");
  const [domains, setDomains] = useState((agency?.emailDomains ?? []).join(", "));
  // The domains the platform owner acknowledged, as a list: typing another inactive domain asks again.
  const [acknowledgedFor, setAcknowledgedFor] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Problems>({});
  // Each typed domain's liveness, by the same rule the server applies (src/domain/signInDomains.ts); the server decides.
  const statuses = useMemo<DomainStatus[] | undefined>(() => (signInDomains ? domainStatuses(typedDomains(domains), signInDomains) : undefined), [domains, signInDomains]);
  // The domains this save adds that are not live: those need the acknowledgement (a change keeps domains acknowledged before).
  const unacknowledged = statuses ? notFullyLive(statuses.filter((s) => !(agency?.emailDomains ?? []).includes(s.domain))) : [];
  const noneLive = statuses !== undefined && statuses.length > 0 && !anyoneCanSignIn(statuses);
  const askAcknowledgement = (unacknowledged.length > 0 && !noneLive) || problems.acknowledgeInactiveDomains !== undefined;
  const acknowledgementKey = unacknowledged.join(",");
  const acknowledged = askAcknowledgement && acknowledgedFor === acknowledgementKey;
  const domainNote = (() => {
    if (!statuses || statuses.length === 0) return undefined;
    if (noneLive) return { state: "error" as const, text: intl.formatMessage(m.noneLive) };
    const notLive = notFullyLive(statuses).length;
    if (notLive > 0) return { state: "warning" as const, text: intl.formatMessage(m.someNotLive, { count: notLive }) };
    return { state: "success" as const, text: intl.formatMessage(m.allLive) };
  })();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblems({});
    try {
      await onSubmit({
        name: name.trim(),
        shortName: shortName.trim(),
        tenantId: tenantId.trim(),
        emailDomains: splitList(domains),
        ...(acknowledged ? { acknowledgeInactiveDomains: true } : {}),
      });
    } catch (error) {
      const d = describeError(error, intl);
      const fields: Problems = {
        name: issueFor(d.issues, "name"),
        shortName: issueFor(d.issues, "shortName"),
        tenantId: issueFor(d.issues, "tenantId"),
        emailDomains: issueFor(d.issues, "emailDomains"),
        acknowledgeInactiveDomains: issueFor(d.issues, "acknowledgeInactiveDomains"),
      };
      setProblems({ ...fields, general: d.message });
      announce(d.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className={styles.heading}>
        {agency ? intl.formatMessage(m.changeNamed, { name: agency.name }) : intl.formatMessage(m.register)}
      </h2>
      {problems.general ? (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>{problems.general}</MessageBarBody>
        </MessageBar>
      ) : null}
      <Field label={intl.formatMessage(m.nameField)} required validationMessage={problems.name}>
        <Input value={name} onChange={(_, d) => setName(d.value)} />
      </Field>
      <Field label={intl.formatMessage(m.shortName)} required hint={intl.formatMessage(m.shortNameHint)} validationMessage={problems.shortName}>
        <Input value={shortName} onChange={(_, d) => setShortName(d.value)} />
      </Field>
      <Field label={intl.formatMessage(m.tenantId)} required hint={intl.formatMessage(m.tenantIdHint)} validationMessage={problems.tenantId}>
        <Input value={tenantId} onChange={(_, d) => setTenantId(d.value)} />
      </Field>
      <Field
        label={intl.formatMessage(m.domains)}
        required
        hint={intl.formatMessage(m.domainsHint)}
        validationMessage={problems.emailDomains ?? domainNote?.text}
        validationState={problems.emailDomains ? "error" : domainNote?.state ?? "none"}
      >
        <Input
          value={domains}
          onChange={(_, d) => {
            setDomains(d.value);
            // The server's word on the old list no longer applies; the live note below speaks for the new one.
            setProblems(({ emailDomains: _d, acknowledgeInactiveDomains: _a, ...rest }) => rest);
          }}
        />
      </Field>
      {statuses && statuses.length > 0 ? <DomainStatusList label={intl.formatMessage(m.typedDomains)} domains={statuses} /> : null}
      {askAcknowledgement ? (
        <Field validationMessage={problems.acknowledgeInactiveDomains}>
          <Checkbox
            checked={acknowledged}
            onChange={(_, d) => setAcknowledgedFor(d.checked === true ? acknowledgementKey : undefined)}
            label={intl.formatMessage(m.acknowledge, { count: unacknowledged.length > 0 ? unacknowledged.length : typedDomains(domains).length })}
          />
        </Field>
      ) : null}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabledFocusable={busy}>
          {busy ? intl.formatMessage(m.saving) : agency ? intl.formatMessage(m.save) : intl.formatMessage(m.submitRegister)}
        </Button>
        {agency ? <Button onClick={onCancel}>{intl.formatMessage(m.cancel)}</Button> : null}
      </div>
    </form>
  );
}
