import { Button, Field, Input, MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useState, type FormEvent } from "react";
import type { ApiClient } from "../../api/client.js";
import type { PersonProfile } from "../../api/communityTypes.js";
import { describeError, issueFor } from "../../api/describeError.js";
import type { Me } from "../../api/types.js";
import { useResource } from "../../api/useResource.js";
import { useAnnounce } from "../../components/LiveAnnouncer/LiveAnnouncer.js";
import { LoadFailure } from "../../components/LoadFailure/LoadFailure.js";
import { LoadingState } from "../../components/LoadingState/LoadingState.js";
import { Page } from "../../components/Page/Page.js";
import { RouterLink } from "../../components/RouterLink/RouterLink.js";
import { splitList } from "../../text/lists.js";
import { useMyProfileStyles } from "./MyProfile.styles.js";

export interface MyProfileProps {
  me: Me;
  api: ApiClient;
}

/** Your own profile: the job title and interests other public servants find you by. */
export function MyProfile({ me, api }: MyProfileProps) {
  const profile = useResource(() => api.person(me.person.id), [api, me.person.id]);
  const { state } = profile;
  return (
    <Page title="Your profile" lead="Other public servants find you by your job title and interests; Guildhall suggests people who share them.">
      {state.status === "loading" ? <LoadingState message="Loading your profile…" /> : null}
      {state.status === "error" ? <LoadFailure what="your profile" error={state.error} onRetry={profile.reload} /> : null}
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

function ProfileForm({ api, profile, canEdit, onSaved }: ProfileFormProps) {
  const styles = useMyProfileStyles();
  const announce = useAnnounce();
  const [jobTitle, setJobTitle] = useState(profile.jobTitle ?? "");
  const [interests, setInterests] = useState(profile.interests.join(", "));
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState<{ jobTitle?: string; interests?: string; general?: string }>({});

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setSaved(false);
    setProblem({});
    try {
      const next = await api.updateProfile({ jobTitle: jobTitle.trim(), interests: splitList(interests) });
      onSaved(next);
      setJobTitle(next.jobTitle ?? "");
      setInterests(next.interests.join(", "));
      setSaved(true);
      announce("Your profile is saved.");
    } catch (error) {
      const d = describeError(error);
      const fields = { jobTitle: issueFor(d.issues, "jobTitle"), interests: issueFor(d.issues, "interests") };
      setProblem({ ...fields, general: fields.jobTitle || fields.interests ? undefined : d.message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate aria-label="Your profile">
      {saved ? (
        <MessageBar intent="success">
          <MessageBarBody>Your profile is saved.</MessageBarBody>
        </MessageBar>
      ) : null}
      {problem.general ? (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>{problem.general}</MessageBarBody>
        </MessageBar>
      ) : null}
      <Field label="Job title" validationMessage={problem.jobTitle}>
        <Input value={jobTitle} onChange={(_, d) => setJobTitle(d.value)} readOnly={!canEdit} />
      </Field>
      <Field label="Interests" hint="Separate interests with commas, for example: evaluation, budget policy" validationMessage={problem.interests}>
        <Input value={interests} onChange={(_, d) => setInterests(d.value)} readOnly={!canEdit} />
      </Field>
      <div className={styles.actions}>
        {canEdit ? (
          <Button type="submit" appearance="primary" disabledFocusable={busy}>
            {busy ? "Saving…" : "Save profile"}
          </Button>
        ) : (
          <p className={styles.note}>Your account may not change its profile.</p>
        )}
        <RouterLink to={`/people/${profile.id}`}>See your profile as others do</RouterLink>
      </div>
    </form>
  );
}
