import { Column, Entity } from 'typeorm';
import { TrackedEntity } from '../common/crud/tracked.entity.js';
import type { Address, Coding } from '../common/schemas.js';

/** Lieu de réalisation de l'offre (IG §2.5, FHIR Location). Capacities and equipment hang under it. */
@Entity('location')
export class Location extends TrackedEntity {
  @Column({ type: 'varchar', insert: false, update: false }) identifier!: string;
  @Column({ type: 'text', nullable: true }) externalSyncId!: string | null;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ type: 'jsonb', nullable: true }) function!: Coding | null;
  @Column({ type: 'jsonb' }) status!: Coding;
  @Column({ type: 'jsonb', nullable: true }) address!: Address;
  @Column({ type: 'varchar' }) communeCode!: string;
  @Column({ type: 'varchar', nullable: true }) departementCode!: string | null;
  @Column({ type: 'varchar', nullable: true }) regionCode!: string | null;
  @Column({ type: 'double precision', nullable: true }) latitude!: number | null;
  @Column({ type: 'double precision', nullable: true }) longitude!: number | null;
  @Column({ type: 'text', nullable: true }) comment!: string | null;
  @Column({ type: 'uuid' }) organizationId!: string;
}
