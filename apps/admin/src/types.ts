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

export interface DevUser {
  id: string;
  fullName: string;
  role: string;
}

export interface CurrentUser {
  id: string;
  fullName: string;
  roles: string[];
}

/** Show layouts label each child unless it says `label={false}`; whole-tab components do. */
export interface ShowChildProps {
  label?: false;
}
