import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { filters, isUuid, ReadRepository } from '../common/crud/crud.repository.js';
import type { Tx } from '../database/transaction.js';
import { ImportRejection, ImportRun } from './import-run.entity.js';
import type { RawPosition } from './sources/structure-record.js';

export type RunCounts = { created: number; updated: number; closed: number; unchanged: number; rejected: number };
export type Rejection = { line: number; reason: string; content?: string | null };

/** Import runs and their rejected lines: the job table the CLI, the API and the admin app share. */
@Injectable()
export class ImportRunsRepository extends ReadRepository<ImportRun> {
  constructor(dataSource: DataSource) {
    super(dataSource, ImportRun, {
      alias: 'run',
      isId: isUuid,
      filters: { kind: filters.equals('kind'), status: filters.equals('status') },
      sortable: { createdAt: 'created_at', status: 'status', kind: 'kind', fileName: 'file_name' },
      defaultSort: { column: 'created_at', order: 'DESC' },
    });
  }

  async create(run: Pick<ImportRun, 'kind' | 'fileName' | 'fileSize' | 'dryRun' | 'startedBy'>): Promise<ImportRun> {
    const [row] = await this.dataSource.query(
      `INSERT INTO import_run (kind, file_name, file_size, dry_run, started_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [run.kind, run.fileName, run.fileSize, run.dryRun, run.startedBy],
    );
    return (await this.findById(row.id))!;
  }

  async start(id: string, format: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE import_run SET status = 'running', format = $2, started_at = now(), heartbeat_at = now() WHERE id = $1`,
      [id, format],
    );
  }

  /** Adds a batch's counts and progress; in the batch's own transaction for real runs. */
  async progress(tx: Tx | undefined, id: string, counts: RunCounts, linesRead: number, bytesRead: number) {
    await (tx ?? this.dataSource.manager).query(
      `UPDATE import_run SET created = created + $2, updated = updated + $3, closed = closed + $4,
         unchanged = unchanged + $5, rejected = rejected + $6, lines_read = $7, bytes_read = $8, heartbeat_at = now()
       WHERE id = $1`,
      [id, counts.created, counts.updated, counts.closed, counts.unchanged, counts.rejected, linesRead, bytesRead],
    );
  }

  async addRejections(tx: Tx | undefined, runId: string, rejections: Rejection[]): Promise<void> {
    if (rejections.length === 0) return;
    await (tx ?? this.dataSource.manager).query(
      `INSERT INTO import_rejection (run_id, line, reason, content)
       SELECT $1, line, reason, content FROM unnest($2::int[], $3::text[], $4::text[]) AS x(line, reason, content)`,
      [
        runId,
        rejections.map((r) => r.line),
        rejections.map((r) => r.reason),
        rejections.map((r) => r.content?.slice(0, 1000) ?? null),
      ],
    );
  }

  async finish(id: string, status: ImportRun['status'], message: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE import_run SET status = $2, message = $3, finished_at = now(), heartbeat_at = now() WHERE id = $1`,
      [id, status, message],
    );
    await this.dropScratch([id]);
  }

  /** Scratch data of runs (seen keys, staged positions): unlogged tables, kept only while a run lasts. */
  private async dropScratch(ids: string[]): Promise<void> {
    for (const table of ['import_seen_key', 'import_position']) {
      await this.dataSource.query(`DELETE FROM ${table} WHERE run_id = ANY($1::uuid[])`, [ids]);
    }
  }

  /** Runs whose process died (no heartbeat for a while) are marked interrupted, so a rerun is the way on. */
  async markStaleInterrupted(staleAfterSeconds: number): Promise<void> {
    const stale: { id: string }[] = await this.dataSource.query(
      `UPDATE import_run SET status = 'interrupted', finished_at = now(),
         message = 'Import interrompu (processus arrêté) : relancez-le, il reprend là où les lots validés s’arrêtent'
       WHERE status IN ('queued', 'running') AND coalesce(heartbeat_at, created_at) < now() - make_interval(secs => $1)
       RETURNING id`,
      [staleAfterSeconds],
    );
    if (stale.length) await this.dropScratch(stale.map((s) => s.id));
  }

  /** Remembers the keys a stock file lists (scratch table, outside the batch transactions). */
  async markSeen(runId: string, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO import_seen_key (run_id, key) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
      [runId, keys],
    );
  }

  /** Stages the positions of a legacy stock file (first pass): a later line of a structure replaces an earlier one. */
  async stagePositions(runId: string, positions: Map<string, RawPosition>): Promise<void> {
    if (positions.size === 0) return;
    await this.dataSource.query(
      `INSERT INTO import_position (run_id, finess, position)
       SELECT $1, f, p FROM unnest($2::bpchar[], $3::jsonb[]) AS u(f, p)
       ON CONFLICT (run_id, finess) DO UPDATE SET position = excluded.position`,
      [runId, [...positions.keys()], [...positions.values()].map((p) => JSON.stringify(p))],
    );
  }

  /** The staged positions of these structures. */
  async stagedPositions(runId: string, finess: string[]): Promise<Map<string, RawPosition>> {
    const rows: { finess: string; position: RawPosition }[] = await this.dataSource.query(
      `SELECT finess, position FROM import_position WHERE run_id = $1 AND finess = ANY($2::bpchar[])`,
      [runId, finess],
    );
    return new Map(rows.map((r) => [r.finess, r.position]));
  }

  /**
   * Staged positions of structures the file does not describe (or rejected): they update known structures,
   * as before. Read by pages of `limit`, after `after` (a FINESS number).
   */
  async leftoverPositions(
    runId: string,
    after: string,
    limit: number,
  ): Promise<{ finess: string; position: RawPosition }[]> {
    return this.dataSource.query(
      `SELECT finess, position FROM import_position p
       WHERE run_id = $1 AND finess > $2::bpchar
         AND NOT EXISTS (SELECT 1 FROM import_seen_key s WHERE s.run_id = $1 AND s.key = p.finess)
       ORDER BY finess LIMIT $3`,
      [runId, after, limit],
    );
  }
}

@Injectable()
export class ImportRejectionsRepository extends ReadRepository<ImportRejection> {
  constructor(dataSource: DataSource) {
    super(dataSource, ImportRejection, {
      alias: 'rej',
      isId: (id) => /^[0-9]{1,18}$/.test(id),
      filters: { runId: filters.uuid('run_id') },
      sortable: { line: 'line', id: 'id' },
      defaultSort: { column: 'line', order: 'ASC' },
    });
  }
}
