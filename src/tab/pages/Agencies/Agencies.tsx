import { Button, Field, Input, MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useId, useRef, useState, type FormEvent, type RefObject } from "react";
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
    id: "agencies.list.facts",
    defaultMessage: "Tenant {tenantId} · {domains} · {people, plural, one {# person} other {# people}}",
    description: "tenantId is a GUID; domains is a list of email domains; people counts the people matched to the agency",
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
  const agencies = useResource(() => (manager ? api.agencies().then((r) => r.items) : Promise.resolve([])), [api, manager]);
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
                    <p className={styles.facts}>
                      {intl.formatMessage(m.facts, {
                        tenantId: a.tenantId ?? "—",
                        domains: intl.formatList(a.emailDomains ?? [], { type: "unit", style: "short" }),
                        people: a.people ?? 0,
                      })}
                    </p>
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
  headingRef: RefObject<HTMLHeadingElement | null>;
  onSubmit(input: AgencyInput): Promise<void>;
  onCancel(): void;
}

type Problems = Partial<Record<keyof AgencyInput | "general", string>>;

function AgencyForm({ agency, headingRef, onSubmit, onCancel }: AgencyFormProps) {
  const styles = useAgenciesStyles();
  const intl = useIntl();
  const announce = useAnnounce();
  const headingId = useId();
  const [name, setName] = useState(agency?.name ?? "");
  const [shortName, setShortName] = useState(agency?.shortName ?? "");
  const [tenantId, setTenantId] = useState(agency?.tenantId ?? "");
  const [domains, setDomains] = useState((agency?.emailDomains ?? []).join(", "));
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Problems>({});

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblems({});
    try {
      await onSubmit({ name: name.trim(), shortName: shortName.trim(), tenantId: tenantId.trim(), emailDomains: splitList(domains) });
    } catch (error) {
      const d = describeError(error, intl);
      const fields: Problems = {
        name: issueFor(d.issues, "name"),
        shortName: issueFor(d.issues, "shortName"),
        tenantId: issueFor(d.issues, "tenantId"),
        emailDomains: issueFor(d.issues, "emailDomains"),
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
      <Field label={intl.formatMessage(m.domains)} required hint={intl.formatMessage(m.domainsHint)} validationMessage={problems.emailDomains}>
        <Input value={domains} onChange={(_, d) => setDomains(d.value)} />
      </Field>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabledFocusable={busy}>
          {busy ? intl.formatMessage(m.saving) : agency ? intl.formatMessage(m.save) : intl.formatMessage(m.submitRegister)}
        </Button>
        {agency ? <Button onClick={onCancel}>{intl.formatMessage(m.cancel)}</Button> : null}
      </div>
    </form>
  );
}
