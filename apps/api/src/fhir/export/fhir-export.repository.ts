import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ResourceType } from '../fhir.constants.js';

export type ExportOutput = { type: ResourceType; file: string; count: number };
export type ExportJob = {
  id: string;
  clientId: string;
  status: 'accepted' | 'in-progress' | 'completed' | 'failed';
  requestUrl: string;
  types: ResourceType[];
  since: Date | null;
  regions: string[];
  accessProfile: number;
  output: ExportOutput[];
  error: string | null;
  transactionTime: Date;
  expiresAt: Date | null;
};

const COLUMNS = `id, client_id AS "clientId", status, request_url AS "requestUrl", types, since, regions,
  access_profile AS "accessProfile", output, error, transaction_time AS "transactionTime", expires_at AS "expiresAt"`;

/** Bulk Data export jobs (table fhir_export_job). */
@Injectable()
export class FhirExportRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(job: Pick<ExportJob, 'clientId' | 'requestUrl' | 'types' | 'since' | 'regions' | 'accessProfile'>) {
    const [row] = await this.dataSource.query(
      `INSERT INTO fhir_export_job (client_id, status, request_url, types, since, regions, access_profile)
       VALUES ($1, 'accepted', $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [job.clientId, job.requestUrl, job.types, job.since, job.regions, job.accessProfile],
    );
    return row as ExportJob;
  }

  async find(id: string): Promise<ExportJob | undefined> {
    const [row] = await this.dataSource.query(`SELECT ${COLUMNS} FROM fhir_export_job WHERE id = $1`, [id]);
    return row;
  }

  async markRunning(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE fhir_export_job SET status = 'in-progress' WHERE id = $1`, [id]);
  }

  async complete(id: string, output: ExportOutput[], retentionMinutes: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE fhir_export_job SET status = 'completed', output = $2, completed_at = now(),
         expires_at = now() + make_interval(mins => $3) WHERE id = $1`,
      [id, JSON.stringify(output), retentionMinutes],
    );
  }

  async fail(id: string, error: string, retentionMinutes: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE fhir_export_job SET status = 'failed', error = $2, completed_at = now(),
         expires_at = now() + make_interval(mins => $3) WHERE id = $1`,
      [id, error, retentionMinutes],
    );
  }

  async delete(id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM fhir_export_job WHERE id = $1`, [id]);
  }

  /** Jobs whose files are due for removal; jobs interrupted by a restart are expired too. */
  async expired(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM fhir_export_job WHERE expires_at < now()
         OR (status IN ('accepted', 'in-progress') AND created_at < now() - interval '1 day')`,
    );
    return rows.map((r) => r.id);
  }
}
