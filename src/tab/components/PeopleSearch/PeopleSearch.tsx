import { Button, Field, Input, MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useState, type FormEvent, type ReactNode } from "react";
import type { PersonSearchResult } from "../../api/communityTypes.js";
import { describeError } from "../../api/describeError.js";
import { useAnnounce } from "../LiveAnnouncer/LiveAnnouncer.js";
import { RouterLink } from "../RouterLink/RouterLink.js";
import { usePeopleSearchStyles } from "./PeopleSearch.styles.js";

export interface PeopleSearchProps {
  /** Label of the search box. */
  label: string;
  search(q: string): Promise<readonly PersonSearchResult[]>;
  /** A control beside each result (an Invite button, say). */
  action?: (person: PersonSearchResult) => ReactNode;
}

/** Find public servants by name, job title or interest; the number found is announced. */
export function PeopleSearch({ label, search, action }: PeopleSearchProps) {
  const styles = usePeopleSearchStyles();
  const announce = useAnnounce();
  const [q, setQ] = useState("");
  const [results, setResults] = useState<readonly PersonSearchResult[]>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [fieldProblem, setFieldProblem] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = q.trim();
    if (!text) {
      setFieldProblem("Type part of a name, job title or interest.");
      return;
    }
    setBusy(true);
    setProblem(undefined);
    setFieldProblem(undefined);
    try {
      const found = await search(text);
      setResults(found);
      announce(found.length === 1 ? "1 person found" : `${found.length} people found`);
    } catch (error) {
      setProblem(describeError(error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.root}>
      <form role="search" aria-label={label} className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
        <Field label={label} hint="A name, job title or interest" validationMessage={fieldProblem} className={styles.field}>
          <Input type="search" value={q} onChange={(_, d) => setQ(d.value)} />
        </Field>
        <Button type="submit" disabledFocusable={busy}>
          {busy ? "Searching…" : "Search"}
        </Button>
      </form>
      {problem ? (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      ) : null}
      {results ? (
        results.length === 0 ? (
          <p className={styles.empty}>No one matched “{q.trim()}”.</p>
        ) : (
          <ul className={styles.list} aria-label="People found">
            {results.map((p) => (
              <li key={p.id} className={styles.item}>
                <div className={styles.who}>
                  <RouterLink to={`/people/${p.id}`}>{p.displayName}</RouterLink>
                  <span className={styles.meta}>{[p.jobTitle, p.agency].filter(Boolean).join(" · ")}</span>
                  {p.interests.length > 0 ? <span className={styles.meta}>Interests: {p.interests.join(", ")}</span> : null}
                </div>
                {action ? action(p) : null}
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}
