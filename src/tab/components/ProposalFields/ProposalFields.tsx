import { Checkbox, Field, Input, Radio, RadioGroup, Select, Textarea } from "@fluentui/react-components";
import { CLASSIFICATIONS, SCOPES, VISIBILITIES, type Classification, type Scope, type TeamsPresence, type Visibility } from "../../api/communityTypes.js";
import type { Agency, ClassificationCeiling } from "../../api/types.js";
import type { ReactNode } from "react";
import { MAX_CHANNEL_NAME, MAX_TEAM_NAME } from "../../../domain/teamsNames.js";
import { defineMessages, rich, useIntl } from "../../i18n/intl.js";
import { FIELD_LABEL, fieldId, MAX_NAME, presenceOf, teamsNameOf, type FieldErrors, type Naming, type ProposalDraft } from "./proposalForm.js";
import { useAnnouncement } from "../LiveAnnouncer/LiveAnnouncer.js";
import { ceilingReason, CLASSIFICATION_TEXT } from "../ClassificationBadge/classificationText.js";
import { PRESENCE_TEXT, SCOPE_TEXT, VISIBILITY_TEXT } from "../CommunityFacts/communityText.js";
import { useProposalFieldsStyles } from "./ProposalFields.styles.js";

const m = defineMessages({
  nameHint: {
    id: "propose.name.hint",
    defaultMessage:
      "<counter>{length, number} of {max, plural, one {# character} other {# characters}}.</counter> Use the community's real name; Teams gets a name made from it.",
    description: "Under the name field; <counter> is shown in bold: length is what was typed, max the limit (100)",
  },
  inTeams: {
    id: "propose.name.inTeams",
    defaultMessage: "In Teams: <b>{teamsName}</b>",
    description: "Under the name field, updated as the person types: the channel or team name Teams will get; <b> is shown in bold",
  },
  inTeamsAdjusted: {
    id: "propose.name.inTeamsAdjusted",
    defaultMessage:
      "{kind, select, team {A team name is at most {max, plural, one {# character} other {# characters}}, so it is shortened.} other {Teams does not allow some characters (such as & / : ? # or an apostrophe) or more than {max, plural, one {# character} other {# characters}} in a channel name, so the name is adjusted, with your organisation's prefix and suffix.}}",
    description: "After the Teams name, when it differs from the name typed; kind is team or channel; max is Teams' limit (50 for a channel, 256 for a team)",
  },
  inTeamsAffixes: {
    id: "propose.name.inTeamsAffixes",
    defaultMessage: "Your organisation's naming prefix and suffix are added.",
    description: "After the Teams name, when it differs from the name typed only by the deployment's prefix and suffix",
  },
  inTeamsNone: {
    id: "propose.name.inTeamsNone",
    defaultMessage: "In Teams: no name yet. Teams needs at least one letter or digit.",
    description: "Under the name field when nothing typed so far can be used in a Teams name",
  },
  nameTooLong: {
    id: "propose.name.tooLong",
    defaultMessage: "The name is {over, plural, one {# character} other {# characters}} too long.",
  },
  nameTooLongAnnounced: {
    id: "propose.name.tooLongAnnounced",
    defaultMessage: "The name is {over, plural, one {# character} other {# characters}} too long",
    description: "Read out by screen readers as the person types",
  },
  purposeHint: { id: "propose.purpose.hint", defaultMessage: "A sentence or two: who it is for and what it is for." },
  termsHint: { id: "propose.termsOfReference.hint", defaultMessage: "How the community works: meetings, membership, decisions." },
  codeHint: { id: "propose.codeOfPractice.hint", defaultMessage: "Members read and accept this when they join." },
  choice: {
    id: "propose.choice",
    defaultMessage: "{label}: {explained}",
    description: "A radio button: a choice's name and what it means (visibility, scope)",
  },
  agenciesHint: {
    id: "propose.agencies.hint",
    defaultMessage: "Only staff of the agencies you tick can join. Leave them all unticked to limit it to your own agency.",
  },
  agency: { id: "propose.agencies.option", defaultMessage: "{name} ({shortName})", description: "An agency's name and short name (ABS)" },
  classificationHint: {
    id: "propose.classification.hint",
    defaultMessage: "The highest classification members may share. It is shown everywhere the community appears.",
  },
  classificationHintCeiling: {
    id: "propose.classification.hintWithCeiling",
    defaultMessage: "The highest classification members may share. It is shown everywhere the community appears. {ceiling}",
    description: "ceiling is the sentence saying why higher classifications are not offered",
  },
  classificationOption: {
    id: "propose.classification.option",
    defaultMessage: "{label}: {explained}",
    description: "A radio button: a classification's name and what it means",
  },
  classificationUnavailable: {
    id: "propose.classification.optionUnavailable",
    defaultMessage: "{label}: {explained} Not available in this Guildhall.",
    description: "A radio button for a classification above the deployment's ceiling",
  },
  tagsHint: { id: "propose.tags.hint", defaultMessage: "Separate tags with commas, for example: data, evaluation" },
  presenceHint: {
    id: "propose.teamsPresence.hint",
    defaultMessage: "A standard channel is visible to everyone in the host team, so it suits open communities only.",
  },
  presenceDefault: { id: "propose.teamsPresence.default", defaultMessage: "Guildhall's default for the visibility you chose" },
});

export interface ProposalFieldsProps {
  draft: ProposalDraft;
  errors: FieldErrors;
  agencies: readonly Agency[];
  /** The deployment's ceiling (client-config); until it is known every classification is offered and the server decides. */
  classifications?: ClassificationCeiling;
  /** The deployment's naming prefix and suffix (client-config), for the Teams name shown as the person types. */
  naming?: Naming;
  onChange(patch: Partial<ProposalDraft>): void;
}

/** Every field of a proposal, labelled and explained, each showing the server's complaint about it. */
export function ProposalFields({ draft, errors, agencies, classifications, naming, onChange }: ProposalFieldsProps) {
  const styles = useProposalFieldsStyles();
  const intl = useIntl();
  const length = [...draft.name.trim()].length;
  const over = length - MAX_NAME;
  useAnnouncement(over > 0 ? intl.formatMessage(m.nameTooLongAnnounced, { over }) : undefined);
  const offered = (c: Classification) => classifications === undefined || classifications.allowed.includes(c);
  const ceilingNote = classifications && CLASSIFICATIONS.some((c) => !offered(c)) ? ceilingReason(intl, classifications.max) : undefined;
  const nameProblem = errors.name ?? (over > 0 ? intl.formatMessage(m.nameTooLong, { over }) : undefined);
  const teams = teamsNameOf(draft, naming);
  const kind = presenceOf(draft) === "team" ? "team" : "channel";
  const typed = draft.name.trim().replace(/\s+/gu, " ");
  const withAffixes = `${naming?.prefix ?? ""}${typed}${naming?.suffix ?? ""}`.trim();
  const bold = (chunks: ReactNode[]) => <strong className={styles.counter}>{chunks}</strong>;
  const teamsNote =
    teams === undefined
      ? null
      : !teams.ok
        ? intl.formatMessage(m.inTeamsNone)
        : teams.name !== withAffixes
          ? intl.formatMessage(m.inTeamsAdjusted, { kind, max: kind === "team" ? MAX_TEAM_NAME : MAX_CHANNEL_NAME })
          : teams.name !== typed
            ? intl.formatMessage(m.inTeamsAffixes)
            : null;
  const label = (field: keyof typeof FIELD_LABEL) => intl.formatMessage(FIELD_LABEL[field]);

  return (
    <div className={styles.root}>
      <Field
        label={label("name")}
        required
        validationMessage={nameProblem}
        hint={
          <>
            {rich(intl, m.nameHint, {
              length,
              max: MAX_NAME,
              counter: (chunks: ReactNode[]) => <span className={styles.counter}>{chunks}</span>,
            })}
            {teams ? (
              <span className={styles.teamsName} id={`${fieldId("name")}-teams`}>
                {teams.ok ? <span>{rich(intl, m.inTeams, { teamsName: teams.name, b: bold })}</span> : null}
                {teamsNote ? <span className={styles.teamsNote}>{teamsNote}</span> : null}
              </span>
            ) : null}
          </>
        }
      >
        <Input id={fieldId("name")} value={draft.name} onChange={(_, d) => onChange({ name: d.value })} />
      </Field>
      <Field label={label("purpose")} required hint={intl.formatMessage(m.purposeHint)} validationMessage={errors.purpose}>
        <Textarea id={fieldId("purpose")} value={draft.purpose} onChange={(_, d) => onChange({ purpose: d.value })} resize="vertical" />
      </Field>
      <Field label={label("termsOfReference")} required hint={intl.formatMessage(m.termsHint)} validationMessage={errors.termsOfReference}>
        <Textarea id={fieldId("termsOfReference")} value={draft.termsOfReference} onChange={(_, d) => onChange({ termsOfReference: d.value })} resize="vertical" rows={5} />
      </Field>
      <Field label={label("codeOfPractice")} required hint={intl.formatMessage(m.codeHint)} validationMessage={errors.codeOfPractice}>
        <Textarea id={fieldId("codeOfPractice")} value={draft.codeOfPractice} onChange={(_, d) => onChange({ codeOfPractice: d.value })} resize="vertical" rows={5} />
      </Field>
      <Field label={label("visibility")} required validationMessage={errors.visibility}>
        <RadioGroup id={fieldId("visibility")} value={draft.visibility} onChange={(_, d) => onChange({ visibility: d.value as Visibility })}>
          {VISIBILITIES.map((v) => (
            <Radio key={v} value={v} label={intl.formatMessage(m.choice, { label: intl.formatMessage(VISIBILITY_TEXT[v].label), explained: intl.formatMessage(VISIBILITY_TEXT[v].explained) })} />
          ))}
        </RadioGroup>
      </Field>
      <Field label={label("scope")} required validationMessage={errors.scope}>
        <RadioGroup id={fieldId("scope")} value={draft.scope} onChange={(_, d) => onChange({ scope: d.value as Scope })}>
          {SCOPES.map((s) => (
            <Radio key={s} value={s} label={intl.formatMessage(m.choice, { label: intl.formatMessage(SCOPE_TEXT[s].label), explained: intl.formatMessage(SCOPE_TEXT[s].explained) })} />
          ))}
        </RadioGroup>
      </Field>
      {draft.scope === "agency_only" ? (
        <fieldset id={fieldId("agencyIds")} className={styles.fieldset} aria-describedby={`${fieldId("agencyIds")}-hint`}>
          <legend className={styles.legend}>{label("agencyIds")}</legend>
          <p id={`${fieldId("agencyIds")}-hint`} className={styles.hint}>
            {intl.formatMessage(m.agenciesHint)}
          </p>
          {agencies.map((a) => (
            <Checkbox
              key={a.id}
              label={intl.formatMessage(m.agency, { name: a.name, shortName: a.shortName })}
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
        label={label("classification")}
        required
        hint={ceilingNote ? intl.formatMessage(m.classificationHintCeiling, { ceiling: ceilingNote }) : intl.formatMessage(m.classificationHint)}
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
              label={intl.formatMessage(offered(c) ? m.classificationOption : m.classificationUnavailable, {
                label: intl.formatMessage(CLASSIFICATION_TEXT[c].label),
                explained: intl.formatMessage(CLASSIFICATION_TEXT[c].explained),
              })}
            />
          ))}
        </RadioGroup>
      </Field>
      <Field label={label("tags")} hint={intl.formatMessage(m.tagsHint)} validationMessage={errors.tags}>
        <Input id={fieldId("tags")} value={draft.tags} onChange={(_, d) => onChange({ tags: d.value })} />
      </Field>
      <Field
        label={label("teamsPresence")}
        hint={intl.formatMessage(m.presenceHint)}
        validationMessage={errors.teamsPresence}
      >
        <Select id={fieldId("teamsPresence")} value={draft.teamsPresence} onChange={(_, d) => onChange({ teamsPresence: d.value as TeamsPresence | "" })}>
          <option value="">{intl.formatMessage(m.presenceDefault)}</option>
          {(Object.keys(PRESENCE_TEXT) as TeamsPresence[]).map((p) => (
            <option key={p} value={p}>
              {intl.formatMessage(PRESENCE_TEXT[p])}
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
}
