import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Coding } from '../common/schemas.js';
import type { Tx } from '../database/transaction.js';
import {
  auditedWrite,
  type BulkColumn,
  bulkUpsert,
  type BulkSpec,
  returningStates,
  type WriteCounts,
} from './bulk-upsert.js';

/** The run writing, and its audit actor (`import:<run id>`). */
export type RunRef = { id: string; actor: string };

/** One organization as an import writes it (snake_case: it goes to SQL as a JSON recordset). */
export type OrganizationRow = {
  kind: 'EJ' | 'EG' | 'OI';
  finess: string | null;
  rpps_structure_id: string | null;
  parent_finess: string | null;
  parent_rpps: string | null;
  parent_kind: string | null;
  name: string;
  siren: string | null;
  siret: string | null;
  legal_status: Coding | null;
  category: Coding | null;
  internal_type: Coding | null;
  address: { line: string | null; postalCode: string | null; city: string | null } | null;
  commune_code: string | null;
  departement_code: string | null;
  region_code: string | null;
  latitude: number | null;
  longitude: number | null;
  geocoding: string | null;
  /** Legacy stock files: the file has a `geolocalisation` line for it (the position columns are then written). */
  positioned?: boolean;
  opened_on: string | null;
  closed_on: string | null;
  closing_type: Coding | null;
  finess_updated_at: string | null;
  finess_source: string;
  finess_data: Record<string, unknown> | null;
  import_run_id: string;
};

// FINESS numbers are char(9) columns: read as such so that their unique index serves the joins.
const ORGANIZATION_INPUT: BulkColumn[] = [
  ['kind', 'text'],
  ['finess', 'char(9)'],
  ['rpps_structure_id', 'text'],
  ['parent_finess', 'char(9)'],
  ['parent_rpps', 'text'],
  ['parent_kind', 'text'],
  ['name', 'text'],
  ['siren', 'char(9)'],
  ['siret', 'char(14)'],
  ['legal_status', 'jsonb'],
  ['category', 'jsonb'],
  ['internal_type', 'jsonb'],
  ['address', 'jsonb'],
  ['commune_code', 'text'],
  ['departement_code', 'text'],
  ['region_code', 'text'],
  ['latitude', 'float8'],
  ['longitude', 'float8'],
  ['geocoding', 'text'],
  ['positioned', 'boolean'],
  ['opened_on', 'date'],
  ['closed_on', 'date'],
  ['closing_type', 'jsonb'],
  ['finess_updated_at', 'timestamptz'],
  ['finess_source', 'text'],
  ['finess_data', 'jsonb'],
  ['import_run_id', 'uuid'],
];
const column = (name: string): BulkColumn => ORGANIZATION_INPUT.find(([n]) => n === name)!;
const columns = (...names: string[]) => names.map(column);

const PARENT_JOINS = `
  LEFT JOIN organization pf ON pf.finess = i.parent_finess
  LEFT JOIN organization pr ON pr.kind = i.parent_kind AND pr.rpps_structure_id = i.parent_rpps`;
const STAMPED = columns('finess_source', 'import_run_id');
const FINESS_OWNED = [
  'parent_id',
  'name',
  'siren',
  'siret',
  'legal_status',
  'category',
  'address',
  'commune_code',
  'departement_code',
  'region_code',
  'opened_on',
  'closed_on',
  'closing_type',
  'finess_updated_at',
  'finess_data',
];
const POSITION = ['latitude', 'longitude', 'geocoding'];
/** Legacy structure lines carry no position: a row takes its `geolocalisation` line's, else keeps its own. */
const LEGACY_POSITION = Object.fromEntries(
  POSITION.map((c) => [c, `CASE WHEN i.positioned THEN i.${c} ELSE t.${c} END`]),
);

/** How each source owns organization columns (everything else, e.g. contacts, comment, alias, is the users'). */
export type OrganizationOwner = 'finess-legacy' | 'finess-plus' | 'rpps';

function organizationSpec(owner: OrganizationOwner): BulkSpec {
  const owned = owner === 'rpps' ? null : [...FINESS_OWNED, ...POSITION];
  const base = {
    table: 'organization',
    entityType: 'organizations',
    stamped: STAMPED,
    joins: PARENT_JOINS,
    computed: { parent_id: 'coalesce(pf.id, pr.id)', ...(owner === 'finess-legacy' ? LEGACY_POSITION : {}) },
  };
  if (owned) {
    return {
      ...base,
      key: ['finess'],
      owned: owned.map((n) => (n === 'parent_id' ? ['parent_id', 'uuid'] : column(n))),
      insertOnly: [['kind', 'i.kind']],
    };
  }
  // Ville practices from the RPPS (no FINESS): keyed by the RPPS technical structure id and kind.
  return {
    ...base,
    key: ['kind', 'rpps_structure_id'],
    keyPredicate: 'rpps_structure_id IS NOT NULL',
    owned: [
      ['parent_id', 'uuid'],
      ...columns('name', 'siret', 'category', 'internal_type', 'address', 'commune_code'),
      ...columns('departement_code', 'region_code', 'finess_data'),
    ],
  };
}

/** Practitioners and situations as the RPPS import writes them. */
export type PractitionerRow = {
  rpps_id: string;
  civility: Coding | null;
  last_name: string;
  first_name: string | null;
  import_run_id: string;
};
export type PractitionerRoleRow = {
  practitioner_id: string;
  rpps_key: string;
  finess_site: string | null;
  unit_key: string | null;
  profession: Coding;
  expertise_type: Coding | null;
  specialty: Coding | null;
  exercise_mode: Coding | null;
  exercise_title: Coding | null;
  exercise_last_name: string | null;
  exercise_first_name: string | null;
  phone: string | null;
  region_code: string | null;
  import_run_id: string;
};

const PRACTITIONER: BulkSpec = {
  table: 'practitioner',
  entityType: 'practitioners',
  key: ['rpps_id'],
  owned: [
    ['civility', 'jsonb'],
    ['last_name', 'text'],
    ['first_name', 'text'],
  ],
  stamped: [
    ['import_run_id', 'uuid'],
    ['rpps_updated_at', 'timestamptz'],
  ],
  computed: { rpps_updated_at: 'now()' },
};
const PRACTITIONER_INPUT: BulkColumn[] = [['rpps_id', 'text'], ...PRACTITIONER.owned, ['import_run_id', 'uuid']];

const ROLE_OWNED: BulkColumn[] = [
  ['organization_id', 'uuid'],
  ['profession', 'jsonb'],
  ['expertise_type', 'jsonb'],
  ['specialty', 'jsonb'],
  ['exercise_mode', 'jsonb'],
  ['exercise_title', 'jsonb'],
  ['exercise_last_name', 'text'],
  ['exercise_first_name', 'text'],
  ['phone', 'text'],
  ['region_code', 'text'],
];
const ROLE: BulkSpec = {
  table: 'practitioner_role',
  entityType: 'practitioner-roles',
  key: ['practitioner_id', 'rpps_key'],
  keyPredicate: 'rpps_key IS NOT NULL',
  owned: ROLE_OWNED,
  stamped: [['import_run_id', 'uuid']],
  // The site by its FINESS number, else the practitioner's unit in his ville practice.
  joins: `
    LEFT JOIN organization eg ON eg.finess = i.finess_site
    LEFT JOIN organization unit ON unit.kind = 'OI' AND unit.rpps_structure_id = i.unit_key`,
  computed: { organization_id: 'coalesce(eg.id, unit.id)' },
};
const ROLE_INPUT: BulkColumn[] = [
  ['practitioner_id', 'uuid'],
  ['rpps_key', 'text'],
  ['finess_site', 'char(9)'],
  ['unit_key', 'text'],
  ...ROLE_OWNED.filter(([n]) => n !== 'organization_id'),
  ['import_run_id', 'uuid'],
];

/**
 * The bulk writes of the FINESS and RPPS imports on the tables of the organizations and practitioners
 * modules. Only the columns the imports own are written; set-based SQL, one statement per batch and table.
 */
@Injectable()
export class ImportedRecordsRepository {
  private readonly columns = new Map<string, Promise<string[]>>();

  constructor(private readonly dataSource: DataSource) {}

  /** A table's columns, read once: the audit states list them all (also used by rpps-closures.repository). */
  columnsOf(table: string): Promise<string[]> {
    if (!this.columns.has(table)) {
      this.columns.set(
        table,
        this.dataSource
          .query(
            `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1
             ORDER BY ordinal_position`,
            [table],
          )
          .then((rows: { column_name: string }[]) => rows.map((r) => r.column_name)),
      );
    }
    return this.columns.get(table)!;
  }

  async upsertOrganizations(
    tx: Tx,
    run: RunRef,
    owner: OrganizationOwner,
    rows: OrganizationRow[],
  ): Promise<WriteCounts> {
    return bulkUpsert(tx, organizationSpec(owner), rows, ORGANIZATION_INPUT, run, await this.columnsOf('organization'));
  }

  /** EJs named by EG lines but not (yet) described: created with their number only, never overwritten. */
  async createMissingParents(tx: Tx, run: RunRef, parents: OrganizationRow[]): Promise<WriteCounts> {
    return auditedWrite(
      tx,
      `WITH written AS (
         INSERT INTO organization AS t (kind, finess, name, finess_source, finess_data, import_run_id)
         SELECT i.kind, i.finess, i.name, i.finess_source, i.finess_data, i.import_run_id
         FROM jsonb_to_recordset($1::jsonb) AS i(kind text, finess char(9), name text, finess_source text, finess_data jsonb, import_run_id uuid)
         -- Known parents are skipped by a read (no speculative insertion); the conflict clause covers a race.
         WHERE NOT EXISTS (SELECT 1 FROM organization o WHERE o.finess = i.finess)
         ON CONFLICT (finess) DO NOTHING
         ${returningStates(await this.columnsOf('organization'))})`,
      [JSON.stringify(parents)],
      'organizations',
      run.actor,
      run.id,
    );
  }

  /** Commune of each structure, to tell a swapped coordinate pair by the place it lands. */
  async communesOf(tx: Tx, finess: string[]): Promise<Map<string, string | null>> {
    const rows: { finess: string; commune_code: string | null }[] = await tx.query(
      `SELECT finess, commune_code FROM organization WHERE finess = ANY($1::bpchar[])`,
      [finess],
    );
    return new Map(rows.map((r) => [r.finess, r.commune_code]));
  }

  /** Positions from `geolocalisation` lines (`sameRun`: rows this run had just created or updated). */
  async updatePositions(
    tx: Tx,
    run: RunRef,
    rows: { finess: string; latitude: number | null; longitude: number | null; geocoding: string | null }[],
  ): Promise<WriteCounts> {
    return auditedWrite(
      tx,
      `WITH i AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(finess char(9), latitude float8, longitude float8, geocoding text)),
       written AS (
         UPDATE organization t SET latitude = i.latitude, longitude = i.longitude, geocoding = i.geocoding,
           import_run_id = $2, updated_at = now(), version = t.version + 1
         FROM i WHERE t.finess = i.finess
           AND (t.latitude, t.longitude, t.geocoding) IS DISTINCT FROM (i.latitude, i.longitude, i.geocoding)
         ${returningStates(await this.columnsOf('organization'))})`,
      [JSON.stringify(rows), run.id],
      'organizations',
      run.actor,
      run.id,
    );
  }

  /** Open FINESS structures of a stock file's kinds that the file no longer lists. */
  async countMissing(runId: string, format: string, kinds: string[]): Promise<{ missing: number; known: number }> {
    const [row] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM import_seen_key s WHERE s.run_id = $1 AND s.key = o.finess))::int AS missing,
              count(*)::int AS known
       FROM organization o
       WHERE o.kind = ANY($3) AND o.closed_on IS NULL AND o.finess_data->>'format' = $2`,
      [runId, format, kinds],
    );
    return row;
  }

  /** Closes (never deletes) what a stock file no longer lists. */
  async closeMissing(
    tx: Tx,
    run: RunRef,
    format: string,
    kinds: string[],
    closedOn: string,
    closingType: Coding,
  ): Promise<WriteCounts> {
    return auditedWrite(
      tx,
      `WITH written AS (
         UPDATE organization t SET closed_on = $3, closing_type = $4, import_run_id = $5, updated_at = now(),
           version = t.version + 1
         WHERE t.kind = ANY($2) AND t.closed_on IS NULL AND t.finess_data->>'format' = $1
           AND NOT EXISTS (SELECT 1 FROM import_seen_key s WHERE s.run_id = $5 AND s.key = t.finess)
         ${returningStates(await this.columnsOf('organization'))})`,
      [format, kinds, closedOn, JSON.stringify(closingType), run.id],
      'organizations',
      run.actor,
      run.id,
    );
  }

  async upsertPractitioners(tx: Tx, run: RunRef, rows: PractitionerRow[]): Promise<WriteCounts> {
    return bulkUpsert(tx, PRACTITIONER, rows, PRACTITIONER_INPUT, run, await this.columnsOf('practitioner'));
  }

  async practitionerIds(tx: Tx, rppsIds: string[]): Promise<Map<string, string>> {
    const rows: { id: string; rpps_id: string }[] = await tx.query(
      `SELECT id, rpps_id FROM practitioner WHERE rpps_id = ANY($1)`,
      [rppsIds],
    );
    return new Map(rows.map((r) => [r.rpps_id, r.id]));
  }

  async upsertRoles(tx: Tx, run: RunRef, rows: PractitionerRoleRow[]): Promise<WriteCounts> {
    return bulkUpsert(tx, ROLE, rows, ROLE_INPUT, run, await this.columnsOf('practitioner_role'));
  }

  /**
   * Serialises the batches of concurrent runs of one kind (no deadlock between their upserts). The batch's
   * statements keep a few MB of rows in their CTEs: enough work memory that they stay off temporary files.
   */
  async lockKind(tx: Tx, kind: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('import:' || $1)), set_config('work_mem', '64MB', true)`, [
      kind,
    ]);
  }
}
