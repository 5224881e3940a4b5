import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import connectPgSimple from 'connect-pg-simple';
import type { RequestHandler } from 'express';
import session from 'express-session';
import pg from 'pg';
import { APP_CONFIG, type AppConfig, DATABASE_URL } from '../config.js';

declare module 'express-session' {
  interface SessionData {
    userId: string;
    idToken: string;
    /** Login time: the absolute timeout counts from here (psc-oidc.md §3.4). */
    loginAt: number;
    returnTo: string;
  }
}

export const SESSION_COOKIE = 'ror_sid';

/**
 * Server-side sessions in PostgreSQL (table user_session): the browser holds only an opaque id in an
 * httpOnly cookie, SameSite=Lax so that it comes back on PSC's top-level redirect. The idle timeout is the
 * cookie's rolling lifetime; the absolute one is checked by the guard.
 */
@Injectable()
export class SessionMiddleware implements OnApplicationShutdown {
  private readonly pool: pg.Pool;
  private readonly store: session.Store & { close(): void };
  readonly handler: RequestHandler;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(DATABASE_URL) databaseUrl: string) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
    const PgStore = connectPgSimple(session);
    this.store = new PgStore({
      pool: this.pool,
      tableName: 'user_session',
      createTableIfMissing: false,
      pruneSessionInterval: 15 * 60,
    });
    this.handler = session({
      name: SESSION_COOKIE,
      secret: config.sessionSecret,
      store: this.store,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      proxy: config.production,
      cookie: {
        httpOnly: true,
        sameSite: 'lax',
        secure: config.production,
        maxAge: config.session.idleMinutes * 60_000,
        path: '/',
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.store.close();
    await this.pool.end();
  }
}
