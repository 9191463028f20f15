import type { PermissionKey } from "../../api/types.js";
import { defineMessages, type Formatter, type MessageDescriptor } from "../../i18n/intl.js";

/**
 * Plain words for each permission the server computes. Labels only: whether a person holds a permission
 * is the server's decision, never worked out here.
 */
export const PERMISSION_TEXT: Record<PermissionKey, MessageDescriptor> = defineMessages({
  "guildhall.use": { id: "home.permission.guildhallUse", defaultMessage: "Use Guildhall", description: "A permission, in a list of what the person may do" },
  "profile.read": { id: "home.permission.profileRead", defaultMessage: "See the profiles of other public servants", description: "A permission" },
  "profile.update": { id: "home.permission.profileUpdate", defaultMessage: "Update your own profile", description: "A permission" },
  "directory.browse": { id: "home.permission.directoryBrowse", defaultMessage: "Browse the directory of people and communities", description: "A permission" },
  "community.propose": { id: "home.permission.communityPropose", defaultMessage: "Propose a new community of practice", description: "A permission" },
  "community.approve": {
    id: "home.permission.communityApprove",
    defaultMessage: "Approve proposed communities (platform owner)",
    description: "A permission; only platform owners hold it",
  },
  "agency.manage": {
    id: "home.permission.agencyManage",
    defaultMessage: "Register agencies and their email domains (platform owner)",
    description: "A permission; only platform owners hold it",
  },
});

/** A label for a permission key, including keys a newer server may send that this tab doesn't know yet. */
export function permissionText(key: string, intl: Formatter): string {
  return key in PERMISSION_TEXT ? intl.formatMessage(PERMISSION_TEXT[key as PermissionKey]) : key;
}
