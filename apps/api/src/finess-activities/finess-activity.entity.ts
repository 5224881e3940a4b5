import { Column, Entity } from 'typeorm';
import { TrackedEntity } from '../common/crud/tracked.entity.js';

/**
 * A FINESS authorisation (on an EJ) or exercised activity / equipment line (on an EG), with its FINESS
 * capacities: FINESS-owned, written by the imports only, read-only here (ror-business.md §2).
 */
@Entity('finess_activity')
export class FinessActivity extends TrackedEntity {
  @Column({ type: 'text' }) sourceKey!: string;
  @Column({ type: 'varchar' }) origin!: string;
  @Column({ type: 'varchar' }) scope!: 'EJ' | 'EG';
  @Column({ type: 'char' }) finess!: string;
  @Column({ type: 'char', nullable: true }) ejFiness!: string | null;
  @Column({ type: 'text', nullable: true }) authorizationKey!: string | null;
  @Column({ type: 'varchar' }) nature!: string;
  @Column({ type: 'text' }) activityCode!: string;
  @Column({ type: 'jsonb' }) codes!: Record<string, string>;
  @Column({ type: 'jsonb', nullable: true }) labels!: Record<string, string> | null;
  /** 1 active and implemented, 2 active not yet implemented, 3 inactive (ANS rule, finess.md §8.2). */
  @Column({ type: 'smallint' }) status!: number;
  @Column({ type: 'text', nullable: true }) arhgosNumber!: string | null;
  @Column({ type: 'date', nullable: true }) startsOn!: string | null;
  @Column({ type: 'date', nullable: true }) endsOn!: string | null;
  @Column({ type: 'date', nullable: true }) closedOn!: string | null;
  @Column({ type: 'integer', nullable: true }) authorisedCapacity!: number | null;
  @Column({ type: 'integer', nullable: true }) installedCapacity!: number | null;
  @Column({ type: 'timestamptz', nullable: true }) finessUpdatedAt!: Date | null;
  @Column({ type: 'text' }) finessSource!: string;
}
