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
import { splitList } from "../../text/lists.js";
import { useAgenciesStyles } from "./Agencies.styles.js";

export interface AgenciesProps {
  me: Me;
  api: ApiClient;
}

const LEAD =
  "Each agency is an Entra tenant and the email domains its people sign in with. Guildhall matches people to their agency by domain; agency-only communities, people search and suggestions depend on it.";

/** Platform owners register agencies and correct them; everyone else is told the page is not theirs. */
export function Agencies({ me, api }: AgenciesProps) {
  const styles = useAgenciesStyles();
  const manager = me.permissions["agency.manage"];
  const agencies = useResource(() => (manager ? api.agencies().then((r) => r.items) : Promise.resolve([])), [api, manager]);
  const [editing, setEditing] = useState<Agency | null>(null);
  const [done, setDone] = useState<string>();
  const announce = useAnnounce();
  const formHeading = useRef<HTMLHeadingElement>(null);

  if (!manager) {
    return <Page title="Agencies" lead="Only platform owners register agencies. Ask yours if your agency is missing or its details are wrong." />;
  }
  const { state } = agencies;
  const saved = (a: Agency & { matchedPeople: number }, verb: string) => {
    const message = `${a.name} is ${verb}. ${a.matchedPeople === 1 ? "1 person was" : `${a.matchedPeople} people were`} matched to agencies again.`;
    setDone(message);
    announce(message);
    setEditing(null);
    agencies.reload();
  };
  return (
    <Page title="Agencies" lead={LEAD}>
      <div className={styles.layout}>
        {done ? (
          <MessageBar intent="success" layout="multiline">
            <MessageBarBody>{done}</MessageBarBody>
          </MessageBar>
        ) : null}
        {state.status === "loading" ? <LoadingState message="Loading agencies…" /> : null}
        {state.status === "error" ? <LoadFailure what="the agencies" error={state.error} onRetry={agencies.reload} /> : null}
        {state.status === "ready" ? (
          <section aria-labelledby="agencies-registered">
            <h2 id="agencies-registered" className={styles.heading}>
              Registered agencies
            </h2>
            {state.data.length === 0 ? <p className={styles.facts}>No agency is registered yet.</p> : null}
            <ul className={styles.list} aria-labelledby="agencies-registered">
              {state.data.map((a) => (
                <li key={a.id} className={styles.item}>
                  <div>
                    <p className={styles.name}>
                      {a.name} ({a.shortName})
                    </p>
                    <p className={styles.facts}>
                      Tenant {a.tenantId ?? "—"} · {(a.emailDomains ?? []).join(", ")} · {a.people === 1 ? "1 person" : `${a.people ?? 0} people`}
                    </p>
                  </div>
                  <Button
                    aria-label={`Change ${a.name}`}
                    onClick={() => {
                      setDone(undefined);
                      setEditing(a);
                      setTimeout(() => formHeading.current?.focus(), 0);
                    }}
                  >
                    Change
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
      const d = describeError(error);
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
        {agency ? `Change ${agency.name}` : "Register an agency"}
      </h2>
      {problems.general ? (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>{problems.general}</MessageBarBody>
        </MessageBar>
      ) : null}
      <Field label="Name" required validationMessage={problems.name}>
        <Input value={name} onChange={(_, d) => setName(d.value)} />
      </Field>
      <Field label="Short name" required hint="As people know it, for example ABS." validationMessage={problems.shortName}>
        <Input value={shortName} onChange={(_, d) => setShortName(d.value)} />
      </Field>
      <Field label="Entra tenant id" required hint="The agency's directory (tenant) id, a GUID. It must be on Guildhall's tenant allow-list." validationMessage={problems.tenantId}>
        <Input value={tenantId} onChange={(_, d) => setTenantId(d.value)} />
      </Field>
      <Field label="Email domains" required hint="Separate domains with commas, for example: abs.gov.au. A leading dot (.abs.gov.au) admits subdomains." validationMessage={problems.emailDomains}>
        <Input value={domains} onChange={(_, d) => setDomains(d.value)} />
      </Field>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabledFocusable={busy}>
          {busy ? "Saving…" : agency ? "Save changes" : "Register agency"}
        </Button>
        {agency ? <Button onClick={onCancel}>Cancel</Button> : null}
      </div>
    </form>
  );
}
