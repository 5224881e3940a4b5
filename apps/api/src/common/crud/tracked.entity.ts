import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Columns every editable record carries (DESIGN §3): id, creation and update times, lock version. */
export abstract class TrackedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  // Incremented by the repository's conditional UPDATE, which is what makes locking optimistic.
  @Column({ type: 'integer' })
  version!: number;
}
