import pg from 'pg';

export const TEMPLATE_DATABASE = 'ror_test_template';
/** Migrated, geography and NOS loaded, no structure: where imports start from. */
export const REFERENCE_DATABASE = 'ror_test_reference';

/** The server the tests use: set by the global setup (embedded) or given as TEST_DATABASE_ADMIN_URL. */
export function adminUrl(): string {
  const url = process.env.TEST_DATABASE_ADMIN_URL;
  if (!url) throw new Error('TEST_DATABASE_ADMIN_URL is not set: run the tests through jest (global setup)');
  return url;
}

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database per test file, cloned from the migrated and seeded template (fast, isolated). */
export async function createTestDatabase(template: string | null = TEMPLATE_DATABASE): Promise<string> {
  const name = `ror_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await withAdminClient((c) => c.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`));
  return name;
}

export async function dropTestDatabase(name: string): Promise<void> {
  await withAdminClient((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
