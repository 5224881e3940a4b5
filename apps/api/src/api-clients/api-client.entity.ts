import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A machine caller of the API (DESIGN §2, reference/psc-oidc.md §5): only the hash of its key is kept. */
@Entity('api_client')
export class ApiClient {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'smallint' }) accessProfile!: number;
  @Column({ type: 'varchar', array: true }) regionCodes!: string[];
  @Column({ type: 'uuid', array: true }) capacityWriteOrganizationIds!: string[];
  @Column({ type: 'varchar' }) keyPrefix!: string;
  @Column({ type: 'char', select: false }) keyHash!: string;
  @Column({ type: 'varchar' }) status!: 'active' | 'revoked';
  @Column({ type: 'text' }) createdBy!: string;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) rotatedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) lastUsedAt!: Date | null;
  @Column({ type: 'integer' }) version!: number;
}
