import { Column, Entity } from 'typeorm';
import { TrackedEntity } from '../common/crud/tracked.entity.js';
import type { Coding } from '../common/schemas.js';

export type OpeningHours = { days: string[]; from: string; to: string };

/** Offre opérationnelle (IG §2.4, FHIR HealthcareService). */
@Entity('healthcare_service')
export class HealthcareService extends TrackedEntity {
  @Column({ type: 'varchar' }) identifier!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'jsonb' }) activityField!: Coding;
  @Column({ type: 'jsonb', nullable: true }) offerType!: Coding | null;
  @Column({ type: 'jsonb' }) operationalActivities!: Coding[];
  @Column({ type: 'jsonb', nullable: true }) operationalActivityFamily!: Coding | null;
  @Column({ type: 'jsonb' }) careMode!: Coding;
  @Column({ type: 'jsonb', nullable: true }) receptionType!: Coding | null;
  @Column({ type: 'jsonb' }) receptionModalities!: Coding[];
  @Column({ type: 'jsonb' }) managementTypes!: Coding[];
  @Column({ type: 'jsonb' }) specificActs!: Coding[];
  @Column({ type: 'jsonb' }) outsideOfficeActs!: Coding[];
  @Column({ type: 'jsonb' }) takingCareSpecialities!: Coding[];
  @Column({ type: 'jsonb', nullable: true }) annualOpening!: Coding | null;
  @Column({ type: 'jsonb' }) resourceProfessions!: Coding[];
  @Column({ type: 'jsonb' }) specificCompetences!: Coding[];
  @Column({ type: 'jsonb' }) expertiseLevels!: Coding[];
  @Column({ type: 'jsonb' }) equipment!: Coding[];
  @Column({ type: 'jsonb' }) patientTypes!: Coding[];
  @Column({ type: 'integer', nullable: true }) ageMin!: number | null;
  @Column({ type: 'integer', nullable: true }) ageMax!: number | null;
  @Column({ type: 'text', array: true }) interventionCommunes!: string[];
  @Column({ type: 'jsonb' }) openingHours!: OpeningHours[];
  @Column({ type: 'boolean' }) sensitiveUnit!: boolean;
  @Column({ type: 'boolean' }) noConsentHabilitation!: boolean;
  @Column({ type: 'text', array: true }) psychiatricSectors!: string[];
  @Column({ type: 'jsonb', nullable: true }) closingType!: Coding | null;
  @Column({ type: 'date', nullable: true }) closedOn!: string | null;
  @Column({ type: 'date', nullable: true }) reopeningExpectedOn!: string | null;
  @Column({ type: 'text', nullable: true }) comment!: string | null;
  @Column({ type: 'varchar', nullable: true }) departementCode!: string | null;
  @Column({ type: 'varchar', nullable: true }) regionCode!: string | null;
}
