import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import type { ApiClientPrincipal } from '../../auth/principal.js';
import { APP_CONFIG, type AppConfig } from '../../config.js';
import { AccessPolicy } from '../access-policy.js';
import { RESOURCE_TYPES, type ResourceType, SYSTEM } from '../fhir.constants.js';
import { FhirError, invalidParameter } from '../fhir-errors.js';
import { FhirRepository } from '../fhir.repository.js';
import { toResource } from '../mapping/index.js';
import { parseDateRange, splitPipe, UUID } from '../search/search-values.js';
import { type ExportJob, type ExportOutput, FhirExportRepository } from './fhir-export.repository.js';

const BATCH = 500;
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
    private readonly resources: FhirRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
    return createReadStream(path.join(this.dir(jobId), output.file));
  }

  private dir(jobId: string): string {
    return path.resolve(this.config.fhirExport.dir, jobId);
  }

  private async run(job: ExportJob, client: ApiClientPrincipal): Promise<void> {
    const policy = new AccessPolicy({ accessProfile: client.accessProfile, regions: client.regions });
    try {
      await this.jobs.markRunning(job.id);
      await mkdir(this.dir(job.id), { recursive: true });
      const output: ExportOutput[] = [];
      for (const type of job.types) {
        const file = `${type}.ndjson`;
        const stream = createWriteStream(path.join(this.dir(job.id), file));
        let count = 0;
        await this.resources.forEachBatch(
          type,
          { since: job.since, regions: job.regions },
          policy,
          BATCH,
          async (ids) => {
            const rows = await this.resources.rows(type, ids, policy);
            const chunk = rows.map((r) => JSON.stringify(toResource(type, r, policy))).join('\n');
            if (!chunk) return;
            count += rows.length;
            if (!stream.write(`${chunk}\n`)) await once(stream, 'drain');
          },
        );
        stream.end();
        await once(stream, 'finish');
        output.push({ type, file, count });
      }
      await this.jobs.complete(job.id, output, this.config.fhirExport.retentionMinutes);
    } catch (error) {
      this.logger.error(error instanceof Error ? error.stack : String(error));
      await this.jobs.fail(job.id, 'Échec de l’export', this.config.fhirExport.retentionMinutes).catch(() => {});
    }
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
