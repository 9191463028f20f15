import { Tag } from "@fluentui/react-components";
import type { Role, Scope, TeamsState, Visibility } from "../../api/communityTypes.js";
import { memberCountText, ROLE_TEXT, SCOPE_TEXT, teamsStateText, VISIBILITY_TEXT } from "./communityText.js";
import { useCommunityFactsStyles } from "./CommunityFacts.styles.js";

export interface CommunityFactsProps {
  visibility: Visibility;
  scope: Scope;
  /** Short names of the agencies an agency-only community admits, when known. */
  agencies?: readonly string[];
  memberCount: number;
  myRole: Role | null;
  teamsState: TeamsState | null;
  tags: readonly string[];
  /** Explain visibility and scope in a sentence (the community page), or name them only (cards). */
  explained?: boolean;
}

/** The facts about a community, as a description list. */
export function CommunityFacts({ visibility, scope, agencies, memberCount, myRole, teamsState, tags, explained }: CommunityFactsProps) {
  const styles = useCommunityFactsStyles();
  const v = VISIBILITY_TEXT[visibility];
  const s = SCOPE_TEXT[scope];
  const agencyList = agencies && agencies.length > 0 ? ` (${agencies.join(", ")})` : "";
  return (
    <dl className={styles.facts}>
      <dt className={styles.term}>Visibility</dt>
      <dd className={styles.detail}>{explained ? `${v.label}: ${v.explained}` : v.label}</dd>
      <dt className={styles.term}>Scope</dt>
      <dd className={styles.detail}>{explained ? `${s.label}${agencyList}: ${s.explained}` : `${s.label}${agencyList}`}</dd>
      <dt className={styles.term}>Members</dt>
      <dd className={styles.detail}>{memberCountText(memberCount)}</dd>
      <dt className={styles.term}>Your role</dt>
      <dd className={styles.detail}>{myRole ? ROLE_TEXT[myRole] : "Not a member"}</dd>
      <dt className={styles.term}>Teams</dt>
      <dd className={styles.detail}>{teamsStateText(teamsState)}</dd>
      {tags.length > 0 ? (
        <>
          <dt className={styles.term}>Tags</dt>
          <dd className={styles.detail}>
            <ul className={styles.tags}>
              {tags.map((tag) => (
                <li key={tag}>
                  <Tag size="small" appearance="outline">
                    {tag}
                  </Tag>
                </li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
    </dl>
  );
}
