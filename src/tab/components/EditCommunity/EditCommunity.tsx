import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Textarea,
  useRestoreFocusTarget,
} from "@fluentui/react-components";
import { useRef, useState, type FormEvent } from "react";
import type { CommunityDetail, CommunityEdit, Visibility } from "../../api/communityTypes.js";
import { describeError, issueFor } from "../../api/describeError.js";
import { DENIAL_MESSAGES } from "../../../domain/policyText.js";
import { defineMessages, useIntl, type Formatter } from "../../i18n/intl.js";
import { splitList } from "../../text/lists.js";
import { closeThen, focusBack, type AfterClose } from "../ConfirmDialog/closeThen.js";
import { VISIBILITY_TEXT } from "../CommunityFacts/communityText.js";
import { FIELD_LABEL } from "../ProposalFields/proposalForm.js";
import { useEditCommunityStyles } from "./EditCommunity.styles.js";

const m = defineMessages({
  open: { id: "manage.edit.open", defaultMessage: "Edit community", description: "Button that opens the edit dialog" },
  title: { id: "manage.edit.title", defaultMessage: "Edit {name}", description: "Dialog title; name is the community's name" },
  codeNote: {
    id: "manage.edit.codeNote",
    defaultMessage: "Changing the code of practice makes it version {next, number}: every member is told, and asked to accept it on their next visit.",
    description: "Hint under the code of practice; next is the version it will become",
  },
  tagsHint: { id: "manage.edit.tagsHint", defaultMessage: "Separate tags with commas." },
  choice: { id: "manage.edit.visibilityChoice", defaultMessage: "{label}: {explained}", description: "A radio button: a visibility and what it means" },
  choiceRefused: {
    id: "manage.edit.visibilityRefused",
    defaultMessage: "{label}: {reason}",
    description: "A visibility that cannot be chosen: its name and the reason why not",
  },
  save: { id: "manage.edit.save", defaultMessage: "Save changes" },
  saving: { id: "manage.edit.saving", defaultMessage: "Saving…" },
  cancel: { id: "manage.edit.cancel", defaultMessage: "Cancel" },
  unchanged: { id: "manage.edit.unchanged", defaultMessage: "Nothing has changed yet." },
});

interface Draft {
  purpose: string;
  termsOfReference: string;
  codeOfPractice: string;
  tags: string;
  visibility: Visibility;
}

/** The policy's sentence for a refused visibility, in the person's language (the server's key when this tab does not know it). */
function refusal(intl: Formatter, ch: CommunityDetail["visibilityChoices"][number]): string {
  if (ch.denial && Object.hasOwn(DENIAL_MESSAGES, ch.denial)) return intl.formatMessage(DENIAL_MESSAGES[ch.denial as keyof typeof DENIAL_MESSAGES]);
  return ch.messageKey ? intl.formatKey(ch.messageKey, undefined, ch.denial ?? "") : (ch.denial ?? "");
}

const draftOf = (c: CommunityDetail): Draft => ({ purpose: c.purpose, termsOfReference: c.termsOfReference, codeOfPractice: c.codeOfPractice, tags: c.tags.join(", "), visibility: c.visibility });

/** Only what changed, with the revision it was read at (the server refuses an edit on an older one). */
export function changesOf(c: CommunityDetail, d: Draft): CommunityEdit | null {
  const edit: CommunityEdit = { revision: c.revision };
  if (d.purpose !== c.purpose) edit.purpose = d.purpose;
  if (d.termsOfReference !== c.termsOfReference) edit.termsOfReference = d.termsOfReference;
  if (d.codeOfPractice !== c.codeOfPractice) edit.codeOfPractice = d.codeOfPractice;
  const tags = splitList(d.tags);
  if (tags.join("\n") !== c.tags.join("\n")) edit.tags = tags;
  if (d.visibility !== c.visibility) edit.visibility = d.visibility;
  return Object.keys(edit).length > 1 ? edit : null;
}

export interface EditCommunityProps {
  community: CommunityDetail;
  /** Send the changes; a rejection keeps the dialog open with each field's problem (see ConfirmDialog for the rest). */
  onSave(edit: CommunityEdit): Promise<AfterClose>;
}

/** Owners edit a community's purpose, terms, code of practice, tags, and its visibility where the server allows it. */
export function EditCommunity({ community: c, onSave }: EditCommunityProps) {
  const styles = useEditCommunityStyles();
  const intl = useIntl();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Draft>(() => draftOf(c));
  const [busy, setBusy] = useState(false);
  const [issues, setIssues] = useState<ReturnType<typeof describeError>["issues"]>([]);
  const [problem, setProblem] = useState<string>();
  const restoreFocus = useRestoreFocusTarget();
  const trigger = useRef<HTMLButtonElement>(null);
  const canCode = c.abilities["community.editCode"];
  const choices = c.abilities["community.changeVisibility"] ? c.visibilityChoices : [];

  const reset = (next: boolean) => {
    setOpen(next);
    setDraft(draftOf(c));
    setIssues([]);
    setProblem(undefined);
  };
  const patch = (p: Partial<Draft>) => setDraft((d) => ({ ...d, ...p }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const edit = changesOf(c, draft);
    if (!edit) {
      setProblem(intl.formatMessage(m.unchanged));
      return;
    }
    setBusy(true);
    setIssues([]);
    setProblem(undefined);
    try {
      const after = await onSave(edit);
      closeThen(() => reset(false), after, trigger);
    } catch (error) {
      const d = describeError(error, intl);
      setIssues(d.issues);
      // Problems that belong to no field here (someone else saved meanwhile, a refused visibility) show above the buttons.
      const placed = ["purpose", "termsOfReference", "codeOfPractice", "tags", "visibility"].some((f) => issueFor(d.issues, f));
      if (!placed) setProblem(d.message);
    } finally {
      setBusy(false);
    }
  };

  const label = (f: keyof typeof FIELD_LABEL) => intl.formatMessage(FIELD_LABEL[f]);
  return (
    <>
      <Button {...restoreFocus} ref={trigger} appearance="secondary" aria-haspopup="dialog" onClick={() => reset(true)}>
        {intl.formatMessage(m.open)}
      </Button>
      {open ? (
        <Dialog
          open
          onOpenChange={(_, data) => {
            reset(data.open);
            if (!data.open) focusBack(trigger);
          }}
        >
          <DialogSurface>
            <form onSubmit={(e) => void submit(e)} noValidate>
              <DialogBody>
                <DialogTitle>{intl.formatMessage(m.title, { name: c.name })}</DialogTitle>
                <DialogContent className={styles.content}>
                  <Field label={label("purpose")} required validationMessage={issueFor(issues, "purpose")}>
                    <Textarea value={draft.purpose} onChange={(_, d) => patch({ purpose: d.value })} resize="vertical" />
                  </Field>
                  <Field label={label("termsOfReference")} required validationMessage={issueFor(issues, "termsOfReference")}>
                    <Textarea value={draft.termsOfReference} onChange={(_, d) => patch({ termsOfReference: d.value })} resize="vertical" rows={5} />
                  </Field>
                  {canCode ? (
                    <Field
                      label={label("codeOfPractice")}
                      required
                      hint={intl.formatMessage(m.codeNote, { next: c.codeVersion + 1 })}
                      validationMessage={issueFor(issues, "codeOfPractice")}
                    >
                      <Textarea value={draft.codeOfPractice} onChange={(_, d) => patch({ codeOfPractice: d.value })} resize="vertical" rows={5} />
                    </Field>
                  ) : null}
                  <Field label={label("tags")} hint={intl.formatMessage(m.tagsHint)} validationMessage={issueFor(issues, "tags")}>
                    <Input value={draft.tags} onChange={(_, d) => patch({ tags: d.value })} />
                  </Field>
                  {choices.length > 0 ? (
                    <Field label={label("visibility")} validationMessage={issueFor(issues, "visibility")}>
                      <RadioGroup value={draft.visibility} onChange={(_, d) => patch({ visibility: d.value as Visibility })}>
                        {choices.map((ch) => {
                          const name = intl.formatMessage(VISIBILITY_TEXT[ch.visibility].label);
                          const text = ch.allowed
                            ? intl.formatMessage(m.choice, { label: name, explained: intl.formatMessage(VISIBILITY_TEXT[ch.visibility].explained) })
                            : intl.formatMessage(m.choiceRefused, { label: name, reason: refusal(intl, ch) });
                          return <Radio key={ch.visibility} value={ch.visibility} disabled={!ch.allowed} label={text} />;
                        })}
                      </RadioGroup>
                    </Field>
                  ) : null}
                  {problem ? (
                    <MessageBar intent="error" role="alert" layout="multiline">
                      <MessageBarBody>{problem}</MessageBarBody>
                    </MessageBar>
                  ) : null}
                </DialogContent>
                <DialogActions>
                  <DialogTrigger disableButtonEnhancement>
                    <Button appearance="secondary">{intl.formatMessage(m.cancel)}</Button>
                  </DialogTrigger>
                  <Button type="submit" appearance="primary" disabledFocusable={busy}>
                    {busy ? intl.formatMessage(m.saving) : intl.formatMessage(m.save)}
                  </Button>
                </DialogActions>
              </DialogBody>
            </form>
          </DialogSurface>
        </Dialog>
      ) : null}
    </>
  );
}
