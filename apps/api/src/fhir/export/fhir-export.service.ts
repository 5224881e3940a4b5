import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { createReadStream, existsSync, type ReadStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ApiClientPrincipal } from '../../auth/principal.js';
import { APP_CONFIG, type AppConfig, DATABASE_URL } from '../../config.js';
import { RESOURCE_TYPES, type ResourceType, SYSTEM } from '../fhir.constants.js';
import { FhirError, invalidParameter } from '../fhir-errors.js';
import { parseDateRange, splitPipe, UUID } from '../search/search-values.js';
import { type ExportJob, type ExportOutput, FhirExportRepository } from './fhir-export.repository.js';
import type { NdjsonTask } from './ndjson-file.js';

/**
 * The compiled worker beside this module; the tests run the services from their TypeScript sources, so they
 * start the build's (`npm test` builds first).
 */
const WORKER = existsSync(fileURLToPath(new URL('./fhir-export.worker.js', import.meta.url)))
  ? new URL('./fhir-export.worker.js', import.meta.url)
  : pathToFileURL(path.resolve('dist/apps/api/src/fhir/export/fhir-export.worker.js'));

/** Types written side by side, each by a worker thread, while PostgreSQL builds their rows. */
const TYPES_AT_ONCE = 2;
/** Heaviest first, so that the last type to finish is a light one (offers and places take most of the time). */
const HEAVIEST_FIRST: ResourceType[] = [
  'HealthcareService',
  'Location',
  'Organization',
  'PractitionerRole',
  'Practitioner',
];
/**
 * Heap of each worker thread. Its live data is two batches of rows (ndjson-file.ts) and one batch of NDJSON,
 * ~30 MB for offers; a bound well above that makes V8 collect before the heap grows, so that two workers and
 * the API stay well under the 500 MB the issue allows (256 MB each reached 499 MB at the national scale).
 */
const WORKER_HEAP_MB = 128;
const NDJSON_FORMATS = new Set(['application/fhir+ndjson', 'application/ndjson', 'ndjson']);

export type KickOff = { types: ResourceType[]; since: Date | null; regions: string[] };

/**
 * System-level Bulk Data `$export` (ror-ig.md §6.4): a job row in PostgreSQL, NDJSON files per type written
 * batch by batch from a server-side cursor (constant memory), removed after FHIR_EXPORT_RETENTION_MINUTES.
 */
@Injectable()
export class FhirExportService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('FhirExportService');
  private sweeper: NodeJS.Timeout | undefined;
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly jobs: FhirExportRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
  ) {}

  onModuleInit(): void {
    this.sweeper = setInterval(() => void this.sweep(), 60_000);
    this.sweeper.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.allSettled([...this.running]);
  }

  /** Reads the kick-off parameters (`_type`, `_since`, `_typeFilter=…?_tag=<R30>|<region>`, `_outputFormat`). */
  parseKickOff(pairs: [string, string][]): KickOff {
    let types: ResourceType[] = [...RESOURCE_TYPES];
    let since: Date | null = null;
    const regions: string[] = [];
    for (const [key, value] of pairs) {
      if (key === '_type') {
        const asked = value.split(',').map((t) => t.trim());
        const unknown = asked.filter((t) => !RESOURCE_TYPES.includes(t as ResourceType));
        if (unknown.length) throw invalidParameter('_type', `types non pris en charge : ${unknown.join(', ')}`);
        types = asked as ResourceType[];
      } else if (key === '_since') since = parseDateRange('_since', value).low;
      else if (key === '_outputFormat' && !NDJSON_FORMATS.has(value))
        throw invalidParameter('_outputFormat', 'seul application/fhir+ndjson est produit');
      else if (key === '_typeFilter') {
        for (const filter of value.split(',')) {
          const m = /^[A-Za-z]+\?_tag=(.*)$/.exec(filter);
          const [system, code] = m ? splitPipe(decodeURIComponent(m[1]!)) : [];
          if (!m || system !== SYSTEM.region || !code || !/^[0-9A-Z]{2,3}$/.test(code))
            throw invalidParameter('_typeFilter', `seul <Type>?_tag=${SYSTEM.region}|<région> est pris en charge`);
          regions.push(code);
        }
      }
    }
    return { types, since, regions };
  }

  async kickOff(client: ApiClientPrincipal, request: KickOff, requestUrl: string): Promise<ExportJob> {
    await this.sweep();
    // The client's own regions bound what it may export; a region filter narrows it further.
    const regions = client.regions.length
      ? request.regions.length
        ? request.regions.filter((r) => client.regions.includes(r))
        : client.regions
      : request.regions;
    if (client.regions.length && request.regions.length && regions.length === 0)
      throw new FhirError(403, 'forbidden', 'Région hors du périmètre de ce client');
    const job = await this.jobs.create({
      clientId: client.id,
      requestUrl,
      types: request.types,
      since: request.since,
      regions,
      accessProfile: client.accessProfile,
    });
    const run = this.run(job, client).finally(() => this.running.delete(run));
    this.running.add(run);
    return job;
  }

  async status(client: ApiClientPrincipal, jobId: string): Promise<ExportJob> {
    const job = UUID.test(jobId) ? await this.jobs.find(jobId) : undefined;
    if (!job || job.clientId !== client.id) throw new FhirError(404, 'not-found', `Export ${jobId} introuvable`);
    return job;
  }

  async cancel(client: ApiClientPrincipal, jobId: string): Promise<void> {
    await this.status(client, jobId);
    await this.remove(jobId);
  }

  async file(client: ApiClientPrincipal, jobId: string, file: string): Promise<ReadStream> {
    const job = await this.status(client, jobId);
    const output = job.output.find((o) => o.file === file);
    if (job.status !== 'completed' || !output) throw new FhirError(404, 'not-found', `Fichier ${file} introuvable`);
    // 1 MiB reads: the default 64 KiB made serving a 2.5 GB file cost ~16 times more chunks through Express.
    return createReadStream(path.join(this.dir(jobId), output.file), { highWaterMark: 1 << 20 });
  }

  private dir(jobId: string): string {
    return path.resolve(this.config.fhirExport.dir, jobId);
  }

  private async run(job: ExportJob, client: ApiClientPrincipal): Promise<void> {
    try {
      await this.jobs.markRunning(job.id);
      await mkdir(this.dir(job.id), { recursive: true });
      const queue = [...job.types].sort((a, b) => HEAVIEST_FIRST.indexOf(a) - HEAVIEST_FIRST.indexOf(b));
      const output: ExportOutput[] = [];
      const worker = async () => {
        for (let type = queue.shift(); type; type = queue.shift()) output.push(await this.write(job, type, client));
      };
      await Promise.all(Array.from({ length: Math.min(TYPES_AT_ONCE, queue.length) }, worker));
      output.sort((a, b) => job.types.indexOf(a.type) - job.types.indexOf(b.type));
      await this.jobs.complete(job.id, output, this.config.fhirExport.retentionMinutes);
    } catch (error) {
      this.logger.error(error instanceof Error ? error.stack : String(error));
      await this.jobs.fail(job.id, 'Échec de l’export', this.config.fhirExport.retentionMinutes).catch(() => {});
    }
  }

  /** One type's NDJSON file, written by a worker thread (serialising is the bulk of the work, one core each). */
  private async write(job: ExportJob, type: ResourceType, client: ApiClientPrincipal): Promise<ExportOutput> {
    const file = `${type}.ndjson`;
    const task: NdjsonTask = {
      databaseUrl: this.databaseUrl,
      statementTimeoutMs: this.config.fhirStatementTimeoutMs,
      type,
      since: job.since ? new Date(job.since).toISOString() : null,
      regions: job.regions,
      client: { accessProfile: client.accessProfile, regions: client.regions },
      file: path.join(this.dir(job.id), file),
    };
    const worker = new Worker(WORKER, { workerData: task, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    const count = await new Promise<number>((resolve, reject) => {
      worker.once('message', (m: { count: number }) => resolve(m.count));
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`Export ${type} : le processus léger s’est arrêté (${code})`)));
    });
    return { type, file, count };
  }

  private async remove(jobId: string): Promise<void> {
    await rm(this.dir(jobId), { recursive: true, force: true });
    await this.jobs.delete(jobId);
  }

  /** Removes the files and rows of expired jobs. */
  async sweep(): Promise<void> {
    try {
      for (const id of await this.jobs.expired()) await this.remove(id);
    } catch (error) {
      this.logger.warn(`Nettoyage des exports : ${String(error)}`);
    }
  }
}
