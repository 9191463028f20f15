import { Button, Field, Input, MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useState, type FormEvent, type ReactNode } from "react";
import type { DirectoryMatch, DirectorySearch, PersonSearchResult } from "../../api/communityTypes.js";
import { describeError } from "../../api/describeError.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import { useAnnounce } from "../LiveAnnouncer/LiveAnnouncer.js";
import { RouterLink } from "../RouterLink/RouterLink.js";
import { usePeopleSearchStyles } from "./PeopleSearch.styles.js";

const m = defineMessages({
  empty: { id: "community.peopleSearch.empty", defaultMessage: "Type part of a name, job title or interest.", description: "Shown when Search is pressed with nothing typed" },
  found: {
    id: "community.peopleSearch.found",
    defaultMessage: "{count, plural, one {# person found} other {# people found}}",
    description: "Announced to screen readers after a search",
  },
  hint: { id: "community.peopleSearch.hint", defaultMessage: "A name, job title or interest", description: "Hint under the search box" },
  search: { id: "community.peopleSearch.search", defaultMessage: "Search", description: "Button" },
  searching: { id: "community.peopleSearch.searching", defaultMessage: "Searching…", description: "The Search button while the search runs" },
  noMatch: { id: "community.peopleSearch.noMatch", defaultMessage: "No one matched “{query}”.", description: "query is what the person typed" },
  list: { id: "community.peopleSearch.list", defaultMessage: "People found", description: "Accessible name of the list of results" },
  interests: { id: "community.peopleSearch.interests", defaultMessage: "Interests: {interests}", description: "interests is the person's interests, already formatted as a list" },
  directoryHeading: {
    id: "community.invite.directory.heading",
    defaultMessage: "In your organisation, not yet in Guildhall",
    description: "Heading of the second list of results: people in the host tenant's Microsoft 365 directory",
  },
  directoryList: { id: "community.invite.directory.list", defaultMessage: "People in your organisation's directory", description: "Accessible name of the directory results list" },
  directoryNone: { id: "community.invite.directory.none", defaultMessage: "No one else in your organisation's directory matched.", description: "The directory search found no one" },
  directoryProblem: {
    id: "community.invite.directory.problem",
    defaultMessage: "Your organisation's directory could not be searched: {reason}",
    description: "The directory search failed; reason is the server's explanation (a full sentence)",
  },
});

export interface DirectorySection {
  search(q: string): Promise<DirectorySearch>;
  /** A control beside each directory result. */
  action(entry: DirectoryMatch): ReactNode;
}

export interface PeopleSearchProps {
  /** Label of the search box. */
  label: string;
  search(q: string): Promise<readonly PersonSearchResult[]>;
  /** A control beside each result (an Invite button, say). */
  action?: (person: PersonSearchResult) => ReactNode;
  /** Also search the host tenant's directory (people not yet in Guildhall); its failure leaves Guildhall's results. */
  directory?: DirectorySection;
  /** Replaces the hint under the box. */
  hint?: string;
}

/** Find public servants by name, job title or interest; the number found is announced. */
export function PeopleSearch({ label, search, action, directory, hint }: PeopleSearchProps) {
  const styles = usePeopleSearchStyles();
  const announce = useAnnounce();
  const intl = useIntl();
  const [q, setQ] = useState("");
  const [results, setResults] = useState<readonly PersonSearchResult[]>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [fieldProblem, setFieldProblem] = useState<string>();
  const [more, setMore] = useState<DirectorySearch>();
  const [moreProblem, setMoreProblem] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = q.trim();
    if (!text) {
      setFieldProblem(intl.formatMessage(m.empty));
      return;
    }
    setBusy(true);
    setProblem(undefined);
    setFieldProblem(undefined);
    setMoreProblem(undefined);
    try {
      // Guildhall's own people and, where Microsoft 365 is connected, the directory, side by side: a directory
      // failure is said beside Guildhall's results instead of hiding them.
      const [found, fromDirectory] = await Promise.all([
        search(text),
        directory
          ? directory.search(text).catch((error: unknown) => {
              setMoreProblem(intl.formatMessage(m.directoryProblem, { reason: describeError(error, intl).message }));
              return undefined;
            })
          : Promise.resolve(undefined),
      ]);
      setResults(found);
      setMore(fromDirectory);
      announce(intl.formatMessage(m.found, { count: found.length + (fromDirectory?.items.length ?? 0) }));
    } catch (error) {
      setProblem(describeError(error, intl).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.root}>
      <form role="search" aria-label={label} className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
        <Field label={label} hint={hint ?? intl.formatMessage(m.hint)} validationMessage={fieldProblem} className={styles.field}>
          <Input type="search" value={q} onChange={(_, d) => setQ(d.value)} />
        </Field>
        <Button type="submit" disabledFocusable={busy}>
          {intl.formatMessage(busy ? m.searching : m.search)}
        </Button>
      </form>
      {problem ? (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      ) : null}
      {results ? (
        results.length === 0 ? (
          <p className={styles.empty}>{intl.formatMessage(m.noMatch, { query: q.trim() })}</p>
        ) : (
          <ul className={styles.list} aria-label={intl.formatMessage(m.list)}>
            {results.map((p) => (
              <li key={p.id} className={styles.item}>
                <div className={styles.who}>
                  <RouterLink to={`/people/${p.id}`}>{p.displayName}</RouterLink>
                  <span className={styles.meta}>{[p.jobTitle, p.agency].filter(Boolean).join(" · ")}</span>
                  {p.interests.length > 0 ? <span className={styles.meta}>{intl.formatMessage(m.interests, { interests: intl.formatList(p.interests, { type: "unit", style: "short" }) })}</span> : null}
                </div>
                {action ? action(p) : null}
              </li>
            ))}
          </ul>
        )
      ) : null}
      {moreProblem ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{moreProblem}</MessageBarBody>
        </MessageBar>
      ) : null}
      {results && directory && more?.connected ? (
        <section aria-labelledby="people-search-directory" className={styles.root}>
          <h3 id="people-search-directory" className={styles.subheading}>
            {intl.formatMessage(m.directoryHeading)}
          </h3>
          {more.items.length === 0 ? (
            <p className={styles.empty}>{intl.formatMessage(m.directoryNone)}</p>
          ) : (
            <ul className={styles.list} aria-label={intl.formatMessage(m.directoryList)}>
              {more.items.map((u) => (
                <li key={u.objectId} className={styles.item}>
                  <div className={styles.who}>
                    <span>{u.displayName}</span>
                    <span className={styles.meta}>{[u.jobTitle, u.mail].filter(Boolean).join(" · ")}</span>
                  </div>
                  {directory.action(u)}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}
