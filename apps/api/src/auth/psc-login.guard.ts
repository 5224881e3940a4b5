import { type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { LoginRefused } from './login-refused.js';
import type { PscAuthenticateOptions } from './psc-oidc.js';
import { PscService } from './psc.service.js';
import { PSC_STRATEGY, type PscLogin } from './psc.strategy.js';

/** The outcome the callback route receives: the login, or why it was refused. */
export type PscOutcome = PscLogin | { refused: LoginRefused['code'] };

/** A path of this app to land on after login (never another site: no open redirect). */
export const safeReturnPath = (value: unknown): string =>
  typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/';

/**
 * Runs openid-client's passport strategy: on `/auth/login` it redirects to PSC (with `login_hint` passed
 * through), on `/auth/callback` it completes the code flow. Failures do not throw: the callback route sends
 * the browser back to the login page with the reason.
 */
@Injectable()
export class PscLoginGuard extends AuthGuard(PSC_STRATEGY) {
  constructor(private readonly psc: PscService) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    await this.psc.configuration();
    const request = context.switchToHttp().getRequest<Request>();
    if (request.path.endsWith('/login')) request.session.returnTo = safeReturnPath(request.query.returnTo);
    return (await super.canActivate(context)) as boolean;
  }

  override getAuthenticateOptions(context: ExecutionContext): PscAuthenticateOptions & { session: false } {
    const hint = context.switchToHttp().getRequest<Request>().query.login_hint;
    return { session: false, ...(typeof hint === 'string' && hint ? { loginHint: hint } : {}) };
  }

  override handleRequest<T = PscOutcome>(error: unknown, user: unknown): T {
    if (user && !error) return user as T;
    if (error instanceof LoginRefused) return { refused: error.code } as T;
    // openid-client reports a replayed or absent login session as a failure, a state mismatch as an error
    // whose cause names the state.
    const cause = (error as { cause?: unknown } | undefined)?.cause;
    const message = `${(error as Error | undefined)?.message ?? ''} ${(cause as Error | undefined)?.message ?? ''}`;
    return { refused: !error || /"state"/.test(message) ? 'state' : 'idp' } as T;
  }
}
