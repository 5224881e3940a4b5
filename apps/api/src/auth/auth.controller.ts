import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { parseOrThrow } from '../common/zod-errors.js';
import { ValidationError } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config.js';
import { AuthService, SESSION_COOKIE } from './auth.service.js';
import type { AuthenticatedUser } from './dev-users.js';
import { Public } from './public.decorator.js';

const loginSchema = z.object({ username: z.string().min(1) });

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('dev-users')
  devUsers(): AuthenticatedUser[] {
    return this.auth.devUsers();
  }

  @Public()
  @Post('login')
  @HttpCode(204)
  login(@Body() body: unknown, @Res({ passthrough: true }) res: Response): void {
    const { username } = parseOrThrow(loginSchema, body);
    const session = this.auth.login(username);
    if (!session) throw new ValidationError({ username: 'Utilisateur inconnu' });
    res.cookie(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.production,
      maxAge: session.maxAgeMs,
      path: '/',
    });
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  logout(@Res({ passthrough: true }) res: Response): void {
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  me(@Req() req: Request & { user: AuthenticatedUser }): AuthenticatedUser {
    return req.user;
  }
}
