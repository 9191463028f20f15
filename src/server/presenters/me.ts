import { permissionsFor, type Actor, type Permissions } from "../../domain/policy.js";
import type { Agency, Person } from "../../store/schema.js";

export interface MeView {
  person: { id: string; displayName: string; email: string | null; jobTitle: string | null; interests: string[] };
  agency: { id: string; name: string; shortName: string } | null;
  /** The person's own choice of language, or null to follow Teams and the browser. */
  locale: string | null;
  tenantId: string;
  platformOwner: boolean;
  permissions: Permissions;
}

export function presentMe(actor: Actor, person: Person, agency: Agency | undefined): MeView {
  return {
    person: {
      id: person.id,
      displayName: person.display_name,
      email: person.email,
      jobTitle: person.job_title,
      interests: person.interests,
    },
    agency: agency ? { id: agency.id, name: agency.name, shortName: agency.short_name } : null,
    locale: person.locale,
    tenantId: actor.principal.tenantId,
    platformOwner: actor.platformOwner,
    permissions: permissionsFor(actor),
  };
}
