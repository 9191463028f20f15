import type { Kysely } from "kysely";
import { defineMessages, type MessageDescriptor } from "../i18n/format.js";
import { SOURCE_LOCALE } from "../i18n/locales.js";
import { intlFor } from "../i18n/node.js";
import type { Database } from "../store/schema.js";

/**
 * Every notice Guildhall writes. A notice is stored as its message id and arguments, so the Notices page and the
 * Teams activity feed show it in the reader's language; the en-AU sentence is stored beside them (`text`) as the
 * last fallback. Arguments are names, ids and numbers, never pieces of a sentence: a reason someone typed is
 * quoted as they wrote it.
 */
export const NOTICES = defineMessages({
  joinRequested: {
    id: "notice.joinRequest.requested",
    defaultMessage: '{name} asked to join "{community}".',
    description: "To the community's owners and moderators. name: the person asking; community: the community's name.",
  },
  joinRequestApproved: {
    id: "notice.joinRequest.approved",
    defaultMessage: 'You are now a member of "{community}".',
    description: "To the person whose request to join was approved. community: the community's name.",
  },
  joinRequestDeclined: {
    id: "notice.joinRequest.declined",
    defaultMessage: 'Your request to join "{community}" was declined: {reason}',
    description: "To the person whose request to join was declined. community: the community's name; reason: what the moderator typed, quoted as written (it ends the sentence).",
  },
  invited: {
    id: "notice.invitation.received",
    defaultMessage: '{name} invited you to join "{community}".',
    description: "To the person invited. name: who invited them; community: the community's name.",
  },
  removed: {
    id: "notice.member.removed",
    defaultMessage: 'You were removed from "{community}": {reason}',
    description: "To the person removed by a moderator. community: the community's name; reason: what the moderator typed, quoted as written (it ends the sentence).",
  },
  removedOnReverification: {
    id: "notice.member.reverificationRemoved",
    defaultMessage:
      '{name} was removed from "{community}" because {reason, select, account_deleted {their account no longer exists} account_disabled {their account is disabled} guest {their account is now a guest account} domain_not_allowed {their account is no longer in a verified public service domain} agency_changed {they are no longer with an agency this community is for} other {they could no longer be verified as a public servant}}.',
    description: "To a community's owners when the regular re-verification removed a member. name: the member removed; community: the community's name; reason: why (one of the listed ids).",
  },
  ownershipTransferred: {
    id: "notice.ownership.transferred",
    defaultMessage: 'You are now an owner of "{community}".',
    description: "To the person an owner handed ownership to. community: the community's name.",
  },
  ownershipInherited: {
    id: "notice.ownership.inherited",
    defaultMessage:
      'You are now an owner of "{community}": its only owner was removed because {reason, select, account_deleted {their account no longer exists} account_disabled {their account is disabled} guest {their account is now a guest account} domain_not_allowed {their account is no longer in a verified public service domain} agency_changed {they are no longer with an agency this community is for} other {they could no longer be verified as a public servant}}.',
    description: "To the member who became owner because the re-verification removed the only owner. community: the community's name; reason: why the owner was removed (one of the listed ids).",
  },
  communityApproved: {
    id: "notice.community.approved",
    defaultMessage: 'Your community "{community}" was approved.',
    description: "To the person who proposed the community. community: the name they proposed.",
  },
  communityApprovedRenamed: {
    id: "notice.community.approvedRenamed",
    defaultMessage: 'Your community "{community}" was approved as "{approvedName}".',
    description: "To the person who proposed the community, approved under another name. community: the name they proposed; approvedName: the name it was approved under.",
  },
  communityApprovedWithNote: {
    id: "notice.community.approvedWithNote",
    defaultMessage: 'Your community "{community}" was approved. Note from the platform owner: {note}',
    description: "To the person who proposed the community, when the approver wrote a note. community: the name they proposed; note: what the platform owner typed, quoted as written (it ends the sentence).",
  },
  communityApprovedRenamedWithNote: {
    id: "notice.community.approvedRenamedWithNote",
    defaultMessage: 'Your community "{community}" was approved as "{approvedName}". Note from the platform owner: {note}',
    description: "As approvedRenamed, with the approver's note. community: the name they proposed; approvedName: the name it was approved under; note: what the platform owner typed, quoted as written (it ends the sentence).",
  },
  communityRejected: {
    id: "notice.community.rejected",
    defaultMessage: 'Your community "{community}" was not approved: {reason}',
    description: "To the person who proposed the community. community: the name they proposed; reason: what the platform owner typed, quoted as written (it ends the sentence).",
  },
  communityArchived: {
    id: "notice.community.archived",
    defaultMessage: '"{community}" was archived by {name}.',
    description: "To the community's owners (notices written before archiving asked for a reason). community: the community's name; name: who archived it.",
  },
  communityArchivedForMember: {
    id: "notice.community.archivedForMember",
    defaultMessage: '"{community}" was archived by {role, select, owner {{name}, an owner} other {a platform owner}}. Reason: {reason}',
    description: "To every member of an archived community but the person who archived it. community: the community's name; role: owner or platform_owner; name: the owner's name (only when role is owner); reason: what they typed, quoted as written (it ends the sentence).",
  },
  codeOfPracticeChanged: {
    id: "manage.notice.codeChanged",
    defaultMessage: '"{community}" has a new code of practice (version {version, number}). Read it and accept it on the community\'s page.',
    description: "To every member when an owner changed the code of practice. community: the community's name; version: the new version's number.",
  },
  communityUnarchived: {
    id: "manage.notice.unarchived",
    defaultMessage: '"{community}" is active again: a platform owner restored it from the archive.',
    description: "To every member when a platform owner un-archived the community. community: the community's name.",
  },
  communityInactive: {
    id: "notice.community.inactive",
    defaultMessage: '"{community}" has had no activity for {days, plural, one {# day} other {# days}}. Revive it, or archive it so members know it has ended.',
    description: "To the community's owners. community: the community's name; days: the configured number of quiet days.",
  },
});

/** A notice's arguments: names, ids, numbers. */
export type NoticeValues = Record<string, string | number>;

/**
 * Record a notice for a person, in the caller's transaction. It shows in the tab at once; the row is also
 * the outbox the Teams activity-feed worker (jobs/deliverNotices.ts) sends from, so a Teams outage never
 * loses the notice. The row keeps the message id and arguments, and the sentence in en-AU.
 */
export async function notify(
  db: Kysely<Database>,
  n: { personId: string; kind: string; communityId: string | null; message: MessageDescriptor; values: NoticeValues },
): Promise<string> {
  const text = intlFor(SOURCE_LOCALE).formatMessage(n.message, n.values);
  const row = await db
    .insertInto("notifications")
    .values({
      person_id: n.personId,
      kind: n.kind,
      community_id: n.communityId,
      text,
      message_key: n.message.id,
      message_values: JSON.stringify(n.values),
      read_at: null,
      delivered_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
