import { Button, MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import { useState } from "react";
import type { PersonSearchResult } from "../../api/communityTypes.js";
import { describeError } from "../../api/describeError.js";
import { useAnnounce } from "../LiveAnnouncer/LiveAnnouncer.js";
import { PeopleSearch } from "../PeopleSearch/PeopleSearch.js";
import { useInvitePeopleStyles } from "./InvitePeople.styles.js";

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
  const [invited, setInvited] = useState<readonly string[]>([]);
  const [busyId, setBusyId] = useState<string>();
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>();

  const invite = async (p: PersonSearchResult) => {
    setBusyId(p.id);
    setOutcome(undefined);
    try {
      await onInvite(p.id);
      setInvited((list) => [...list, p.id]);
      const text = `Invitation sent to ${p.displayName}.`;
      setOutcome({ ok: true, text });
      announce(text);
    } catch (error) {
      setOutcome({ ok: false, text: describeError(error).message });
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
        label="Find someone to invite"
        search={search}
        action={(p) =>
          memberIds.includes(p.id) ? (
            <Text className={styles.note}>Already a member</Text>
          ) : invited.includes(p.id) ? (
            <Text className={styles.note}>Invited</Text>
          ) : (
            <Button aria-label={`Invite ${p.displayName}`} disabledFocusable={busyId === p.id} onClick={() => void invite(p)}>
              Invite
            </Button>
          )
        }
      />
    </div>
  );
}
