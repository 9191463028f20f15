import { Button, Checkbox, Field, Input, Select } from "@fluentui/react-components";
import { useEffect, useState, type FormEvent } from "react";
import { CLASSIFICATIONS, type Classification } from "../../api/communityTypes.js";
import type { Agency } from "../../api/types.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import { classificationName } from "../ClassificationBadge/classificationText.js";
import { useDirectoryFiltersStyles } from "./DirectoryFilters.styles.js";

export interface DirectoryFilterValues {
  q: string;
  tag: string;
  agencyId: string;
  classification: Classification | "";
  mine: boolean;
}

const m = defineMessages({
  form: { id: "directory.filters.label", defaultMessage: "Find communities", description: "Name of the directory's search form" },
  search: { id: "directory.filters.search", defaultMessage: "Search" },
  searchHint: { id: "directory.filters.searchHint", defaultMessage: "Words in a name, purpose or tag" },
  tag: { id: "directory.filters.tag", defaultMessage: "Tag" },
  agency: { id: "directory.filters.agency", defaultMessage: "Agency" },
  agencyHint: { id: "directory.filters.agencyHint", defaultMessage: "Has members from", description: "Hint under Agency: communities with members from the agency chosen" },
  anyAgency: { id: "directory.filters.anyAgency", defaultMessage: "Any agency" },
  classification: { id: "directory.filters.classification", defaultMessage: "Classification" },
  anyClassification: { id: "directory.filters.anyClassification", defaultMessage: "Any classification" },
  mine: { id: "directory.filters.mine", defaultMessage: "My communities only" },
  submit: { id: "directory.filters.submit", defaultMessage: "Search", description: "The search form's button" },
});

export interface DirectoryFiltersProps {
  value: DirectoryFilterValues;
  agencies: readonly Agency[];
  onChange(next: DirectoryFilterValues): void;
}

/** Search words and tag apply on Search; the choices apply as soon as they change. */
export function DirectoryFilters({ value, agencies, onChange }: DirectoryFiltersProps) {
  const styles = useDirectoryFiltersStyles();
  const intl = useIntl();
  const [q, setQ] = useState(value.q);
  const [tag, setTag] = useState(value.tag);
  useEffect(() => {
    setQ(value.q);
    setTag(value.tag);
  }, [value.q, value.tag]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ ...value, q: q.trim(), tag: tag.trim() });
  };

  return (
    <form role="search" aria-label={intl.formatMessage(m.form)} className={styles.form} onSubmit={submit}>
      <Field label={intl.formatMessage(m.search)} hint={intl.formatMessage(m.searchHint)} className={styles.wide}>
        <Input type="search" value={q} onChange={(_, d) => setQ(d.value)} />
      </Field>
      <Field label={intl.formatMessage(m.tag)} className={styles.field}>
        <Input value={tag} onChange={(_, d) => setTag(d.value)} />
      </Field>
      <Field label={intl.formatMessage(m.agency)} hint={intl.formatMessage(m.agencyHint)} className={styles.field}>
        <Select value={value.agencyId} onChange={(_, d) => onChange({ ...value, q: q.trim(), tag: tag.trim(), agencyId: d.value })}>
          <option value="">{intl.formatMessage(m.anyAgency)}</option>
          {agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={intl.formatMessage(m.classification)} className={styles.field}>
        <Select
          value={value.classification}
          onChange={(_, d) => onChange({ ...value, q: q.trim(), tag: tag.trim(), classification: d.value as Classification | "" })}
        >
          <option value="">{intl.formatMessage(m.anyClassification)}</option>
          {CLASSIFICATIONS.map((c) => (
            <option key={c} value={c}>
              {classificationName(intl, c)}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.row}>
        <Checkbox
          label={intl.formatMessage(m.mine)}
          checked={value.mine}
          onChange={(_, d) => onChange({ ...value, q: q.trim(), tag: tag.trim(), mine: d.checked === true })}
        />
        <Button type="submit" appearance="primary">
          {intl.formatMessage(m.submit)}
        </Button>
      </div>
    </form>
  );
}
