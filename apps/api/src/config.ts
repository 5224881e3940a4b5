import { z } from 'zod';

/** Every setting of the API, read from the environment once at start-up (README lists them). */
const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  EMBEDDED_PG_DIR: z.string().default('.data/postgres'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(5433),
  SESSION_SECRET: z.string().min(16).default('dev-only-secret-change-me-in-production'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  ADMIN_DIST_DIR: z.string().default('dist/admin'),
  DATA_DIR: z.string().default('data'),
  SEED_DEMO_DATA: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  NODE_ENV: z.string().default('development'),
  PUBLIC_URL: z.string().url().optional(),
  PSC_DISCOVERY_URL: z.string().url().optional(),
  PSC_CLIENT_ID: z.string().min(1).default('ror-back-office'),
  PSC_CLIENT_SECRET: z.string().min(1).default('dev-secret'),
  PSC_ACR_VALUES: z.string().default('eidas1'),
  NATIONAL_ADMIN_IDS: z.string().default(''),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(10),
  DEV_IDP: z.enum(['true', 'false']).optional(),
  DEV_IDP_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  API_KEY_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  FHIR_STATEMENT_TIMEOUT_SECONDS: z.coerce.number().min(0.01).max(3600).default(30),
  FHIR_EXPORT_DIR: z.string().default('.data/fhir-export'),
  FHIR_EXPORT_RETENTION_MINUTES: z.coerce.number().int().min(1).max(10_080).default(1440),
});

export type AppConfig = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  embeddedPg: { dir: string; port: number };
  sessionSecret: string;
  logLevel: string;
  adminDistDir: string;
  dataDir: string;
  seedDemoData: boolean;
  production: boolean;
  /** Where browsers reach the app: the PSC callback and the CSRF origin check derive from it. */
  publicUrl: string;
  psc: { discoveryUrl: string; clientId: string; clientSecret: string; acrValues: string[] };
  /** SubjectNameIDs that are national admins whatever the database says (bootstrap, DESIGN §2). */
  nationalAdminIds: string[];
  session: { idleMinutes: number; absoluteHours: number };
  /** How long an authenticated API key is remembered in this process (0: looked up on every request). */
  apiKeyCacheSeconds: number;
  /** The local Pro Santé Connect stand-in (apps/dev-idp), started by `npm start` outside production. */
  devIdp: { enabled: boolean; port: number };
  /** Bulk Data `$export`: where NDJSON files are written, and how long they are kept. */
  fhirExport: { dir: string; retentionMinutes: number };
  /** Longest time one SQL statement of the FHIR API may run before PostgreSQL cancels it. */
  fhirStatementTimeoutMs: number;
};

export function parseConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${details}`);
  }
  const c = parsed.data;
  if (c.NODE_ENV === 'production' && c.SESSION_SECRET.startsWith('dev-only')) {
    throw new Error('Invalid configuration: SESSION_SECRET must be set in production');
  }
  if (c.NODE_ENV === 'production' && (c.PSC_CLIENT_SECRET === 'dev-secret' || c.DEV_IDP === 'true')) {
    throw new Error('Invalid configuration: set PSC_CLIENT_SECRET, and never DEV_IDP=true, in production');
  }
  const list = (v: string) =>
    v
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  return {
    port: c.PORT,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL,
    embeddedPg: { dir: c.EMBEDDED_PG_DIR, port: c.EMBEDDED_PG_PORT },
    sessionSecret: c.SESSION_SECRET,
    logLevel: c.LOG_LEVEL,
    adminDistDir: c.ADMIN_DIST_DIR,
    dataDir: c.DATA_DIR,
    seedDemoData: c.SEED_DEMO_DATA,
    production: c.NODE_ENV === 'production',
    publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
    psc: {
      discoveryUrl:
        c.PSC_DISCOVERY_URL ??
        `http://localhost:${c.DEV_IDP_PORT}/auth/realms/esante-wallet/.well-known/wallet-openid-configuration`,
      clientId: c.PSC_CLIENT_ID,
      clientSecret: c.PSC_CLIENT_SECRET,
      acrValues: list(c.PSC_ACR_VALUES),
    },
    nationalAdminIds: list(c.NATIONAL_ADMIN_IDS),
    session: { idleMinutes: c.SESSION_IDLE_MINUTES, absoluteHours: c.SESSION_ABSOLUTE_HOURS },
    apiKeyCacheSeconds: c.API_KEY_CACHE_SECONDS,
    devIdp: { enabled: c.DEV_IDP ? c.DEV_IDP === 'true' : c.NODE_ENV !== 'production', port: c.DEV_IDP_PORT },
    fhirExport: { dir: c.FHIR_EXPORT_DIR, retentionMinutes: c.FHIR_EXPORT_RETENTION_MINUTES },
    fhirStatementTimeoutMs: Math.round(c.FHIR_STATEMENT_TIMEOUT_SECONDS * 1000),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
/** The connection string of the application database (resolved at start-up: embedded or DATABASE_URL). */
export const DATABASE_URL = Symbol('DATABASE_URL');
