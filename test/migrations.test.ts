import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createDataSource } from '../apps/api/src/database/data-source.js';
import { createTestDatabase, databaseUrl, dropTestDatabase } from './support/database.js';

let name: string;
beforeAll(async () => {
  name = await createTestDatabase(null);
});
afterAll(() => dropTestDatabase(name));

const tables = async (url: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migration' ORDER BY 1`,
  );
  await client.end();
  return rows.map((r) => r.table_name as string);
};

describe('migrations', () => {
  it('go up, down and up again on an empty database', async () => {
    const url = databaseUrl(name);
    const dataSource = createDataSource(url);
    await dataSource.initialize();
    try {
      await dataSource.runMigrations();
      const created = await tables(url);
      expect(created).toEqual(
        expect.arrayContaining(['organization', 'healthcare_service', 'capacity', 'audit_event']),
      );
      for (const _ of dataSource.migrations) await dataSource.undoLastMigration();
      expect(await tables(url)).toEqual([]);
      await dataSource.runMigrations();
      expect(await tables(url)).toEqual(created);
      expect(await dataSource.showMigrations()).toBe(false);
    } finally {
      await dataSource.destroy();
    }
  });
});
