import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AssignedRole } from '../auth/principal.js';

/** A right granted by a person (or the configuration) to a user, on a structure or on regions. */
@Entity('role_assignment')
export class RoleAssignment {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) userId!: string;
  @Column({ type: 'varchar' }) role!: AssignedRole;
  @Column({ type: 'uuid', nullable: true }) organizationId!: string | null;
  @Column({ type: 'varchar', array: true, nullable: true }) regionCodes!: string[] | null;
  @Column({ type: 'text' }) grantedBy!: string;
  @Column({ type: 'timestamptz' }) grantedAt!: Date;
  @Column({ type: 'timestamptz' }) validFrom!: Date;
  @Column({ type: 'timestamptz', nullable: true }) validUntil!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) revokedBy!: string | null;
}
