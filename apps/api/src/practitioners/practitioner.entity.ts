import { Column, Entity } from 'typeorm';
import { TrackedEntity } from '../common/crud/tracked.entity.js';
import type { Coding } from '../common/schemas.js';

/** Professionnel (IG §2.6, FHIR Practitioner), identified by its idNat_PS. */
@Entity('practitioner')
export class Practitioner extends TrackedEntity {
  @Column({ type: 'varchar' }) rppsId!: string;
  @Column({ type: 'jsonb', nullable: true }) civility!: Coding | null;
  @Column({ type: 'text' }) lastName!: string;
  @Column({ type: 'text', nullable: true }) firstName!: string | null;
  @Column({ type: 'text', nullable: true }) mssMailbox!: string | null;
}
