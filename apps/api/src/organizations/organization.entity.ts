import { Column, Entity } from 'typeorm';
import { TrackedEntity } from '../common/crud/tracked.entity.js';
import type { Address, Coding } from '../common/schemas.js';

export type OrganizationKind = 'EJ' | 'EG' | 'OI';

/** Entité juridique, entité géographique or organisation interne (IG §2.3, one FHIR Organization profile). */
@Entity('organization')
export class Organization extends TrackedEntity {
  @Column({ type: 'varchar' }) kind!: OrganizationKind;
  @Column({ type: 'uuid', nullable: true }) parentId!: string | null;
  @Column({ type: 'char', nullable: true }) finess!: string | null;
  @Column({ type: 'char', nullable: true }) siren!: string | null;
  @Column({ type: 'char', nullable: true }) siret!: string | null;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', nullable: true }) operationalName!: string | null;
  @Column({ type: 'jsonb', nullable: true }) legalStatus!: Coding | null;
  @Column({ type: 'jsonb', nullable: true }) category!: Coding | null;
  @Column({ type: 'jsonb', nullable: true }) internalType!: Coding | null;
  @Column({ type: 'jsonb', nullable: true }) address!: Address;
  @Column({ type: 'varchar', nullable: true }) communeCode!: string | null;
  @Column({ type: 'varchar', nullable: true }) departementCode!: string | null;
  @Column({ type: 'varchar', nullable: true }) regionCode!: string | null;
  @Column({ type: 'double precision', nullable: true }) latitude!: number | null;
  @Column({ type: 'double precision', nullable: true }) longitude!: number | null;
  @Column({ type: 'date', nullable: true }) openedOn!: string | null;
  @Column({ type: 'date', nullable: true }) closedOn!: string | null;
  @Column({ type: 'jsonb', nullable: true }) closingType!: Coding | null;
  @Column({ type: 'date', nullable: true }) reopeningExpectedOn!: string | null;
  @Column({ type: 'text', nullable: true }) comment!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) finessUpdatedAt!: Date | null;
  /** Set by the FINESS/RPPS imports (issue 4): the file that last changed the record; read-only in the API. */
  @Column({ type: 'text', nullable: true }) finessSource!: string | null;
  @Column({ type: 'jsonb', nullable: true }) finessData!: Record<string, unknown> | null;
  @Column({ type: 'text', nullable: true }) geocoding!: string | null;
  @Column({ type: 'uuid', nullable: true }) importRunId!: string | null;
  @Column({ type: 'text', nullable: true }) rppsStructureId!: string | null;
}

/** Fields the FINESS and RPPS imports own on the records they created: users see them, never change them. */
export const IMPORT_OWNED_FIELDS = [
  'parentId',
  'finess',
  'siren',
  'siret',
  'name',
  'legalStatus',
  'category',
  'address',
  'communeCode',
  'latitude',
  'longitude',
  'openedOn',
  'closedOn',
  'closingType',
] as const;
