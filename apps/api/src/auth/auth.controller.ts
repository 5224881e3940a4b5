import { Controller, Get, HttpCode, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AccessPolicyService, type WriteAction } from '../access/access-policy.service.js';
import { ValidationError } from '../common/errors.js';
import { UsersService } from '../users/users.service.js';
import { CurrentUser } from './current-user.decorator.js';
import type { UserPrincipal } from './principal.js';
import { PscLoginGuard, type PscOutcome, safeReturnPath } from './psc-login.guard.js';
import { PscService } from './psc.service.js';
import { Public } from './public.decorator.js';
import { SESSION_COOKIE } from './session.js';

const WRITE_ACTIONS = new Set<WriteAction>(['create', 'update', 'delete']);

/** Login with Pro Santé Connect (docs/auth-api.md): PSC tokens stay here, the browser only gets a session id. */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly psc: PscService,
    private readonly users: UsersService,
    private readonly policy: AccessPolicyService,
  ) {}

  /** Redirects to PSC (the guard does): `?login_hint=<persona>` signs a local persona in directly. */
  @Public()
  @Get('login')
  @UseGuards(PscLoginGuard)
  login(): void {}

  @Public()
  @Get('callback')
  @UseGuards(PscLoginGuard)
  async callback(@Req() req: Request & { user: PscOutcome }, @Res() res: Response): Promise<void> {
    const outcome = req.user;
    if ('refused' in outcome) return res.redirect(`/#/login?error=${outcome.refused}`);
    const returnTo = safeReturnPath(req.session.returnTo);
    // A new session id at login: whatever id the browser had before cannot be fixed by someone else.
    await new Promise<void>((resolve, reject) => req.session.regenerate((e) => (e ? reject(e) : resolve())));
    Object.assign(req.session, { userId: outcome.userId, idToken: outcome.idToken, loginAt: Date.now() });
    await new Promise<void>((resolve, reject) => req.session.save((e) => (e ? reject(e) : resolve())));
    res.redirect(returnTo);
  }

  /** Ends the session here and gives the browser PSC's end-session URL to end the PSC session too. */
  @Public()
  @Post('logout')
  @HttpCode(200)
  async logout(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ endSessionUrl: string | null }> {
    const idToken = req.session?.idToken;
    if (req.session) await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    return { endSessionUrl: await this.psc.endSessionUrl(idToken).catch(() => null) };
  }

  @Get('me')
  async me(@CurrentUser() user: UserPrincipal) {
    const view = await this.users.get(user.id);
    return {
      id: user.id,
      subjectNameId: user.subjectNameId,
      fullName: user.displayName,
      roles: view.roles.filter((r) => r.active),
      isAdmin: user.roles.some((r) => r.role === 'national-admin'),
      regionCodes: [...new Set(user.roles.flatMap((r) => r.regionCodes ?? []))],
      practitionerId: user.practitionerId,
      affiliations: await this.users.affiliations(user.id),
    };
  }

  /** The policy's answer for one record, so the admin app shows only the actions the server will accept. */
  @Get('can')
  async can(
    @CurrentUser() user: UserPrincipal,
    @Query() query: Record<string, unknown>,
  ): Promise<{ allowed: boolean }> {
    const { resource, action, id, parentId } = query;
    if (typeof resource !== 'string' || !WRITE_ACTIONS.has(action as WriteAction)) {
      throw new ValidationError({ action: 'resource et action (create, update, delete) sont requis' });
    }
    const target = {
      id: typeof id === 'string' ? id : undefined,
      parentId: typeof parentId === 'string' ? parentId : undefined,
    };
    return { allowed: await this.policy.can(user, resource, action as WriteAction, target) };
  }
}
