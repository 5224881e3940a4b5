import type { Request } from 'express';

/** Access profile of a machine client (reference/ror-ig.md §1 fact 6): 0 = public tier … 5 = full with capacities. */
export type AccessProfile = 0 | 1 | 2 | 3 | 4 | 5;

export type AssignedRole = 'structure-editor' | 'structure-referent' | 'ars-reviewer' | 'national-admin';

/** One active role assignment, as the policy reads it. */
export type RoleGrant = {
  id: string;
  role: AssignedRole;
  organizationId: string | null;
  regionCodes: string[] | null;
};

/** A person logged in through Pro Santé Connect (or the local stand-in). */
export type UserPrincipal = {
  kind: 'user';
  /** App-side user id (uuid). */
  id: string;
  /** PSC national identifier (IdNat_PS): the key of the user, never `sub`. */
  subjectNameId: string;
  displayName: string;
  /** Active assignments, read at each request so a revocation takes effect at once. */
  roles: RoleGrant[];
  /** The practitioner record whose RPPS identity is this user's (independent practitioner self scope). */
  practitionerId: string | null;
};

/** A consumer service or bed-management system calling with an `X-API-Key`. */
export type ApiClientPrincipal = {
  kind: 'api-client';
  id: string;
  name: string;
  accessProfile: AccessProfile;
  /** Region codes the client may read; empty means every region. */
  regions: string[];
  /** Organization ids (EG/EJ) whose capacities the client may write. */
  capacityWriteOrganizationIds: string[];
};

/** Work the platform does itself (demo seed, imports), not on behalf of a request. */
export type SystemPrincipal = { kind: 'system'; id: string };

export type Principal = UserPrincipal | ApiClientPrincipal | SystemPrincipal;

/** Set on the request by the global guard once the caller is authenticated. */
export type AuthenticatedRequest = Request & { principal?: Principal };

/** How audit events name the caller. */
export function actorOf(principal: Principal): string {
  if (principal.kind === 'user') return `user:${principal.subjectNameId}`;
  if (principal.kind === 'api-client') return `api-client:${principal.id}`;
  return principal.id;
}
