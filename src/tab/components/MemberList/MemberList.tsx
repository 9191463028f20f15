import { Badge, MessageBar, MessageBarBody, Select } from "@fluentui/react-components";
import { useState } from "react";
import { ROLES, type CommunityMember, type Role } from "../../api/communityTypes.js";
import { describeError } from "../../api/describeError.js";
import type { AfterClose } from "../ConfirmDialog/closeThen.js";
import { ConfirmDialog } from "../ConfirmDialog/ConfirmDialog.js";
import { ROLE_TEXT } from "../CommunityFacts/communityText.js";
import { RouterLink } from "../RouterLink/RouterLink.js";
import { useMemberListStyles } from "./MemberList.styles.js";

export interface MemberListProps {
  members: readonly CommunityMember[];
  /** The signed-in person's id: they leave rather than remove themselves. */
  myId: string;
  /** From the server's abilities. */
  can: { changeRoles: boolean; transferOwnership: boolean; manageMembers: boolean };
  onChangeRole(personId: string, role: Role): Promise<void>;
  /** Resolve with the change to make once the dialog has closed (see ConfirmDialog). */
  onTransfer(personId: string): Promise<AfterClose>;
  onRemove(personId: string, reason: string): Promise<AfterClose>;
}

/** The community's members; owners change roles and hand over ownership, moderators remove with a reason. */
export function MemberList({ members, myId, can, onChangeRole, onTransfer, onRemove }: MemberListProps) {
  const styles = useMemberListStyles();
  const [problem, setProblem] = useState<string>();
  const [busyId, setBusyId] = useState<string>();

  const changeRole = async (m: CommunityMember, role: Role) => {
    setBusyId(m.id);
    setProblem(undefined);
    try {
      await onChangeRole(m.id, role);
    } catch (error) {
      setProblem(describeError(error).message);
    } finally {
      setBusyId(undefined);
    }
  };

  return (
    <div className={styles.root}>
      {problem ? (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      ) : null}
      <ul className={styles.list} aria-label="Members">
        {members.map((m) => {
          const self = m.id === myId;
          return (
            <li key={m.id} className={styles.item}>
              <div className={styles.who}>
                <RouterLink to={`/people/${m.id}`}>{self ? `${m.displayName} (you)` : m.displayName}</RouterLink>
                <span className={styles.meta}>{[m.jobTitle, m.agency].filter(Boolean).join(" · ")}</span>
              </div>
              <div className={styles.controls}>
                {can.changeRoles ? (
                  <Select
                    aria-label={`Role for ${m.displayName}`}
                    value={m.role}
                    disabled={busyId === m.id}
                    onChange={(_, d) => void changeRole(m, d.value as Role)}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {ROLE_TEXT[r]}
                      </option>
                    ))}
                  </Select>
                ) : (
                  <Badge appearance={m.role === "member" ? "outline" : "tint"} color={m.role === "owner" ? "brand" : "informative"}>
                    {ROLE_TEXT[m.role]}
                  </Badge>
                )}
                {can.transferOwnership && !self && m.role !== "owner" ? (
                  <ConfirmDialog
                    triggerLabel="Hand over ownership"
                    triggerAriaLabel={`Hand over ownership to ${m.displayName}`}
                    title={`Hand over ownership to ${m.displayName}?`}
                    confirmLabel="Hand over ownership"
                    onConfirm={() => onTransfer(m.id)}
                  >
                    {m.displayName} becomes an owner. If you are an owner, you become a moderator.
                  </ConfirmDialog>
                ) : null}
                {can.manageMembers && !self ? (
                  <ConfirmDialog
                    triggerLabel="Remove"
                    triggerAriaLabel={`Remove ${m.displayName}`}
                    title={`Remove ${m.displayName}?`}
                    confirmLabel="Remove member"
                    reason={{ label: "Reason", hint: `${m.displayName} is told this reason.`, required: true }}
                    onConfirm={(reason) => onRemove(m.id, reason)}
                  >
                    They leave the community and its Teams channel.
                  </ConfirmDialog>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
