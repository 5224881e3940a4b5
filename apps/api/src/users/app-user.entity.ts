import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A person known through Pro Santé Connect, keyed on SubjectNameID (reference/psc-oidc.md §4). */
@Entity('app_user')
export class AppUser {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar' }) subjectNameId!: string;
  /** Keycloak-internal, kept for support only: never a key (psc-oidc.md §1.6). */
  @Column({ type: 'text', nullable: true }) pscSub!: string | null;
  @Column({ type: 'text', nullable: true }) givenName!: string | null;
  @Column({ type: 'text', nullable: true }) familyName!: string | null;
  /** The latest userinfo received at login. */
  @Column({ type: 'jsonb', nullable: true }) pscClaims!: unknown;
  @Column({ type: 'timestamptz', nullable: true }) lastLoginAt!: Date | null;
  @Column({ type: 'text', nullable: true }) lastAcr!: string | null;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz' }) updatedAt!: Date;
}
