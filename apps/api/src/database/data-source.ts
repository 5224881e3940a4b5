import { DataSource, type DataSourceOptions } from 'typeorm';
import { migrations } from './migrations.js';
import { SnakeNamingStrategy } from './naming-strategy.js';

/** Options shared by the API (entities come from each module's forFeature) and the migration command. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    migrations,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    logging: false,
    extra: { max: 10, application_name: 'ror-api' },
  };
}

export function createDataSource(url: string): DataSource {
  return new DataSource(dataSourceOptions(url));
}
