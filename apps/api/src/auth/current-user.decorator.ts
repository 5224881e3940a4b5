import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ForbiddenError } from '../common/errors.js';
import type { AuthenticatedRequest, UserPrincipal } from './principal.js';

/** The logged-in person behind the request; routes meant for people refuse machines with a 403. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): UserPrincipal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (principal?.kind !== 'user') throw new ForbiddenError('Réservé aux personnes connectées');
  return principal;
});
