import { Button, Checkbox, Field, Input, Select } from "@fluentui/react-components";
import { useEffect, useState, type FormEvent } from "react";
import { CLASSIFICATIONS, type Classification } from "../../api/communityTypes.js";
import type { Agency } from "../../api/types.js";
import { useDirectoryFiltersStyles } from "./DirectoryFilters.styles.js";

export interface DirectoryFilterValues {
  q: string;
  tag: string;
  agencyId: string;
  classification: Classification | "";
  mine: boolean;
}

const CLASSIFICATION_LABEL: Record<Classification, string> = {
  OFFICIAL: "OFFICIAL",
  OFFICIAL_SENSITIVE: "OFFICIAL: Sensitive",
  PROTECTED: "PROTECTED",
};

export interface DirectoryFiltersProps {
  value: DirectoryFilterValues;
  agencies: readonly Agency[];
  onChange(next: DirectoryFilterValues): void;
}

/** Search words and tag apply on Search; the choices apply as soon as they change. */
export function DirectoryFilters({ value, agencies, onChange }: DirectoryFiltersProps) {
  const styles = useDirectoryFiltersStyles();
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
    <form role="search" aria-label="Find communities" className={styles.form} onSubmit={submit}>
      <Field label="Search" hint="Words in a name, purpose or tag" className={styles.wide}>
        <Input type="search" value={q} onChange={(_, d) => setQ(d.value)} />
      </Field>
      <Field label="Tag" className={styles.field}>
        <Input value={tag} onChange={(_, d) => setTag(d.value)} />
      </Field>
      <Field label="Agency" hint="Has members from" className={styles.field}>
        <Select value={value.agencyId} onChange={(_, d) => onChange({ ...value, q: q.trim(), tag: tag.trim(), agencyId: d.value })}>
          <option value="">Any agency</option>
          {agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Classification" className={styles.field}>
        <Select
          value={value.classification}
          onChange={(_, d) => onChange({ ...value, q: q.trim(), tag: tag.trim(), classification: d.value as Classification | "" })}
        >
          <option value="">Any classification</option>
          {CLASSIFICATIONS.map((c) => (
            <option key={c} value={c}>
              {CLASSIFICATION_LABEL[c]}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.row}>
        <Checkbox
          label="My communities only"
          checked={value.mine}
          onChange={(_, d) => onChange({ ...value, q: q.trim(), tag: tag.trim(), mine: d.checked === true })}
        />
        <Button type="submit" appearance="primary">
          Search
        </Button>
      </div>
    </form>
  );
}
