import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A person asking for editor rights on a structure they declare working in (DESIGN §2). */
@Entity('access_request')
export class AccessRequest {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) userId!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'varchar' }) role!: 'structure-editor';
  @Column({ type: 'text', nullable: true }) message!: string | null;
  @Column({ type: 'varchar' }) status!: 'pending' | 'granted' | 'refused';
  @Column({ type: 'text', nullable: true }) decidedBy!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) decisionComment!: string | null;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
}
