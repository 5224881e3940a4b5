import 'reflect-metadata';
import { migrate } from '../bootstrap.js';
import { parseConfig } from '../config.js';
import { resolveDatabase } from './database-url.js';

/** `npm run migrate`: applies pending migrations to DATABASE_URL (or the embedded database). */
const database = await resolveDatabase(parseConfig());
try {
  const applied = await migrate(database.url);
  console.log(applied.length ? `Migrations appliquées : ${applied.join(', ')}` : 'Schéma déjà à jour.');
} finally {
  await database.stop();
}
