import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config.js';
import { type AuthenticatedUser, DEV_USERS } from './dev-users.js';

export const SESSION_COOKIE = 'ror_session';
const SESSION_HOURS = 10;

/**
 * Development login: a signed cookie naming one of the fixed users and its expiry. The Pro Santé Connect
 * issue replaces this service and the controller; the guard keeps asking `authenticate()`.
 */
@Injectable()
export class AuthService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  devUsers(): AuthenticatedUser[] {
    return DEV_USERS;
  }

  /** The cookie value for a fixed user, or null if there is no such user. */
  login(username: string): { token: string; maxAgeMs: number } | null {
    const user = DEV_USERS.find((u) => u.id === username);
    if (!user) return null;
    const payload = `${user.id}.${Date.now() + SESSION_HOURS * 3_600_000}`;
    return { token: `${payload}.${this.sign(payload)}`, maxAgeMs: SESSION_HOURS * 3_600_000 };
  }

  authenticate(token: string | undefined): AuthenticatedUser | null {
    if (!token) return null;
    const [id, expires, signature] = token.split('.');
    if (!id || !expires || !signature) return null;
    const expected = Buffer.from(this.sign(`${id}.${expires}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    if (Number(expires) < Date.now()) return null;
    return DEV_USERS.find((u) => u.id === id) ?? null;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.config.sessionSecret).update(payload).digest('base64url');
  }
}
