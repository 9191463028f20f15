import type { PermissionKey } from "../../api/types.js";

/**
 * Plain words for each permission the server computes. Labels only: whether a person holds a permission
 * is the server's decision, never worked out here.
 */
export const PERMISSION_TEXT: Record<PermissionKey, string> = {
  "guildhall.use": "Use Guildhall",
  "profile.read": "See the profiles of other public servants",
  "profile.update": "Update your own profile",
  "directory.browse": "Browse the directory of people and communities",
  "community.propose": "Propose a new community of practice",
  "community.approve": "Approve proposed communities (platform owner)",
  "agency.manage": "Register agencies and their email domains (platform owner)",
};

/** A label for a permission key, including keys a newer server may send that this tab doesn't know yet. */
export function permissionText(key: string): string {
  return key in PERMISSION_TEXT ? PERMISSION_TEXT[key as PermissionKey] : key;
}
