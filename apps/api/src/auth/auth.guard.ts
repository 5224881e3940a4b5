import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_RULE, type AccessRule } from '../access/access.decorator.js';
import { isAdmin } from '../access/access-policy.service.js';
import { ApiClientsService } from '../api-clients/api-clients.service.js';
import { requestContext } from '../common/request-context.js';
import { APP_CONFIG, type AppConfig } from '../config.js';
import { UsersService } from '../users/users.service.js';
import { type AssignedRole, type AuthenticatedRequest, actorOf, type Principal } from './principal.js';
import { IS_PUBLIC } from './public.decorator.js';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const API_KEY_HEADER = 'x-api-key';

/**
 * The one global gate (deny by default): authenticates the caller (API key, else session), then applies the
 * route's access rule. Record-level scopes are checked by AccessPolicyService where the record is written.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly users: UsersService,
    private readonly apiClients: ApiClientsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getClass(), context.getHandler()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const rule: AccessRule = Object.assign({}, ...targets.map((t) => this.reflector.get<AccessRule>(ACCESS_RULE, t)));
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.authenticate(request);
    request.principal = principal;
    const ctx = requestContext.current();
    if (ctx) Object.assign(ctx, { principal, actor: actorOf(principal) });

    if (principal.kind === 'api-client' && !rule.apiClients) {
      throw new ForbiddenException('Cette route est réservée aux personnes connectées');
    }
    if (READ_METHODS.has(request.method)) {
      if (rule.read && !this.holds(principal, rule.read)) throw new ForbiddenException('Accès réservé');
      return true;
    }
    if (!rule.write) throw new ForbiddenException('Aucune règle n’autorise cette écriture');
    if (Array.isArray(rule.write) && !this.holds(principal, rule.write)) {
      throw new ForbiddenException('Votre rôle ne permet pas cette action');
    }
    if (rule.write === 'self' && principal.kind !== 'user') throw new ForbiddenException('Réservé aux personnes');
    if (principal.kind === 'user') this.checkOrigin(request);
    return true;
  }

  private async authenticate(request: AuthenticatedRequest): Promise<Principal> {
    const key = request.header(API_KEY_HEADER);
    if (key !== undefined) {
      const client = await this.apiClients.authenticate(key);
      if (!client) throw new UnauthorizedException('Clé d’API invalide ou révoquée');
      return client;
    }
    const session = request.session;
    if (!session?.userId) throw new UnauthorizedException('Authentification requise');
    if (Date.now() - (session.loginAt ?? 0) > this.config.session.absoluteHours * 3_600_000) {
      await new Promise<void>((resolve) => session.destroy(() => resolve()));
      throw new UnauthorizedException('Session expirée : reconnectez-vous');
    }
    const user = await this.users.principalOf(session.userId);
    if (!user) throw new UnauthorizedException('Authentification requise');
    return user;
  }

  private holds(principal: Principal, roles: AssignedRole[]): boolean {
    return principal.kind === 'user' && (isAdmin(principal) || principal.roles.some((r) => roles.includes(r.role)));
  }

  /**
   * CSRF: a cookie-authenticated write must come from this app's own pages. Browsers send Origin on every
   * cross-site POST/PUT/DELETE; when it is absent, Referer is the fallback.
   */
  private checkOrigin(request: AuthenticatedRequest): void {
    const source = request.header('origin') ?? request.header('referer');
    let origin: string | undefined;
    try {
      origin = source ? new URL(source).origin : undefined;
    } catch {
      origin = undefined;
    }
    const own = new Set([new URL(this.config.publicUrl).origin, `${request.protocol}://${request.header('host')}`]);
    if (!origin || !own.has(origin)) throw new ForbiddenException('Requête refusée : origine non reconnue');
  }
}
