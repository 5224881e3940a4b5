import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { stat } from 'node:fs/promises';
import { NotFoundError, ValidationError } from '../common/errors.js';
import type { ListQuery, ListResult } from '../common/list-query.js';
import { type Tx, TransactionRunner } from '../database/transaction.js';
import { GeographyService } from '../geography/geography.service.js';
import { NomenclaturesService } from '../nomenclatures/nomenclatures.service.js';
import { activityRow, groupingRow } from './authorisation-mapping.js';
import type { WriteCounts } from './bulk-upsert.js';
import {
  activitySeenKey,
  FinessAuthorisationsRepository,
  groupingSeenKey,
} from './finess-authorisations.repository.js';
import type { ImportRejection, ImportRun } from './import-run.entity.js';
import {
  ImportRejectionsRepository,
  ImportRunsRepository,
  type Rejection,
  type RunCounts,
} from './import-runs.repository.js';
import {
  ImportedRecordsRepository,
  type OrganizationRow,
  type PractitionerRoleRow,
  type PractitionerRow,
  type RunRef,
} from './imported-records.repository.js';
import { GONE_FROM_FINESS, GONE_FROM_RPPS, RecordMapper } from './record-mapping.js';
import { ANY_SITUATION, practiceKey, RppsClosuresRepository, situationKey } from './rpps-closures.repository.js';
import type { ActivityRecord, GroupingRecord } from './sources/activity-record.js';
import { detectFormat, FORMAT_LABELS, type ImportFormat, type ImportKind, RefusedFileError } from './sources/detect.js';
import { readFinessActivities } from './sources/finess-activities.js';
import { readLegacyFiness, readLegacyPositions } from './sources/finess-legacy.js';
import { readFinessPlus } from './sources/finess-plus.js';
import { readRpps, type RppsRecord } from './sources/rpps.js';
import type { FinessItem, RawPosition, StructureRecord } from './sources/structure-record.js';
import { RecordError } from './sources/structure-record.js';
import { detectEncoding, type TextEncoding } from './sources/text-lines.js';

/** Records per batch: one transaction, a few statements. Big enough for throughput, small enough to redo. */
const BATCH = 5000;
/** A run whose heartbeat stopped this long ago died with its process. */
const STALE_SECONDS = 120;
/** A stock file that would close more than this share of the known structures is not trusted to close any. */
const MAX_CLOSED_SHARE = 0.05;
const MIN_CLOSED_GUARD = 100;

export type ImportOptions = {
  dryRun?: boolean;
  startedBy: string;
  /** Tests: called after each committed batch (a throw there simulates a crash between batches). */
  afterBatch?: (batch: number) => Promise<void> | void;
};

/** Rolls a dry run's batch back after it has been measured. */
class DryRunRollback extends Error {}

const ZERO: RunCounts = { created: 0, updated: 0, closed: 0, unchanged: 0, rejected: 0 };

/** What a batch did, for the run's counts (its audit events are written by the same statements). */
class BatchResult {
  readonly counts: RunCounts = { ...ZERO };

  constructor(readonly rejections: Rejection[]) {
    this.counts.rejected = rejections.length;
  }

  /** Counts written rows (created, closed, updated) and, out of `considered`, the ones left unchanged. */
  add(considered: number, w: WriteCounts): void {
    this.counts.created += w.created;
    this.counts.closed += w.closed;
    this.counts.updated += w.written - w.created - w.closed;
    this.counts.unchanged += Math.max(0, considered - w.written);
  }
}

/**
 * FINESS and RPPS imports (issue 4): each run is a job in `import_run`. Files are streamed; records are
 * written in batches, each batch one transaction with its audit events, rejections and progress, so a killed
 * run leaves whole batches only and a rerun completes the job (the upserts are idempotent).
 */
@Injectable()
export class ImportsService implements OnModuleInit {
  private readonly logger = new Logger(ImportsService.name);

  constructor(
    private readonly runs: ImportRunsRepository,
    private readonly rejections: ImportRejectionsRepository,
    private readonly records: ImportedRecordsRepository,
    private readonly transactions: TransactionRunner,
    private readonly nomenclatures: NomenclaturesService,
    private readonly geography: GeographyService,
    private readonly authorisations: FinessAuthorisationsRepository,
    private readonly rppsClosures: RppsClosuresRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.runs.markStaleInterrupted(STALE_SECONDS);
  }

  list(query: ListQuery): Promise<ListResult<ImportRun>> {
    return this.runs.list(query);
  }

  async get(id: string): Promise<ImportRun> {
    const run = await this.runs.findById(id);
    if (!run) throw new NotFoundError('imports', id);
    return run;
  }

  listRejections(runId: string, query: ListQuery): Promise<ListResult<ImportRejection>> {
    return this.rejections.list({ ...query, filter: { ...query.filter, runId } });
  }

  /**
   * Registers a run and checks the file is of the announced kind (refused before any write otherwise);
   * `done` settles when the run ends. The API answers at once; the CLI awaits `done`.
   */
  async start(
    kind: ImportKind,
    file: string,
    fileName: string,
    options: ImportOptions,
  ): Promise<{ run: ImportRun; done: Promise<ImportRun> }> {
    await this.runs.markStaleInterrupted(STALE_SECONDS);
    const { size } = await stat(file);
    const run = await this.runs.create({
      kind,
      fileName,
      fileSize: String(size),
      dryRun: options.dryRun ?? false,
      startedBy: options.startedBy,
    });
    let format: ImportFormat;
    try {
      format = await detectFormat(file, kind);
    } catch (error) {
      if (!(error instanceof RefusedFileError)) throw error;
      await this.runs.finish(run.id, 'refused', error.message);
      throw new ValidationError({ file: error.message }, error.message);
    }
    await this.runs.start(run.id, format);
    const done = this.execute({ ...run, format }, file, format, options);
    return { run: await this.get(run.id), done };
  }

  /** Runs an import to its end (CLI, seed, tests). */
  async run(kind: ImportKind, file: string, fileName: string, options: ImportOptions): Promise<ImportRun> {
    return (await this.start(kind, file, fileName, options)).done;
  }

  private async execute(
    run: ImportRun,
    file: string,
    format: ImportFormat,
    options: ImportOptions,
  ): Promise<ImportRun> {
    const job = new Job(this, run, format, options);
    try {
      const notes = format === 'rpps' ? await job.importRpps(file) : await job.importFiness(file);
      await this.runs.finish(run.id, 'succeeded', notes.join(' ') || null);
    } catch (error) {
      this.logger.error(`Import ${run.id} failed: ${(error as Error).stack ?? String(error)}`);
      await this.runs.finish(run.id, 'failed', `Échec : ${(error as Error).message}`).catch(() => {});
    }
    return this.get(run.id);
  }

  /** Internal to the job: the collaborators it needs. */
  deps() {
    return {
      runs: this.runs,
      records: this.records,
      transactions: this.transactions,
      nomenclatures: this.nomenclatures,
      geography: this.geography,
      authorisations: this.authorisations,
      rppsClosures: this.rppsClosures,
    };
  }
}

/** One run in progress: reads the file, maps and writes its batches, keeps the counts. */
class Job {
  private readonly d: ReturnType<ImportsService['deps']>;
  private readonly ref: RunRef;
  private lines = 0;
  private bytes = 0;
  private batches = 0;
  private inFlight: Promise<void> = Promise.resolve();
  /** Why what the file lists cannot be known (a truncated file…): then nothing is taken as gone. */
  private incomplete: string | null = null;

  constructor(
    service: ImportsService,
    private readonly run: ImportRun,
    private readonly format: ImportFormat,
    private readonly options: ImportOptions,
  ) {
    this.d = service.deps();
    this.ref = { id: run.id, actor: `import:${run.id}` };
  }

  private source(date: string | null): string {
    return `${FORMAT_LABELS[this.format]} « ${this.run.fileName} »${date ? ` du ${date}` : ''}`;
  }

  private async mapper(date: string | null): Promise<RecordMapper> {
    return new RecordMapper(
      this.d.nomenclatures,
      await this.d.geography.communeIndex(),
      this.run.id,
      this.source(date),
    );
  }

  /**
   * Writes one batch atomically with its audit events, rejections and progress. A dry run measures the
   * same writes, then rolls them back: only the run's report is kept.
   *
   * Write-behind: returns once the batch is handed to PostgreSQL, so that the next batch is read and mapped
   * while this one is written (the two sides have a core each). At most one batch is in flight, batches
   * commit in order, and a failed batch stops the run at the next call or at `settle`.
   */
  private async commit(rejections: Rejection[], work: (tx: Tx, result: BatchResult) => Promise<void>): Promise<void> {
    await this.inFlight;
    const write = this.write(rejections, work, this.lines, this.bytes);
    // Handled here so that a failure is not reported unhandled before the next call awaits it.
    write.catch(() => undefined);
    this.inFlight = write;
  }

  /** Waits for the batch in flight (before reading what the batches wrote, and at the end of the run). */
  private settle(): Promise<void> {
    return this.inFlight;
  }

  private async write(
    rejections: Rejection[],
    work: (tx: Tx, result: BatchResult) => Promise<void>,
    lines: number,
    bytes: number,
  ): Promise<void> {
    const result = new BatchResult(rejections);
    const apply = async (tx: Tx) => {
      await this.d.records.lockKind(tx, this.run.kind);
      await work(tx, result);
    };
    if (this.run.dryRun) {
      await this.d.transactions
        .run(async (tx) => {
          await apply(tx);
          throw new DryRunRollback();
        })
        .catch((error: unknown) => {
          if (!(error instanceof DryRunRollback)) throw error;
        });
      await this.d.runs.addRejections(undefined, this.run.id, rejections);
      await this.d.runs.progress(undefined, this.run.id, result.counts, lines, bytes);
    } else {
      await this.d.transactions.run(async (tx) => {
        await apply(tx);
        await this.d.runs.addRejections(tx, this.run.id, rejections);
        await this.d.runs.progress(tx, this.run.id, result.counts, lines, bytes);
      });
    }
    await this.options.afterBatch?.(++this.batches);
  }

  async importFiness(file: string): Promise<string[]> {
    let extractionDate: string | null = null;
    const progress = (b: number) => (this.bytes = b);
    const legacy = this.format === 'finess-legacy';
    const encoding = legacy ? await detectEncoding(file) : null;
    if (encoding) await this.stagePositions(file, encoding);
    const items: AsyncIterable<FinessItem> = encoding
      ? readLegacyFiness(file, encoding, progress, (d) => (extractionDate = d))
      : this.format === 'finess-activities'
        ? readFinessActivities(file, progress)
        : readFinessPlus(file, progress);
    let mapper: RecordMapper | null = null;
    const structures = new Map<string, { line: number; record: StructureRecord }>();
    const activities = new Map<string, ActivityRecord>();
    const groupings = new Map<string, GroupingRecord>();
    let rejections: Rejection[] = [];
    let rejectedKeys: string[] = [];
    let rejected = 0;
    const kindsSeen = new Set<string>();
    const origins = new Set<string>();
    const groupingKinds = new Set<string>();
    const ignored = new Map<string, number>();
    const flush = async () => {
      mapper ??= await this.mapper(extractionDate);
      await this.writeFinessBatch(mapper, [...structures.values()], rejections, extractionDate);
      structures.clear();
      rejections = [];
      if (rejectedKeys.length) await this.d.runs.markSeen(this.run.id, rejectedKeys);
      rejectedKeys = [];
      if (activities.size + groupings.size > 0) {
        await this.d.runs.markSeen(this.run.id, [
          ...[...activities.keys()].map(activitySeenKey),
          ...[...groupings.values()].map((g) => groupingSeenKey(g.kind, g.sourceId)),
        ]);
        await this.writeAuthorisations([...activities.values()], [...groupings.values()], extractionDate);
      }
      activities.clear();
      groupings.clear();
    };
    for await (const item of items) {
      this.lines = item.line;
      if ('error' in item) {
        rejections.push({ line: item.line, reason: item.error, content: item.raw ?? null });
        rejected++;
        if (item.finess) rejectedKeys.push(item.finess);
        if (item.incomplete) this.incomplete ??= `ligne ${item.line} rejetée sans numéro FINESS lisible ou tronquée`;
      } else if ('structure' in item) {
        kindsSeen.add(item.structure.kind);
        structures.set(item.structure.finess, { line: item.line, record: item.structure });
      } else if ('activity' in item) {
        origins.add(item.activity.origin);
        activities.set(item.activity.sourceKey, item.activity);
      } else if ('grouping' in item) {
        groupingKinds.add(item.grouping.kind);
        groupings.set(`${item.grouping.kind} ${item.grouping.sourceId}`, item.grouping);
      } else if ('ignored' in item) ignored.set(item.ignored, (ignored.get(item.ignored) ?? 0) + 1);
      // `geolocalisation` lines were staged by the first pass: their structures take them as they are written.
      if (structures.size + activities.size + groupings.size + rejections.length >= BATCH) await flush();
    }
    await flush();
    if (legacy) await this.writeLeftoverPositions(mapper ?? (await this.mapper(extractionDate)));
    await this.settle();
    const notes = [...ignored].map(([tag, n]) => `${n} ligne(s) « ${tag} » lues mais non importées.`);
    if (legacy && kindsSeen.size > 0) {
      notes.push(await this.closeMissing([...kindsSeen], extractionDate ?? new Date().toISOString().slice(0, 10)));
    }
    if (origins.size + groupingKinds.size > 0) {
      const closedOn = extractionDate ?? new Date().toISOString().slice(0, 10);
      notes.push(await this.closeGoneAuthorisations([...origins], [...groupingKinds], closedOn, rejected));
    }
    return notes;
  }

  /**
   * Authorisations and groupings of the sections a file holds that it no longer lists are closed, as
   * structures are; not when a line was rejected (it may have listed one) nor when the file looks partial.
   */
  private async closeGoneAuthorisations(
    origins: string[],
    kinds: string[],
    closedOn: string,
    rejected: number,
  ): Promise<string> {
    const { missing, known } = await this.d.authorisations.countGone(this.run.id, origins, kinds);
    if (missing === 0) return 'Aucune autorisation ni aucun groupement absent du fichier.';
    if (rejected > 0) {
      return `${missing} autorisation(s) ou groupement(s) absent(s) du fichier non fermé(s) : ${rejected} ligne(s) rejetée(s) pouvaient en citer.`;
    }
    if (looksPartial(missing, known)) {
      return `${missing} autorisation(s) ou groupement(s) connu(s) absent(s) du fichier (sur ${known}) : non fermé(s), ce fichier semble être un extrait partiel.`;
    }
    await this.commit([], async (tx, result) => {
      result.add(0, await this.d.authorisations.closeGone(tx, this.ref, origins, kinds, closedOn));
    });
    await this.settle();
    return `${missing} autorisation(s) ou groupement(s) absent(s) du fichier fermé(s) au ${closedOn}.`;
  }

  private async writeFinessBatch(
    mapper: RecordMapper,
    structures: { line: number; record: StructureRecord }[],
    rejections: Rejection[],
    extractionDate: string | null,
  ): Promise<void> {
    const format = this.format as 'finess-legacy' | 'finess-plus';
    const closedOn = extractionDate ?? new Date().toISOString().slice(0, 10);
    const rows: OrganizationRow[] = [];
    for (const { line, record } of structures) {
      try {
        rows.push(mapper.structure(record, format, closedOn));
      } catch (error) {
        if (!(error instanceof RecordError)) throw error;
        rejections.push({ line, reason: error.message, content: `${record.kind} ${record.finess} ${record.name}` });
      }
    }
    if (format === 'finess-legacy') {
      // Scratch keys, not records: written outside the batch so that a dry run can report closures too.
      // Rejected ones too: a structure still listed is not gone.
      await this.d.runs.markSeen(
        this.run.id,
        structures.map((s) => s.record.finess),
      );
      const staged = await this.d.runs.stagedPositions(
        this.run.id,
        rows.map((r) => r.finess!),
      );
      for (const row of rows) {
        const raw = staged.get(row.finess!);
        if (raw) Object.assign(row, mapper.geolocated(raw, row.commune_code));
      }
    }
    rejections.sort((a, b) => a.line - b.line);
    await this.commit(rejections, async (tx, result) => {
      const ejs = rows.filter((r) => r.kind === 'EJ');
      const egs = rows.filter((r) => r.kind === 'EG');
      result.add(ejs.length, await this.d.records.upsertOrganizations(tx, this.ref, format, ejs));
      const described = new Set(ejs.map((r) => r.finess));
      const missingParents = [...new Set(egs.map((r) => r.parent_finess!).filter((f) => !described.has(f)))].map(
        (finess): OrganizationRow => ({
          ...egs[0]!,
          kind: 'EJ',
          finess,
          parent_finess: null,
          name: `Entité juridique FINESS ${finess}`,
          finess_data: { format, stub: true },
        }),
      );
      result.add(0, await this.d.records.createMissingParents(tx, this.ref, missingParents));
      result.add(egs.length, await this.d.records.upsertOrganizations(tx, this.ref, format, egs));
    });
  }

  /** Authorisations, activities and groupings of a batch: FINESS-owned tables of their own, one transaction. */
  private async writeAuthorisations(
    activities: ActivityRecord[],
    groupings: GroupingRecord[],
    extractionDate: string | null,
  ): Promise<void> {
    const source = this.source(extractionDate);
    await this.commit([], async (tx, result) => {
      const a = activities.map((r) => activityRow(r, source, this.run.id));
      result.add(a.length, await this.d.authorisations.upsertActivities(tx, this.ref, a));
      const g = groupings.map((r) => groupingRow(r, source, this.run.id));
      result.add(g.length, await this.d.authorisations.upsertGroupings(tx, this.ref, g));
    });
  }

  /**
   * First pass over a legacy stock file: its positions go to a scratch table, so that each establishment is
   * written once with its position (a position written after its structure cost an update and a second
   * audit event per establishment). Outside the batches, like the seen keys: a dry run uses them too.
   */
  private async stagePositions(file: string, encoding: TextEncoding): Promise<void> {
    let positions = new Map<string, RawPosition>();
    for await (const record of readLegacyPositions(file, encoding)) {
      positions.set(record.finess, record.position);
      if (positions.size >= BATCH) {
        await this.d.runs.stagePositions(this.run.id, positions);
        positions = new Map();
      }
    }
    await this.d.runs.stagePositions(this.run.id, positions);
  }

  /** Positions of structures the file does not describe (or rejected): updates of the known ones, as before. */
  private async writeLeftoverPositions(mapper: RecordMapper): Promise<void> {
    for (let after = ''; ;) {
      const page = await this.d.runs.leftoverPositions(this.run.id, after, BATCH);
      if (page.length === 0) return;
      after = page.at(-1)!.finess;
      await this.commit([], (tx, result) => this.writePositions(tx, mapper, page, result));
    }
  }

  private async writePositions(
    tx: Tx,
    mapper: RecordMapper,
    positions: { finess: string; position: RawPosition }[],
    result: BatchResult,
  ): Promise<void> {
    const communes = await this.d.records.communesOf(
      tx,
      positions.map((p) => p.finess),
    );
    const rows = positions.map(({ finess, position }) => ({
      finess,
      ...mapper.geolocated(position, communes.get(finess) ?? null),
    }));
    const written = await this.d.records.updatePositions(tx, this.ref, rows);
    // A position completing a structure this run just wrote is part of that change, not another one.
    result.add(positions.length - written.sameRun, { ...written, written: written.written - written.sameRun });
  }

  /** Legacy stock files list every open structure: the ones they no longer list are closed, never deleted. */
  private async closeMissing(kinds: string[], closedOn: string): Promise<string> {
    const { missing, known } = await this.d.records.countMissing(this.run.id, this.format, kinds);
    if (missing === 0) return 'Aucune structure absente du fichier.';
    if (this.incomplete) return `${missing} structure(s) absente(s) du fichier non fermée(s) : ${this.incomplete}.`;
    if (looksPartial(missing, known)) {
      return (
        `${missing} structure(s) connue(s) absente(s) du fichier (sur ${known}) : non fermées, ce fichier semble ` +
        'être un extrait partiel et non l’extraction complète.'
      );
    }
    await this.commit([], async (tx, result) => {
      result.add(0, await this.d.records.closeMissing(tx, this.ref, this.format, kinds, closedOn, GONE_FROM_FINESS));
    });
    await this.settle();
    return `${missing} structure(s) absente(s) du fichier fermée(s) au ${closedOn}.`;
  }

  async importRpps(file: string): Promise<string[]> {
    const mapper = await this.mapper(null);
    const closed = await this.d.rppsClosures.closedKeys(GONE_FROM_RPPS);
    let batch: { line: number; record: RppsRecord }[] = [];
    let rejections: Rejection[] = [];
    let rejectedKeys: string[] = [];
    const flush = async () => {
      await this.writeRppsBatch(mapper, batch, rejections, closed);
      if (rejectedKeys.length) await this.d.runs.markSeen(this.run.id, rejectedKeys);
      batch = [];
      rejections = [];
      rejectedKeys = [];
    };
    for await (const item of readRpps(file, (b) => (this.bytes = b))) {
      this.lines = item.line;
      if ('error' in item) {
        rejections.push({ line: item.line, reason: item.error, content: item.raw ?? null });
        // A rejected line still lists its professional: none of his situations is taken as gone.
        if (item.nationalId) rejectedKeys.push(situationKey(item.nationalId, ANY_SITUATION));
        else this.incomplete ??= `ligne ${item.line} rejetée sans identifiant national PP lisible`;
        if (item.incomplete) this.incomplete = `ligne ${item.line} tronquée (fichier incomplet ?)`;
      } else batch.push(item);
      if (batch.length + rejections.length >= BATCH) await flush();
    }
    await flush();
    await this.settle();
    return [await this.closeGoneSituations()];
  }

  /**
   * A full RPPS file lists every situation: the imported ones it no longer lists are closed (never deleted),
   * then the ville practices left without an open situation. Situations users made are never touched.
   */
  private async closeGoneSituations(): Promise<string> {
    const { missing, known } = await this.d.rppsClosures.countGone(this.run.id);
    if (missing === 0) return 'Aucune situation d’exercice absente du fichier.';
    if (this.incomplete) {
      return `${missing} situation(s) d’exercice absente(s) du fichier non fermée(s) : ${this.incomplete}.`;
    }
    if (looksPartial(missing, known)) {
      return (
        `${missing} situation(s) d’exercice connue(s) absente(s) du fichier (sur ${known}) : non fermées, ce fichier ` +
        'semble être un extrait partiel et non l’extraction complète.'
      );
    }
    const closedOn = new Date().toISOString().slice(0, 10);
    let practices = 0;
    await this.commit([], async (tx, result) => {
      result.add(0, await this.d.rppsClosures.closeGoneSituations(tx, this.ref, closedOn));
      const closed = await this.d.rppsClosures.closeEmptyPractices(tx, this.ref, closedOn, GONE_FROM_RPPS);
      practices = closed.closed;
      result.add(0, closed);
    });
    await this.settle();
    return `${missing} situation(s) d’exercice absente(s) du fichier fermée(s) au ${closedOn}, ${practices} structure(s) d’exercice de ville sans situation ouverte fermée(s).`;
  }

  private async writeRppsBatch(
    mapper: RecordMapper,
    lines: { line: number; record: RppsRecord }[],
    rejections: Rejection[],
    closed: { situations: Set<string>; practices: Set<string> },
  ): Promise<void> {
    const practitioners = new Map<string, PractitionerRow>();
    const roles = new Map<string, Omit<PractitionerRoleRow, 'practitioner_id'> & { rpps_id: string }>();
    const practices: Record<'EJ' | 'EG' | 'OI', Map<string, OrganizationRow>> = {
      EJ: new Map(),
      EG: new Map(),
      OI: new Map(),
    };
    // A line rejected for its codes still lists its professional: none of his situations is taken as gone.
    const rejectedPeople: string[] = [];
    for (const { line, record } of lines) {
      try {
        const mapped = mapper.professional(record);
        practitioners.set(mapped.practitioner.rpps_id, mapped.practitioner);
        roles.set(`${mapped.role.rpps_id} ${mapped.role.rpps_key}`, mapped.role);
        for (const o of mapped.practice) practices[o.kind].set(o.rpps_structure_id!, o);
      } catch (error) {
        if (!(error instanceof RecordError)) throw error;
        rejections.push({ line, reason: error.message, content: null });
        rejectedPeople.push(situationKey(record.nationalId!, ANY_SITUATION));
      }
    }
    rejections.sort((a, b) => a.line - b.line);
    // Scratch keys, outside the batch (a dry run reports closures too): what the file still lists.
    await this.d.runs.markSeen(this.run.id, [
      ...[...roles.values()].map((r) => situationKey(r.rpps_id, r.rpps_key)),
      ...rejectedPeople,
    ]);
    await this.commit(rejections, async (tx, result) => {
      const reopened = await this.reopen(tx, closed, practices, [...roles.values()]);
      for (const kind of ['EJ', 'EG', 'OI'] as const) {
        const rows = [...practices[kind].values()];
        result.add(rows.length, await this.d.records.upsertOrganizations(tx, this.ref, 'rpps', rows));
      }
      const people = [...practitioners.values()];
      result.add(people.length, await this.d.records.upsertPractitioners(tx, this.ref, people));
      const ids = await this.d.records.practitionerIds(tx, [...practitioners.keys()]);
      const roleRows = [...roles.values()].map(({ rpps_id, ...role }) => ({
        ...role,
        practitioner_id: ids.get(rpps_id)!,
      }));
      result.add(roleRows.length, await this.d.records.upsertRoles(tx, this.ref, roleRows));
      if (reopened) {
        // Counted as updated: their upserts, which do not see the closure, had counted them unchanged.
        result.add(0, reopened);
        result.counts.unchanged = Math.max(0, result.counts.unchanged - reopened.written);
      }
    });
  }

  /** Situations and practices of a batch that an earlier file closed and this one lists again: open again. */
  private async reopen(
    tx: Tx,
    closed: { situations: Set<string>; practices: Set<string> },
    practices: Record<'EJ' | 'EG' | 'OI', Map<string, OrganizationRow>>,
    roles: { rpps_id: string; rpps_key: string }[],
  ): Promise<WriteCounts | null> {
    const listed = Object.values(practices)
      .flatMap((m) => [...m.values()].map((o) => ({ kind: o.kind, rppsStructureId: o.rpps_structure_id! })))
      .filter((p) => closed.practices.has(practiceKey(p.kind, p.rppsStructureId)));
    const situations = roles
      .map((r) => ({ rppsId: r.rpps_id, rppsKey: r.rpps_key }))
      .filter((r) => closed.situations.has(situationKey(r.rppsId, r.rppsKey)));
    if (listed.length + situations.length === 0) return null;
    return this.d.rppsClosures.reopen(tx, this.ref, situations, listed, GONE_FROM_RPPS);
  }
}

/**
 * A stock file that would close more than this share of what is known is not trusted to close anything; nor
 * one that would close half of it, however small the register (an excerpt, an empty file).
 */
function looksPartial(missing: number, known: number): boolean {
  return (missing > MIN_CLOSED_GUARD && missing > known * MAX_CLOSED_SHARE) || missing * 2 >= known;
}
