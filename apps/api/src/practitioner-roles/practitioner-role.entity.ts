import { Column, Entity } from 'typeorm';
import { TrackedEntity } from '../common/crud/tracked.entity.js';
import type { Coding } from '../common/schemas.js';

/** Situation d'exercice (IG §2.6, FHIR PractitionerRole): a professional in an offer or a structure. */
@Entity('practitioner_role')
export class PractitionerRole extends TrackedEntity {
  @Column({ type: 'uuid' }) practitionerId!: string;
  @Column({ type: 'uuid', nullable: true }) healthcareServiceId!: string | null;
  @Column({ type: 'uuid', nullable: true }) organizationId!: string | null;
  @Column({ type: 'jsonb' }) profession!: Coding;
  @Column({ type: 'jsonb', nullable: true }) expertiseType!: Coding | null;
  @Column({ type: 'jsonb', nullable: true }) specialty!: Coding | null;
  @Column({ type: 'jsonb', nullable: true }) exerciseMode!: Coding | null;
  @Column({ type: 'jsonb', nullable: true }) exerciseTitle!: Coding | null;
  @Column({ type: 'text', nullable: true }) exerciseLastName!: string | null;
  @Column({ type: 'text', nullable: true }) exerciseFirstName!: string | null;
  @Column({ type: 'jsonb', nullable: true }) conventionSector!: Coding | null;
  @Column({ type: 'text', nullable: true }) phone!: string | null;
  @Column({ type: 'varchar', nullable: true }) regionCode!: string | null;
  /** Set by the RPPS import when a later full file no longer lists the situation (never deleted). */
  @Column({ type: 'date', nullable: true, update: false, insert: false }) closedOn!: string | null;
}
