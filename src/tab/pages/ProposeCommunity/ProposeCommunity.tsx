import { Button } from "@fluentui/react-components";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import type { ApiClient } from "../../api/client.js";
import type { Me } from "../../api/types.js";
import { useResource } from "../../api/useResource.js";
import { ErrorSummary } from "../../components/ErrorSummary/ErrorSummary.js";
import { useAnnounce } from "../../components/LiveAnnouncer/LiveAnnouncer.js";
import { Page } from "../../components/Page/Page.js";
import { ProposalFields } from "../../components/ProposalFields/ProposalFields.js";
import {
  emptyDraft,
  errorsFromServer,
  FIELD_LABEL,
  FIELD_ORDER,
  fieldId,
  localProblems,
  mergeProblems,
  toInput,
  type FieldErrors,
  type ProposalDraft,
} from "../../components/ProposalFields/proposalForm.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import { useProposeCommunityStyles } from "./ProposeCommunity.styles.js";

const m = defineMessages({
  title: { id: "propose.page.title", defaultMessage: "Propose a community" },
  lead: {
    id: "propose.page.lead",
    defaultMessage:
      "Tell platform owners what the community is for and how it will work. Once approved, it opens in Guildhall and gets its own place in Microsoft Teams.",
  },
  notAllowed: {
    id: "propose.page.notAllowed",
    defaultMessage: "Your account may not propose communities. Ask your platform owner if you think it should.",
  },
  summary: { id: "propose.errors.title", defaultMessage: "The proposal needs changes" },
  form: { id: "propose.form.label", defaultMessage: "Proposal", description: "Name of the proposal form" },
  send: { id: "propose.form.send", defaultMessage: "Send proposal" },
  sending: { id: "propose.form.sending", defaultMessage: "Sending…" },
  cancel: { id: "propose.form.cancel", defaultMessage: "Cancel" },
  sent: { id: "propose.form.sent", defaultMessage: "Proposal sent. A platform owner will review {name}.", description: "Announced; name is the community's" },
});

export interface ProposeCommunityProps {
  me: Me;
  api: ApiClient;
}

/** Propose a community of practice; a platform owner approves it before it opens. */
export function ProposeCommunity({ me, api }: ProposeCommunityProps) {
  const styles = useProposeCommunityStyles();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const intl = useIntl();
  const agencies = useResource(() => api.agencies().then((r) => r.items), [api]);
  const clientConfig = useResource(() => api.clientConfig(), [api]);
  const [draft, setDraft] = useState<ProposalDraft>(() => emptyDraft(me.agency?.id));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const fail = (fields: FieldErrors, message?: string) => {
    setErrors(fields);
    setGeneral(message);
    setAttempt((n) => n + 1);
  };

  const naming = clientConfig.state.status === "ready" ? clientConfig.state.data.naming : undefined;

  /**
   * One submit shows every problem: the form's own checks and the server's (which reports all of its own at once)
   * together, each beside its field and in the summary. The server is asked even when the form found something, so
   * nothing waits for a second round.
   */
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const local = localProblems(draft, intl, naming);
    setBusy(true);
    try {
      const created = await api.proposeCommunity(toInput(draft));
      announce(intl.formatMessage(m.sent, { name: created.name }));
      navigate(`/communities/${created.id}`);
    } catch (error) {
      const found = errorsFromServer(error, intl);
      const fields = mergeProblems(local, found.fields);
      // A general message only when nothing could be placed on a field (the server's own words, e.g. it is unreachable).
      fail(fields, Object.keys(found.fields).length > 0 ? undefined : found.general);
    } finally {
      setBusy(false);
    }
  };

  if (!me.permissions["community.propose"]) {
    return <Page title={intl.formatMessage(m.title)} lead={intl.formatMessage(m.notAllowed)} />;
  }

  const items = FIELD_ORDER.flatMap((f) => {
    const message = errors[f];
    return message ? [{ target: fieldId(f), label: intl.formatMessage(FIELD_LABEL[f]), message }] : [];
  });

  return (
    <Page
      title={intl.formatMessage(m.title)}
      lead={intl.formatMessage(m.lead)}
    >
      {items.length > 0 || general ? <ErrorSummary title={intl.formatMessage(m.summary)} items={items} general={general} attempt={attempt} /> : null}
      <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate aria-label={intl.formatMessage(m.form)}>
        <ProposalFields
          draft={draft}
          errors={errors}
          agencies={agencies.state.status === "ready" ? agencies.state.data : me.agency ? [me.agency] : []}
          classifications={clientConfig.state.status === "ready" ? clientConfig.state.data.classifications : undefined}
          naming={naming}
          onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))}
        />
        <div className={styles.actions}>
          <Button type="submit" appearance="primary" disabledFocusable={busy}>
            {busy ? intl.formatMessage(m.sending) : intl.formatMessage(m.send)}
          </Button>
          <Button appearance="secondary" onClick={() => navigate("/communities")}>
            {intl.formatMessage(m.cancel)}
          </Button>
        </div>
      </form>
    </Page>
  );
}
