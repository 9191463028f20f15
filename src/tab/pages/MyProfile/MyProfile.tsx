import { Button, Field, Input, MessageBar, MessageBarBody, Select } from "@fluentui/react-components";
import { useEffect, useState, type FormEvent } from "react";
import type { ApiClient } from "../../api/client.js";
import type { PersonProfile, ProfileInput } from "../../api/communityTypes.js";
import { describeError, issueFor } from "../../api/describeError.js";
import type { Me } from "../../api/types.js";
import { useResource } from "../../api/useResource.js";
import { useAnnounce } from "../../components/LiveAnnouncer/LiveAnnouncer.js";
import { LoadFailure } from "../../components/LoadFailure/LoadFailure.js";
import { LoadingState } from "../../components/LoadingState/LoadingState.js";
import { Page } from "../../components/Page/Page.js";
import { RouterLink } from "../../components/RouterLink/RouterLink.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import { useLocale } from "../../i18n/localeState.js";
import { isLocale, LOCALE_NAMES, LOCALES, PSEUDO_LOCALE, type AnyLocale } from "../../../i18n/locales.js";
import { splitList } from "../../text/lists.js";
import { useMyProfileStyles } from "./MyProfile.styles.js";

const m = defineMessages({
  title: { id: "profile.mine.title", defaultMessage: "Your profile" },
  lead: {
    id: "profile.mine.lead",
    defaultMessage: "Other public servants find you by your job title and interests; Guildhall suggests people who share them.",
  },
  loading: { id: "profile.mine.loading", defaultMessage: "Loading your profile…" },
  what: { id: "profile.mine.what", defaultMessage: "your profile", description: "Completes the load failure's title “Couldn't load …”" },
  form: { id: "profile.mine.form", defaultMessage: "Your profile", description: "Name of the profile form" },
  saved: { id: "profile.mine.saved", defaultMessage: "Your profile is saved." },
  jobTitle: { id: "profile.mine.jobTitle", defaultMessage: "Job title" },
  interests: { id: "profile.mine.interests", defaultMessage: "Interests" },
  interestsHint: {
    id: "profile.mine.interestsHint",
    defaultMessage: "Separate interests with commas, for example: evaluation, budget policy",
  },
  language: { id: "profile.mine.language", defaultMessage: "Language" },
  languageHint: {
    id: "profile.mine.languageHint",
    defaultMessage: "The language Guildhall speaks to you in: this tab, the bot's messages to you and your notices.",
  },
  followTeams: {
    id: "profile.mine.followTeams",
    defaultMessage: "Follow Microsoft Teams",
    description: "Language choice: no choice of your own; use the language of Teams (or of the browser outside Teams)",
  },
  saving: { id: "profile.mine.saving", defaultMessage: "Saving…" },
  save: { id: "profile.mine.save", defaultMessage: "Save profile" },
  readOnly: { id: "profile.mine.readOnly", defaultMessage: "Your account may not change its profile." },
  asOthers: { id: "profile.mine.asOthers", defaultMessage: "See your profile as others do" },
});

export interface MyProfileProps {
  me: Me;
  api: ApiClient;
}

/** Your own profile: the job title and interests other public servants find you by, and your language. */
export function MyProfile({ me, api }: MyProfileProps) {
  const intl = useIntl();
  const profile = useResource(() => api.person(me.person.id), [api, me.person.id]);
  const { state } = profile;
  return (
    <Page title={intl.formatMessage(m.title)} lead={intl.formatMessage(m.lead)}>
      {state.status === "loading" ? <LoadingState message={intl.formatMessage(m.loading)} /> : null}
      {state.status === "error" ? <LoadFailure what={intl.formatMessage(m.what)} error={state.error} onRetry={profile.reload} /> : null}
      {state.status === "ready" ? <ProfileForm api={api} profile={state.data} canEdit={me.permissions["profile.update"]} onSaved={profile.replace} /> : null}
    </Page>
  );
}

interface ProfileFormProps {
  api: ApiClient;
  profile: PersonProfile;
  canEdit: boolean;
  onSaved(next: PersonProfile): void;
}

/** The locales this deployment offers (client-config); until it answers, or if it cannot, the complete locales. */
function useChoosableLocales(api: ApiClient): AnyLocale[] {
  const config = useResource(() => api.clientConfig(), [api]);
  const offered = config.state.status === "ready" ? config.state.data.locales : undefined;
  return Array.isArray(offered) ? offered.filter((l): l is AnyLocale => isLocale(l, { pseudo: true })) : [...LOCALES];
}

function ProfileForm({ api, profile, canEdit, onSaved }: ProfileFormProps) {
  const styles = useMyProfileStyles();
  const intl = useIntl();
  const announce = useAnnounce();
  const { choice, setChoice, settled } = useLocale();
  const locales = useChoosableLocales(api);
  const [jobTitle, setJobTitle] = useState(profile.jobTitle ?? "");
  const [interests, setInterests] = useState(profile.interests.join(", "));
  // The language picked here but not saved yet; undefined shows the current choice ("" is Follow Microsoft Teams).
  const [language, setLanguage] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [announcing, setAnnouncing] = useState(false);
  const [problem, setProblem] = useState<{ jobTitle?: string; interests?: string; locale?: string; general?: string }>({});

  // Announced once the page speaks the language just chosen, so the confirmation is heard in it.
  useEffect(() => {
    if (!announcing || !settled) return;
    announce(intl.formatMessage(m.saved));
    setAnnouncing(false);
  }, [announcing, settled, intl, announce]);

  const shownLanguage = language ?? choice ?? "";
  const options = choice && !locales.includes(choice) ? [...locales, choice] : locales;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setSaved(false);
    setProblem({});
    const nextLocale = language === undefined ? undefined : isLocale(language, { pseudo: true }) ? language : null;
    const input: ProfileInput = { jobTitle: jobTitle.trim(), interests: splitList(interests) };
    if (nextLocale !== undefined && nextLocale !== choice) input.locale = nextLocale;
    try {
      const next = await api.updateProfile(input);
      onSaved(next);
      setJobTitle(next.jobTitle ?? "");
      setInterests(next.interests.join(", "));
      setLanguage(undefined);
      if (nextLocale !== undefined) setChoice(nextLocale);
      setSaved(true);
      setAnnouncing(true);
    } catch (error) {
      const d = describeError(error, intl);
      const fields = { jobTitle: issueFor(d.issues, "jobTitle"), interests: issueFor(d.issues, "interests"), locale: issueFor(d.issues, "locale") };
      setProblem({ ...fields, general: fields.jobTitle || fields.interests || fields.locale ? undefined : d.message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate aria-label={intl.formatMessage(m.form)}>
      {saved ? (
        <MessageBar intent="success">
          <MessageBarBody>{intl.formatMessage(m.saved)}</MessageBarBody>
        </MessageBar>
      ) : null}
      {problem.general ? (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>{problem.general}</MessageBarBody>
        </MessageBar>
      ) : null}
      <Field label={intl.formatMessage(m.jobTitle)} validationMessage={problem.jobTitle}>
        <Input value={jobTitle} onChange={(_, d) => setJobTitle(d.value)} readOnly={!canEdit} />
      </Field>
      <Field label={intl.formatMessage(m.interests)} hint={intl.formatMessage(m.interestsHint)} validationMessage={problem.interests}>
        <Input value={interests} onChange={(_, d) => setInterests(d.value)} readOnly={!canEdit} />
      </Field>
      <Field label={intl.formatMessage(m.language)} hint={intl.formatMessage(m.languageHint)} validationMessage={problem.locale}>
        <Select value={shownLanguage} onChange={(_, d) => setLanguage(d.value)} disabled={!canEdit}>
          <option value="">{intl.formatMessage(m.followTeams)}</option>
          {options.map((l) => (
            // Each language is named in itself, so a person who cannot read the current one still finds theirs.
            <option key={l} value={l} lang={l === PSEUDO_LOCALE ? "en" : l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.actions}>
        {canEdit ? (
          <Button type="submit" appearance="primary" disabledFocusable={busy}>
            {busy ? intl.formatMessage(m.saving) : intl.formatMessage(m.save)}
          </Button>
        ) : (
          <p className={styles.note}>{intl.formatMessage(m.readOnly)}</p>
        )}
        <RouterLink to={`/people/${profile.id}`}>{intl.formatMessage(m.asOthers)}</RouterLink>
      </div>
    </form>
  );
}
