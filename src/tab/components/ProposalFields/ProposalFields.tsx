import { Checkbox, Field, Input, Radio, RadioGroup, Select, Textarea } from "@fluentui/react-components";
import { CLASSIFICATIONS, SCOPES, VISIBILITIES, type Classification, type Scope, type TeamsPresence, type Visibility } from "../../api/communityTypes.js";
import type { Agency, ClassificationCeiling } from "../../api/types.js";
import { fieldId, type FieldErrors, type ProposalDraft } from "./proposalForm.js";
import { useAnnouncement } from "../LiveAnnouncer/LiveAnnouncer.js";
import { PRESENCE_TEXT, SCOPE_TEXT, VISIBILITY_TEXT } from "../CommunityFacts/communityText.js";
import { useProposalFieldsStyles } from "./ProposalFields.styles.js";

/** Teams channel display names are at most 50 characters. */
export const MAX_NAME = 50;

const CLASSIFICATION_TEXT: Record<Classification, { label: string; explained: string }> = {
  OFFICIAL: { label: "OFFICIAL", explained: "Routine government business." },
  OFFICIAL_SENSITIVE: { label: "OFFICIAL: Sensitive", explained: "Limited damage if it were disclosed." },
  PROTECTED: { label: "PROTECTED", explained: "Damage to the national interest if disclosed; needs a PROTECTED tenant." },
};

export interface ProposalFieldsProps {
  draft: ProposalDraft;
  errors: FieldErrors;
  agencies: readonly Agency[];
  /** The deployment's ceiling (client-config); until it is known every classification is offered and the server decides. */
  classifications?: ClassificationCeiling;
  onChange(patch: Partial<ProposalDraft>): void;
}

/** Every field of a proposal, labelled and explained, each showing the server's complaint about it. */
export function ProposalFields({ draft, errors, agencies, classifications, onChange }: ProposalFieldsProps) {
  const styles = useProposalFieldsStyles();
  const length = [...draft.name.trim()].length;
  const over = length - MAX_NAME;
  useAnnouncement(over > 0 ? `The name is ${over} ${over === 1 ? "character" : "characters"} too long` : undefined);
  const offered = (c: Classification) => classifications === undefined || classifications.allowed.includes(c);
  const ceilingNote = CLASSIFICATIONS.some((c) => !offered(c)) ? classifications?.ceilingReason : undefined;
  const nameProblem = errors.name ?? (over > 0 ? `The name is ${over} ${over === 1 ? "character" : "characters"} too long for Teams.` : undefined);

  return (
    <div className={styles.root}>
      <Field
        label="Name"
        required
        validationMessage={nameProblem}
        hint={
          <>
            <span className={styles.counter}>
              {length} of {MAX_NAME} characters.
            </span>{" "}
            It becomes the Teams channel name: at most {MAX_NAME} characters, including any prefix or suffix your
            organisation&apos;s naming policy adds.
          </>
        }
      >
        <Input id={fieldId("name")} value={draft.name} onChange={(_, d) => onChange({ name: d.value })} />
      </Field>
      <Field label="Purpose" required hint="A sentence or two: who it is for and what it is for." validationMessage={errors.purpose}>
        <Textarea id={fieldId("purpose")} value={draft.purpose} onChange={(_, d) => onChange({ purpose: d.value })} resize="vertical" />
      </Field>
      <Field label="Terms of reference" required hint="How the community works: meetings, membership, decisions." validationMessage={errors.termsOfReference}>
        <Textarea id={fieldId("termsOfReference")} value={draft.termsOfReference} onChange={(_, d) => onChange({ termsOfReference: d.value })} resize="vertical" rows={5} />
      </Field>
      <Field label="Code of practice" required hint="Members read and accept this when they join." validationMessage={errors.codeOfPractice}>
        <Textarea id={fieldId("codeOfPractice")} value={draft.codeOfPractice} onChange={(_, d) => onChange({ codeOfPractice: d.value })} resize="vertical" rows={5} />
      </Field>
      <Field label="Who can see and join" required validationMessage={errors.visibility}>
        <RadioGroup id={fieldId("visibility")} value={draft.visibility} onChange={(_, d) => onChange({ visibility: d.value as Visibility })}>
          {VISIBILITIES.map((v) => (
            <Radio key={v} value={v} label={`${VISIBILITY_TEXT[v].label}: ${VISIBILITY_TEXT[v].explained}`} />
          ))}
        </RadioGroup>
      </Field>
      <Field label="Scope" required validationMessage={errors.scope}>
        <RadioGroup id={fieldId("scope")} value={draft.scope} onChange={(_, d) => onChange({ scope: d.value as Scope })}>
          {SCOPES.map((s) => (
            <Radio key={s} value={s} label={`${SCOPE_TEXT[s].label}: ${SCOPE_TEXT[s].explained}`} />
          ))}
        </RadioGroup>
      </Field>
      {draft.scope === "agency_only" ? (
        <fieldset id={fieldId("agencyIds")} className={styles.fieldset} aria-describedby={`${fieldId("agencyIds")}-hint`}>
          <legend className={styles.legend}>Agencies</legend>
          <p id={`${fieldId("agencyIds")}-hint`} className={styles.hint}>
            Only staff of the agencies you tick can join. Leave them all unticked to limit it to your own agency.
          </p>
          {agencies.map((a) => (
            <Checkbox
              key={a.id}
              label={`${a.name} (${a.shortName})`}
              checked={draft.agencyIds.includes(a.id)}
              onChange={(_, d) =>
                onChange({ agencyIds: d.checked === true ? [...draft.agencyIds, a.id] : draft.agencyIds.filter((id) => id !== a.id) })
              }
            />
          ))}
          {errors.agencyIds ? (
            <p className={styles.error} role="alert">
              {errors.agencyIds}
            </p>
          ) : null}
        </fieldset>
      ) : null}
      <Field
        label="Classification"
        required
        hint={`The highest classification members may share. It is shown everywhere the community appears.${ceilingNote ? ` ${ceilingNote}` : ""}`}
        validationMessage={errors.classification}
      >
        <RadioGroup id={fieldId("classification")} value={draft.classification} onChange={(_, d) => {
            const chosen = d.value as Classification;
            if (offered(chosen)) onChange({ classification: chosen });
          }}
        >
          {CLASSIFICATIONS.map((c) => (
            <Radio
              key={c}
              value={c}
              disabled={!offered(c)}
              label={`${CLASSIFICATION_TEXT[c].label}: ${CLASSIFICATION_TEXT[c].explained}${offered(c) ? "" : " Not available in this Guildhall."}`}
            />
          ))}
        </RadioGroup>
      </Field>
      <Field label="Tags" hint="Separate tags with commas, for example: data, evaluation" validationMessage={errors.tags}>
        <Input id={fieldId("tags")} value={draft.tags} onChange={(_, d) => onChange({ tags: d.value })} />
      </Field>
      <Field
        label="Place in Microsoft Teams"
        hint="A standard channel is visible to everyone in the host team, so it suits open communities only."
        validationMessage={errors.teamsPresence}
      >
        <Select id={fieldId("teamsPresence")} value={draft.teamsPresence} onChange={(_, d) => onChange({ teamsPresence: d.value as TeamsPresence | "" })}>
          <option value="">Guildhall&apos;s default for the visibility you chose</option>
          {(Object.keys(PRESENCE_TEXT) as TeamsPresence[]).map((p) => (
            <option key={p} value={p}>
              {PRESENCE_TEXT[p]}
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
}
