import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One loaded version of a NOS table (a JDV value set or a TRE code system). Every version is kept. */
@Entity('nomenclature_version')
export class NomenclatureVersion {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar' })
  kind!: 'ValueSet' | 'CodeSystem';

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  url!: string;

  @Column({ type: 'text', nullable: true })
  oid!: string | null;

  @Column({ type: 'text', nullable: true })
  version!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'text', nullable: true })
  title!: string | null;

  @Column({ type: 'char' })
  contentHash!: string;

  @Column({ type: 'boolean' })
  isCurrent!: boolean;

  @Column({ type: 'text' })
  sourceFile!: string;

  @Column({ type: 'timestamptz' })
  loadedAt!: Date;
}
