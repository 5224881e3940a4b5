import { SetMetadata } from '@nestjs/common';
import type { AuthenticatedUser } from './dev-users.js';

export const NATIONAL_ADMIN_ONLY = 'nationalAdminOnly';

/** Restricts a route's writes to the national administrators (DESIGN §2); the global guard enforces it. */
export const NationalAdminOnly = () => SetMetadata(NATIONAL_ADMIN_ONLY, true);

/**
 * The one place that says who is a national administrator. The dev login gives roles; when Pro Santé
 * Connect replaces it, only this function changes.
 */
export function isNationalAdmin(user: AuthenticatedUser): boolean {
  return user.roles.includes('national-admin');
}
