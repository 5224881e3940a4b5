import type { Request } from 'express';

/** Access profile of a machine client (reference/ror-ig.md §1 fact 6): 0 = public tier … 5 = full with capacities. */
export type AccessProfile = 0 | 1 | 2 | 3 | 4 | 5;

/** A person logged in through Pro Santé Connect (or the local stand-in). */
export type UserPrincipal = {
  kind: 'user';
  /** App-side user id (uuid); audit events name users by it. */
  id: string;
  /** PSC national identifier (IdNat_PS): the key of the user, never `sub`. */
  subjectNameId: string;
  displayName: string;
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

export type Principal = UserPrincipal | ApiClientPrincipal;

/** Set on the request by the global guard once the caller is authenticated. */
export type AuthenticatedRequest = Request & { principal?: Principal };
