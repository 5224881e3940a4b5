import type { RaRecord } from 'react-admin';

/** A NOS coding, stored as such on records (not as a reference to a code row). */
export interface Coding {
  system: string;
  code: string;
  display?: string;
}

/** A row of `GET /api/nomenclatures/codes`. */
export interface NomenclatureCode extends Coding {
  id: string;
  deprecated?: boolean;
}

export interface Completeness {
  complete: boolean;
  missing: string[];
}

export type AuditAction = 'create' | 'update' | 'delete';

export interface AuditEvent extends RaRecord {
  occurredAt: string;
  actor: string;
  requestId?: string;
  action: AuditAction;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason?: string | null;
}

export type OrganizationKind = 'EJ' | 'EG' | 'OI';

/** A node of `GET /api/organizations/<id>/tree`. */
export interface OrganizationTreeNode {
  id: string;
  kind: OrganizationKind;
  name: string;
  finess?: string | null;
  children: OrganizationTreeNode[];
  healthcareServices: {
    id: string;
    name: string;
    identifier?: string | null;
    complete: boolean;
    locations: { id: string; name: string }[];
  }[];
}

/** The roles of docs/auth-api.md; `reader` is implicit and never listed. */
export type Role = 'structure-editor' | 'structure-referent' | 'practitioner' | 'ars-reviewer' | 'national-admin';

export interface RoleAssignment {
  id: string;
  role: Role;
  organizationId?: string | null;
  organizationName?: string | null;
  regionCodes?: string[] | null;
  validFrom?: string | null;
  validUntil?: string | null;
  automatic?: boolean;
  grantedBy?: string | null;
  grantedAt?: string | null;
  revokedAt?: string | null;
  /** Granted, started, not expired nor revoked. */
  active?: boolean;
}

/** A structure the user declares working at in Pro Santé Connect. */
export interface Affiliation {
  finessSite?: string | null;
  finessEj?: string | null;
  name?: string | null;
  mode?: string | null;
  organizationId?: string | null;
}

/** `GET /api/auth/me`. */
export interface CurrentUser {
  id: string;
  subjectNameId: string;
  fullName: string;
  roles: RoleAssignment[];
  isAdmin: boolean;
  regionCodes: string[];
  /** The user's own practitioner record (independent practitioner: edits it and their liberal practices). */
  practitionerId?: string | null;
  affiliations: Affiliation[];
}

export type AccessRequestStatus = 'pending' | 'granted' | 'refused';

export interface AccessRequest extends RaRecord {
  id: string;
  userId: string;
  userName: string;
  subjectNameId: string;
  organizationId: string;
  organizationName: string;
  role: Role;
  message?: string | null;
  status: AccessRequestStatus;
  decidedBy?: string | null;
  decidedAt?: string | null;
  decisionComment?: string | null;
  createdAt: string;
  /** Whether the caller may grant or refuse it. */
  canDecide: boolean;
}

/** `GET /api/auth/suggestions`: an activity of the caller's at a ROR structure they do not edit yet. */
export type OrganizationSuggestion = Affiliation & { organizationId: string };

export interface ApiClient extends RaRecord {
  id: string;
  name: string;
  accessProfile: number;
  regionCodes: string[];
  capacityWriteOrganizationIds: string[];
  keyPrefix: string;
  status: 'active' | 'revoked';
  createdAt: string;
  lastUsedAt?: string | null;
}

/** Show layouts label each child unless it says `label={false}`; whole-tab components do. */
export interface ShowChildProps {
  label?: false;
}
