import { Column, Entity } from 'typeorm';
import { TrackedEntity } from '../common/crud/tracked.entity.js';
import type { Coding } from '../common/schemas.js';

export type EquipmentLimit = { feature: Coding; value: number; unit: string };

/** Équipement spécifique of a place, with its limit values (IG §2.5 ror-location-equipment). */
@Entity('equipment')
export class Equipment extends TrackedEntity {
  @Column({ type: 'uuid' }) locationId!: string;
  @Column({ type: 'jsonb' }) equipmentType!: Coding;
  @Column({ type: 'integer', nullable: true }) countInService!: number | null;
  @Column({ type: 'jsonb' }) limits!: EquipmentLimit[];
  @Column({ type: 'varchar', nullable: true }) regionCode!: string | null;
}
