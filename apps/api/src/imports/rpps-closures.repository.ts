import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Coding } from '../common/schemas.js';
import type { Tx } from '../database/transaction.js';
import { auditedWrite, returningStates, type WriteCounts } from './bulk-upsert.js';
import { ImportedRecordsRepository, type RunRef } from './imported-records.repository.js';

/** A situation's key in `import_seen_key`: the RPPS national id and the situation's RPPS key. */
export const situationKey = (rppsId: string, rppsKey: string) => `${rppsId} ${rppsKey}`;
/** A ville practice's key among the closed ones: its level and RPPS structure id. */
export const practiceKey = (kind: string, rppsStructureId: string) => `${kind} ${rppsStructureId}`;
/** Stands for every situation of a professional whose line was rejected: kept open, not taken as gone. */
export const ANY_SITUATION = '*';

// Two plain equalities, not one IN list: each stays a hash anti-join over the run's keys (an IN list made
// PostgreSQL probe the keys row by row, a minute for 12,000 situations).
const GONE = `NOT EXISTS (SELECT 1 FROM import_seen_key s WHERE s.run_id = $1 AND s.key = p.rpps_id || ' ' || t.rpps_key)
  AND NOT EXISTS (SELECT 1 FROM import_seen_key s WHERE s.run_id = $1 AND s.key = p.rpps_id || ' ${ANY_SITUATION}')`;

/**
 * Closing what a full RPPS file no longer lists (never deleting it): the situations the import created
 * (`rpps_key` set; situations users made have none) and the ville practices left without any open
 * situation; and reopening them when a later file lists them again.
 */
@Injectable()
export class RppsClosuresRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly records: ImportedRecordsRepository,
  ) {}

  private columnsOf(table: string): Promise<string[]> {
    return this.records.columnsOf(table);
  }

  /**
   * What earlier files closed (few: a file may close at most 5 % of them): the situations by `situationKey` and the
   * practices by `practiceKey`, read once a run so that its batches only reopen what they list again.
   */
  async closedKeys(closingType: Coding): Promise<{ situations: Set<string>; practices: Set<string> }> {
    const situations: { key: string }[] = await this.dataSource.query(
      `SELECT p.rpps_id || ' ' || t.rpps_key AS key FROM practitioner_role t JOIN practitioner p ON p.id = t.practitioner_id
       WHERE t.closed_on IS NOT NULL AND t.rpps_key IS NOT NULL`,
    );
    const practices: { key: string }[] = await this.dataSource.query(
      `SELECT kind || ' ' || rpps_structure_id AS key FROM organization
       WHERE rpps_structure_id IS NOT NULL AND closed_on IS NOT NULL AND closing_type = $1::jsonb`,
      [JSON.stringify(closingType)],
    );
    return { situations: new Set(situations.map((r) => r.key)), practices: new Set(practices.map((r) => r.key)) };
  }

  /** Open imported situations, and those of them this run has not seen. */
  async countGone(runId: string): Promise<{ missing: number; known: number }> {
    const [row] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE ${GONE})::int AS missing, count(*)::int AS known
       FROM practitioner_role t JOIN practitioner p ON p.id = t.practitioner_id
       WHERE t.rpps_key IS NOT NULL AND t.closed_on IS NULL`,
      [runId],
    );
    return row;
  }

  async closeGoneSituations(tx: Tx, run: RunRef, closedOn: string): Promise<WriteCounts> {
    return auditedWrite(
      tx,
      `WITH written AS (
         UPDATE practitioner_role t SET closed_on = $2, import_run_id = $1, updated_at = now(), version = t.version + 1
         FROM practitioner p
         WHERE p.id = t.practitioner_id AND t.rpps_key IS NOT NULL AND t.closed_on IS NULL AND ${GONE}
         ${returningStates(await this.columnsOf('practitioner_role'))})`,
      [run.id, closedOn],
      'practitioner-roles',
      run.actor,
      run.id,
    );
  }

  /**
   * Ville practices the RPPS import created (`rpps_structure_id` set) left with nothing open: units (OI)
   * without an open situation, then sites (EG) without an open unit or situation, then their EJ.
   */
  async closeEmptyPractices(tx: Tx, run: RunRef, closedOn: string, closingType: Coding): Promise<WriteCounts> {
    const total: WriteCounts = { created: 0, closed: 0, written: 0, sameRun: 0 };
    for (const kind of ['OI', 'EG', 'EJ']) {
      const w = await auditedWrite(
        tx,
        `WITH written AS (
           UPDATE organization t SET closed_on = $3, closing_type = $4, import_run_id = $1, updated_at = now(),
             version = t.version + 1
           WHERE t.kind = $2 AND t.rpps_structure_id IS NOT NULL AND t.closed_on IS NULL
             AND NOT EXISTS (SELECT 1 FROM practitioner_role r WHERE r.organization_id = t.id AND r.closed_on IS NULL)
             AND NOT EXISTS (SELECT 1 FROM organization c WHERE c.parent_id = t.id AND c.closed_on IS NULL)
           ${returningStates(await this.columnsOf('organization'))})`,
        [run.id, kind, closedOn, JSON.stringify(closingType)],
        'organizations',
        run.actor,
        run.id,
      );
      for (const k of ['created', 'closed', 'written', 'sameRun'] as const) total[k] += w[k];
    }
    return total;
  }

  /** Situations of this batch closed by an earlier file, and their practices closed for it: open again. */
  async reopen(
    tx: Tx,
    run: RunRef,
    situations: { rppsId: string; rppsKey: string }[],
    practices: { kind: string; rppsStructureId: string }[],
    closingType: Coding,
  ): Promise<WriteCounts> {
    const roles = await auditedWrite(
      tx,
      `WITH written AS (
         UPDATE practitioner_role t SET closed_on = NULL, import_run_id = $1, updated_at = now(), version = t.version + 1
         FROM practitioner p JOIN unnest($2::text[], $3::text[]) AS k(rpps_id, rpps_key) ON p.rpps_id = k.rpps_id
         WHERE t.practitioner_id = p.id AND t.rpps_key = k.rpps_key AND t.closed_on IS NOT NULL
         ${returningStates(await this.columnsOf('practitioner_role'))})`,
      [run.id, situations.map((s) => s.rppsId), situations.map((s) => s.rppsKey)],
      'practitioner-roles',
      run.actor,
      run.id,
    );
    // Only closures this import made (its closing type); a practice a user closed stays closed.
    const organizations = await auditedWrite(
      tx,
      `WITH written AS (
         UPDATE organization t SET closed_on = NULL, closing_type = NULL, import_run_id = $1, updated_at = now(),
           version = t.version + 1
         FROM unnest($2::text[], $3::text[]) AS k(kind, id)
         WHERE t.kind = k.kind AND t.rpps_structure_id = k.id AND t.closed_on IS NOT NULL AND t.closing_type = $4::jsonb
         ${returningStates(await this.columnsOf('organization'))})`,
      [run.id, practices.map((p) => p.kind), practices.map((p) => p.rppsStructureId), JSON.stringify(closingType)],
      'organizations',
      run.actor,
      run.id,
    );
    return {
      created: 0,
      closed: 0,
      written: roles.written + organizations.written,
      sameRun: roles.sameRun + organizations.sameRun,
    };
  }
}
