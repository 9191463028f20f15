import { Button, MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import { useState } from "react";
import type { PersonSearchResult } from "../../api/communityTypes.js";
import { describeError } from "../../api/describeError.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import { useAnnounce } from "../LiveAnnouncer/LiveAnnouncer.js";
import { PeopleSearch } from "../PeopleSearch/PeopleSearch.js";
import { useInvitePeopleStyles } from "./InvitePeople.styles.js";

const m = defineMessages({
  sent: { id: "community.invite.sent", defaultMessage: "Invitation sent to {name}.", description: "Success, also announced; name is the person invited" },
  search: { id: "community.invite.search", defaultMessage: "Find someone to invite", description: "Label of the search box" },
  alreadyMember: { id: "community.invite.alreadyMember", defaultMessage: "Already a member", description: "Shown instead of the Invite button" },
  invited: { id: "community.invite.invited", defaultMessage: "Invited", description: "Shown instead of the Invite button once the invitation is sent" },
  invite: { id: "community.invite.invite", defaultMessage: "Invite", description: "Button" },
  inviteName: { id: "community.invite.inviteName", defaultMessage: "Invite {name}", description: "Accessible name of the Invite button; name is the person's" },
});

export interface InvitePeopleProps {
  search(q: string): Promise<readonly PersonSearchResult[]>;
  /** Ids of people already in the community (they are not offered an invitation). */
  memberIds: readonly string[];
  onInvite(personId: string): Promise<void>;
}

/** Moderators find a public servant and invite them; the server decides whether they may be invited. */
export function InvitePeople({ search, memberIds, onInvite }: InvitePeopleProps) {
  const styles = useInvitePeopleStyles();
  const announce = useAnnounce();
  const intl = useIntl();
  const [invited, setInvited] = useState<readonly string[]>([]);
  const [busyId, setBusyId] = useState<string>();
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>();

  const invite = async (p: PersonSearchResult) => {
    setBusyId(p.id);
    setOutcome(undefined);
    try {
      await onInvite(p.id);
      setInvited((list) => [...list, p.id]);
      const text = intl.formatMessage(m.sent, { name: p.displayName });
      setOutcome({ ok: true, text });
      announce(text);
    } catch (error) {
      setOutcome({ ok: false, text: describeError(error, intl).message });
    } finally {
      setBusyId(undefined);
    }
  };

  return (
    <div className={styles.root}>
      {outcome ? (
        <MessageBar intent={outcome.ok ? "success" : "error"} role={outcome.ok ? undefined : "alert"} layout="multiline">
          <MessageBarBody>{outcome.text}</MessageBarBody>
        </MessageBar>
      ) : null}
      <PeopleSearch
        label={intl.formatMessage(m.search)}
        search={search}
        action={(p) =>
          memberIds.includes(p.id) ? (
            <Text className={styles.note}>{intl.formatMessage(m.alreadyMember)}</Text>
          ) : invited.includes(p.id) ? (
            <Text className={styles.note}>{intl.formatMessage(m.invited)}</Text>
          ) : (
            <Button aria-label={intl.formatMessage(m.inviteName, { name: p.displayName })} disabledFocusable={busyId === p.id} onClick={() => void invite(p)}>
              {intl.formatMessage(m.invite)}
            </Button>
          )
        }
      />
    </div>
  );
}
