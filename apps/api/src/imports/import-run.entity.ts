import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ImportFormat, ImportKind } from './sources/detect.js';

export type ImportStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'refused' | 'interrupted';

/** One import of one file: a job stored in PostgreSQL, with its progress and its report. */
@Entity('import_run')
export class ImportRun {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar' }) kind!: ImportKind;
  @Column({ type: 'text', nullable: true }) format!: ImportFormat | null;
  @Column({ type: 'text' }) fileName!: string;
  @Column({ type: 'bigint' }) fileSize!: string;
  @Column({ type: 'varchar' }) status!: ImportStatus;
  @Column({ type: 'boolean' }) dryRun!: boolean;
  @Column({ type: 'integer' }) created!: number;
  @Column({ type: 'integer' }) updated!: number;
  @Column({ type: 'integer' }) closed!: number;
  @Column({ type: 'integer' }) unchanged!: number;
  @Column({ type: 'integer' }) rejected!: number;
  @Column({ type: 'integer' }) linesRead!: number;
  @Column({ type: 'bigint' }) bytesRead!: string;
  @Column({ type: 'text', nullable: true }) message!: string | null;
  @Column({ type: 'text' }) startedBy!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) startedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) heartbeatAt!: Date | null;
}

@Entity('import_rejection')
export class ImportRejection {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'uuid' }) runId!: string;
  @Column({ type: 'integer' }) line!: number;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'text', nullable: true }) content!: string | null;
}
