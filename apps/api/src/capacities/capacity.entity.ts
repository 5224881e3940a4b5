import { Column, Entity } from 'typeorm';
import { TrackedEntity } from '../common/crud/tracked.entity.js';
import type { Coding } from '../common/schemas.js';

/**
 * One capacity indicator of a place (IG §1 fact 2, ror-location-supported-capacity): a unique combination
 * of dimensions with its count, source and observation time. The database keeps every update in
 * capacity_history.
 */
@Entity('capacity')
export class Capacity extends TrackedEntity {
  @Column({ type: 'uuid' }) locationId!: string;
  @Column({ type: 'jsonb' }) nature!: Coding;
  @Column({ type: 'jsonb' }) status!: Coding;
  @Column({ type: 'jsonb' }) temporality!: Coding;
  @Column({ type: 'jsonb' }) temporaryAssignment!: Coding;
  @Column({ type: 'jsonb', nullable: true }) gender!: Coding | null;
  @Column({ type: 'jsonb', nullable: true }) closingType!: Coding | null;
  @Column({ type: 'jsonb', nullable: true }) additionalBedType!: Coding | null;
  @Column({ type: 'jsonb', nullable: true }) crisisType!: Coding | null;
  @Column({ type: 'integer' }) count!: number;
  @Column({ type: 'jsonb' }) source!: Coding;
  @Column({ type: 'timestamptz' }) observedAt!: Date;
  @Column({ type: 'text', nullable: true }) comment!: string | null;
  @Column({ type: 'varchar', nullable: true }) regionCode!: string | null;
}
