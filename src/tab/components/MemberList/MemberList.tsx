import { Badge, MessageBar, MessageBarBody, Select } from "@fluentui/react-components";
import { useState } from "react";
import { ROLES, type CommunityMember, type Role } from "../../api/communityTypes.js";
import { describeError } from "../../api/describeError.js";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import type { AfterClose } from "../ConfirmDialog/closeThen.js";
import { ConfirmDialog } from "../ConfirmDialog/ConfirmDialog.js";
import { ROLE_TEXT } from "../CommunityFacts/communityText.js";
import { RouterLink } from "../RouterLink/RouterLink.js";
import { useMemberListStyles } from "./MemberList.styles.js";

const m = defineMessages({
  list: { id: "community.members.list", defaultMessage: "Members", description: "Accessible name of the list of members" },
  you: { id: "community.members.you", defaultMessage: "{name} (you)", description: "The signed-in person in the list of members" },
  roleFor: { id: "community.members.roleFor", defaultMessage: "Role for {name}", description: "Accessible name of the role picker; name is the member's" },
  handOver: { id: "community.members.handOver", defaultMessage: "Hand over ownership", description: "Button and the dialog's confirm button" },
  handOverTo: { id: "community.members.handOverTo", defaultMessage: "Hand over ownership to {name}", description: "Accessible name of the button; name is the member's" },
  handOverTitle: { id: "community.members.handOverTitle", defaultMessage: "Hand over ownership to {name}?", description: "Dialog title; name is the member's" },
  handOverBody: {
    id: "community.members.handOverBody",
    defaultMessage: "{name} becomes an owner. If you are an owner, you become a moderator.",
    description: "name is the member who receives ownership",
  },
  remove: { id: "community.members.remove", defaultMessage: "Remove", description: "Button: remove a member from the community" },
  removeName: { id: "community.members.removeName", defaultMessage: "Remove {name}", description: "Accessible name of the button; name is the member's" },
  removeTitle: { id: "community.members.removeTitle", defaultMessage: "Remove {name}?", description: "Dialog title; name is the member's" },
  removeConfirm: { id: "community.members.removeConfirm", defaultMessage: "Remove member" },
  removeBody: { id: "community.members.removeBody", defaultMessage: "They leave the community and its Teams channel." },
  reason: { id: "community.members.reason", defaultMessage: "Reason", description: "Field label: why the member is removed" },
  reasonHint: { id: "community.members.reasonHint", defaultMessage: "{name} is told this reason.", description: "name is the member being removed" },
});

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
  const intl = useIntl();
  const [problem, setProblem] = useState<string>();
  const [busyId, setBusyId] = useState<string>();

  const changeRole = async (member: CommunityMember, role: Role) => {
    setBusyId(member.id);
    setProblem(undefined);
    try {
      await onChangeRole(member.id, role);
    } catch (error) {
      setProblem(describeError(error, intl).message);
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
      <ul className={styles.list} aria-label={intl.formatMessage(m.list)}>
        {members.map((member) => {
          const self = member.id === myId;
          return (
            <li key={member.id} className={styles.item}>
              <div className={styles.who}>
                <RouterLink to={`/people/${member.id}`}>{self ? intl.formatMessage(m.you, { name: member.displayName }) : member.displayName}</RouterLink>
                <span className={styles.meta}>{[member.jobTitle, member.agency].filter(Boolean).join(" · ")}</span>
              </div>
              <div className={styles.controls}>
                {can.changeRoles ? (
                  <Select
                    aria-label={intl.formatMessage(m.roleFor, { name: member.displayName })}
                    value={member.role}
                    disabled={busyId === member.id}
                    onChange={(_, d) => void changeRole(member, d.value as Role)}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {intl.formatMessage(ROLE_TEXT[r])}
                      </option>
                    ))}
                  </Select>
                ) : (
                  <Badge appearance={member.role === "member" ? "outline" : "tint"} color={member.role === "owner" ? "brand" : "informative"}>
                    {intl.formatMessage(ROLE_TEXT[member.role])}
                  </Badge>
                )}
                {can.transferOwnership && !self && member.role !== "owner" ? (
                  <ConfirmDialog
                    triggerLabel={intl.formatMessage(m.handOver)}
                    triggerAriaLabel={intl.formatMessage(m.handOverTo, { name: member.displayName })}
                    title={intl.formatMessage(m.handOverTitle, { name: member.displayName })}
                    confirmLabel={intl.formatMessage(m.handOver)}
                    onConfirm={() => onTransfer(member.id)}
                  >
                    {intl.formatMessage(m.handOverBody, { name: member.displayName })}
                  </ConfirmDialog>
                ) : null}
                {can.manageMembers && !self ? (
                  <ConfirmDialog
                    triggerLabel={intl.formatMessage(m.remove)}
                    triggerAriaLabel={intl.formatMessage(m.removeName, { name: member.displayName })}
                    title={intl.formatMessage(m.removeTitle, { name: member.displayName })}
                    confirmLabel={intl.formatMessage(m.removeConfirm)}
                    reason={{ label: intl.formatMessage(m.reason), hint: intl.formatMessage(m.reasonHint, { name: member.displayName }), required: true }}
                    onConfirm={(reason) => onRemove(member.id, reason)}
                  >
                    {intl.formatMessage(m.removeBody)}
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
