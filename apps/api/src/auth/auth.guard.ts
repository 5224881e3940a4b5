import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { requestContext } from '../common/request-context.js';
import { AuthService, SESSION_COOKIE } from './auth.service.js';
import type { AuthenticatedUser } from './dev-users.js';
import { isNationalAdmin, NATIONAL_ADMIN_ONLY } from './national-admin.js';
import { IS_PUBLIC } from './public.decorator.js';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The one global gate: deny unless the route is public or the caller is logged in with a role allowing it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>();
    const user = this.auth.authenticate(request.signedCookies?.[SESSION_COOKIE] ?? request.cookies?.[SESSION_COOKIE]);
    if (!user) throw new UnauthorizedException('Authentification requise');
    request.user = user;
    const ctx = requestContext.current();
    if (ctx) ctx.actor = user.id;
    // Until per-structure scopes land (Pro Santé Connect issue), readers are the only ones who cannot write.
    if (!READ_METHODS.has(request.method) && user.roles.every((r) => r === 'reader')) {
      throw new ForbiddenException('Votre rôle ne permet que la consultation');
    }
    const adminOnly = this.reflector.getAllAndOverride<boolean>(NATIONAL_ADMIN_ONLY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (adminOnly && !READ_METHODS.has(request.method) && !isNationalAdmin(user)) {
      throw new ForbiddenException('Réservé aux administrateurs nationaux');
    }
    return true;
  }
}
