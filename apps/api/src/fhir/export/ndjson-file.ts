import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { AccessProfile } from '../../auth/principal.js';
import { AccessPolicy } from '../access-policy.js';
import { FhirDatabase } from '../fhir-database.js';
import type { ResourceType } from '../fhir.constants.js';
import { FhirRepository } from '../fhir.repository.js';
import { toResource } from '../mapping/index.js';

/**
 * Rows read and serialised at a time (about 3.5 MB of NDJSON for offers, the largest resources); with the next
 * batch prefetched, the worker holds two, which bounds its heap (fhir-export.service.ts: WORKER_HEAP_MB).
 */
const BATCH = 500;

/** One type's NDJSON file of an export: everything a worker thread needs, as plain data. */
export type NdjsonTask = {
  databaseUrl: string;
  statementTimeoutMs: number;
  type: ResourceType;
  since: string | null;
  regions: string[];
  client: { accessProfile: AccessProfile; regions: string[] };
  file: string;
};

/**
 * Writes one type's resources to an NDJSON file and returns their number: full rows from a cursor, mapped
 * with the client's policy, written with back-pressure (constant memory). Runs in a worker thread
 * (fhir-export.worker.ts) with its own connection, so that several types use several cores.
 */
export async function writeNdjson(task: NdjsonTask): Promise<number> {
  const db = new FhirDatabase({ fhirStatementTimeoutMs: task.statementTimeoutMs }, task.databaseUrl);
  const policy = new AccessPolicy(task.client);
  const stream = createWriteStream(task.file);
  let count = 0;
  try {
    const filter = { since: task.since ? new Date(task.since) : null, regions: task.regions };
    await new FhirRepository(db).forEachBatch(task.type, filter, policy, BATCH, async (rows) => {
      let chunk = '';
      for (const row of rows) chunk += `${JSON.stringify(toResource(task.type, row, policy))}\n`;
      count += rows.length;
      if (chunk && !stream.write(chunk)) await once(stream, 'drain');
    });
  } finally {
    stream.end();
    await db.onApplicationShutdown();
  }
  await once(stream, 'finish');
  return count;
}
