import { Button, Field, Input, MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import { useState, type FormEvent } from "react";
import type { CommunityInvitations, DirectoryMatch, DirectorySearch, InviteTarget, PersonSearchResult } from "../../api/communityTypes.js";
import { describeError, issueFor } from "../../api/describeError.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import { useAnnounce } from "../LiveAnnouncer/LiveAnnouncer.js";
import { PeopleSearch } from "../PeopleSearch/PeopleSearch.js";
import { useInvitePeopleStyles } from "./InvitePeople.styles.js";

const m = defineMessages({
  sent: { id: "community.invite.sent", defaultMessage: "Invitation sent to {name}.", description: "Success, also announced; name is the person invited" },
  sentPending: {
    id: "community.invite.sentPending",
    defaultMessage: "Invitation recorded for {name}. They will find it when they first open Guildhall.",
    description: "Success for someone not yet in Guildhall (an address or a directory entry); name is their name or address",
  },
  search: { id: "community.invite.search", defaultMessage: "Find someone to invite", description: "Label of the search box" },
  searchHint: {
    id: "community.invite.searchHint",
    defaultMessage: "A name, job title or interest of someone in Guildhall, or a name or email address in your organisation",
    description: "Hint under the search box when the organisation's directory is searched too",
  },
  alreadyMember: { id: "community.invite.alreadyMember", defaultMessage: "Already a member", description: "Shown instead of the Invite button" },
  invited: { id: "community.invite.invited", defaultMessage: "Invited", description: "Shown instead of the Invite button once the invitation is sent" },
  invite: { id: "community.invite.invite", defaultMessage: "Invite", description: "Button" },
  inviteName: { id: "community.invite.inviteName", defaultMessage: "Invite {name}", description: "Accessible name of the Invite button; name is the person's" },
  noDirectory: {
    id: "community.invite.noDirectory",
    defaultMessage: "Microsoft 365 is not connected here, so the search finds only people already in Guildhall. You can still invite someone by email.",
    description: "Local mode: there is no organisation directory to search",
  },
  emailLabel: { id: "community.invite.emailLabel", defaultMessage: "Invite by email address", description: "Label of the email field" },
  emailHint: {
    id: "community.invite.emailHint",
    defaultMessage: "For someone who has not opened Guildhall yet. Addresses at {domains} can be invited.",
    description: "Hint under the email field; domains is a list of email domains, already formatted as a list",
  },
  emailHintNone: {
    id: "community.invite.emailHintNone",
    defaultMessage: "No agency's addresses can be invited to this community by email.",
    description: "Hint under the email field when no agency domain is accepted",
  },
  emailRequired: { id: "community.invite.emailRequired", defaultMessage: "Enter an email address.", description: "Beside the email field when Invite is pressed with nothing typed" },
  emailSend: { id: "community.invite.emailSend", defaultMessage: "Invite", description: "Button beside the email field" },
  emailSending: { id: "community.invite.emailSending", defaultMessage: "Inviting…", description: "The email Invite button while the invitation is sent" },
  pendingHeading: { id: "community.invite.pendingHeading", defaultMessage: "Invited, not yet joined", description: "Heading of the list of pending invitations" },
  pendingPerson: {
    id: "community.invite.pendingPerson",
    defaultMessage: "Invited by {inviter} on {date}",
    description: "Under a pending invitee's name; inviter is a person's name, date a formatted date",
  },
  pendingNotYet: {
    id: "community.invite.pendingNotYet",
    defaultMessage: "Invited by {inviter} on {date}. Has not opened Guildhall yet.",
    description: "Under a pending invitee who has not signed in yet; inviter is a person's name, date a formatted date",
  },
});

export interface InvitePeopleProps {
  /** People already in Guildhall. */
  search(q: string): Promise<readonly PersonSearchResult[]>;
  /** People in the host tenant's directory not yet in Guildhall (the server says when there is no directory). */
  searchDirectory?: (q: string) => Promise<DirectorySearch>;
  /** Ids of people already in the community (they are not offered an invitation). */
  memberIds: readonly string[];
  /** Pending invitations and how one can invite here, from the community view. */
  invitations?: CommunityInvitations | null;
  onInvite(target: InviteTarget): Promise<void>;
}

/**
 * Moderators find someone and invite them: a person in Guildhall, someone in their organisation's Microsoft 365
 * directory, or an address in an agency Guildhall allows. The server decides whether they may be invited.
 */
export function InvitePeople({ search, searchDirectory, memberIds, invitations, onInvite }: InvitePeopleProps) {
  const styles = useInvitePeopleStyles();
  const announce = useAnnounce();
  const intl = useIntl();
  const [invited, setInvited] = useState<readonly string[]>([]);
  const [busyId, setBusyId] = useState<string>();
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>();
  const [email, setEmail] = useState("");
  const [emailProblem, setEmailProblem] = useState<string>();
  const [emailBusy, setEmailBusy] = useState(false);
  const directory = invitations?.directory === true && searchDirectory !== undefined;
  const pending = invitations?.pending ?? [];
  const invitedPeople = new Set([...invited, ...pending.flatMap((p) => [p.personId, p.objectId].filter((x): x is string => x !== null))]);

  const succeed = (text: string) => {
    setOutcome({ ok: true, text });
    announce(text);
  };

  const invite = async (key: string, target: InviteTarget, name: string, pendingSignIn: boolean) => {
    setBusyId(key);
    setOutcome(undefined);
    try {
      await onInvite(target);
      setInvited((list) => [...list, key]);
      succeed(intl.formatMessage(pendingSignIn ? m.sentPending : m.sent, { name }));
    } catch (error) {
      setOutcome({ ok: false, text: describeError(error, intl).message });
    } finally {
      setBusyId(undefined);
    }
  };

  const inviteByEmail = async (event: FormEvent) => {
    event.preventDefault();
    const address = email.trim();
    setOutcome(undefined);
    if (!address) {
      setEmailProblem(intl.formatMessage(m.emailRequired));
      return;
    }
    setEmailBusy(true);
    setEmailProblem(undefined);
    try {
      await onInvite({ email: address });
      setEmail("");
      succeed(intl.formatMessage(m.sentPending, { name: address }));
    } catch (error) {
      const d = describeError(error, intl);
      const beside = issueFor(d.issues, "email");
      if (beside) setEmailProblem(beside);
      else setOutcome({ ok: false, text: d.message });
    } finally {
      setEmailBusy(false);
    }
  };

  const button = (key: string, name: string, onClick: () => void) =>
    invitedPeople.has(key) ? (
      <Text className={styles.note}>{intl.formatMessage(m.invited)}</Text>
    ) : (
      <Button aria-label={intl.formatMessage(m.inviteName, { name })} disabledFocusable={busyId === key} onClick={onClick}>
        {intl.formatMessage(m.invite)}
      </Button>
    );

  const domains = invitations?.emailDomains ?? [];

  return (
    <div className={styles.root}>
      {outcome ? (
        <MessageBar intent={outcome.ok ? "success" : "error"} role={outcome.ok ? undefined : "alert"} layout="multiline">
          <MessageBarBody>{outcome.text}</MessageBarBody>
        </MessageBar>
      ) : null}
      {invitations && !invitations.directory ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{intl.formatMessage(m.noDirectory)}</MessageBarBody>
        </MessageBar>
      ) : null}
      <PeopleSearch
        label={intl.formatMessage(m.search)}
        search={search}
        {...(directory ? { hint: intl.formatMessage(m.searchHint) } : {})}
        action={(p) =>
          memberIds.includes(p.id) ? (
            <Text className={styles.note}>{intl.formatMessage(m.alreadyMember)}</Text>
          ) : (
            button(p.id, p.displayName, () => void invite(p.id, { personId: p.id }, p.displayName, false))
          )
        }
        {...(directory && searchDirectory
          ? {
              directory: {
                search: searchDirectory,
                action: (u: DirectoryMatch) =>
                  u.invited ? <Text className={styles.note}>{intl.formatMessage(m.invited)}</Text> : button(u.objectId, u.displayName, () => void invite(u.objectId, { objectId: u.objectId }, u.displayName, true)),
              },
            }
          : {})}
      />
      {invitations ? (
        <form className={styles.form} onSubmit={(e) => void inviteByEmail(e)} noValidate>
          <Field
            label={intl.formatMessage(m.emailLabel)}
            hint={domains.length > 0 ? intl.formatMessage(m.emailHint, { domains: intl.formatList(domains, { type: "disjunction" }) }) : intl.formatMessage(m.emailHintNone)}
            validationMessage={emailProblem}
            className={styles.field}
          >
            <Input type="email" value={email} onChange={(_, d) => setEmail(d.value)} />
          </Field>
          <Button type="submit" disabledFocusable={emailBusy}>
            {intl.formatMessage(emailBusy ? m.emailSending : m.emailSend)}
          </Button>
        </form>
      ) : null}
      {pending.length > 0 ? (
        <section aria-labelledby="community-invite-pending" className={styles.root}>
          <h3 id="community-invite-pending" className={styles.subheading}>
            {intl.formatMessage(m.pendingHeading)}
          </h3>
          <ul className={styles.list}>
            {pending.map((p) => (
              <li key={p.id} className={styles.item}>
                <span>{p.displayName ?? p.email}</span>
                <span className={styles.note}>
                  {intl.formatMessage(p.kind === "person" ? m.pendingPerson : m.pendingNotYet, { inviter: p.invitedBy, date: intl.formatDate(p.createdAt) })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
