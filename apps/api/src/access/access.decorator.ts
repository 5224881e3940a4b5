import { SetMetadata } from '@nestjs/common';
import type { AssignedRole } from '../auth/principal.js';

/**
 * Who may call a route, beyond being authenticated. Deny by default: a route that writes (any method but
 * GET/HEAD/OPTIONS) without a `write` rule is refused by the guard.
 * - `write: 'scoped'`: the service checks the caller's scope on the record (AccessPolicyService);
 * - `write: 'self'`: any authenticated person, acting on their own behalf (the service checks the rest);
 * - `write`/`read` as roles: only holders of one of these roles (national admins always pass).
 * - `apiClients: true`: machines with an API key may call it too (otherwise people only).
 */
export type AccessRule = {
  read?: AssignedRole[];
  write?: 'scoped' | 'self' | AssignedRole[];
  apiClients?: boolean;
};

export const ACCESS_RULE = 'access-rule';

export const Access = (rule: AccessRule) => SetMetadata(ACCESS_RULE, rule);
