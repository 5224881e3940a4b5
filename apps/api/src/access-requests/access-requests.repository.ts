import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { filters, isUuid, ReadRepository } from '../common/crud/crud.repository.js';
import type { Tx } from '../database/transaction.js';
import { AccessRequest } from './access-request.entity.js';

/** Whose requests a caller sees: their own, and those they may decide. */
export type Visibility = {
  userId: string;
  admin: boolean;
  regionCodes: string[];
  referentOrganizationIds: string[];
  only?: 'mine' | 'to-decide';
};

@Injectable()
export class AccessRequestsRepository extends ReadRepository<AccessRequest> {
  constructor(dataSource: DataSource) {
    super(dataSource, AccessRequest, {
      alias: 'ar',
      isId: isUuid,
      filters: {
        status: filters.equals('status'),
        organizationId: filters.uuid('organization_id'),
        visibleTo: (qb, value, a, p) => {
          const v = value as Visibility;
          // Decidable: admins all; ARS reviewers their regions; referents the structures below theirs.
          const decidable = `(${a}.user_id <> :${p}u AND (:${p}admin OR EXISTS (
              SELECT 1 FROM organization o WHERE o.id = ${a}.organization_id AND o.region_code = ANY(:${p}regions))
            OR ${a}.organization_id IN (
              WITH RECURSIVE below AS (
                SELECT id FROM organization WHERE id = ANY(CAST(:${p}refs AS uuid[]))
                UNION ALL SELECT o.id FROM organization o JOIN below ON o.parent_id = below.id)
              SELECT id FROM below)))`;
          const mine = `${a}.user_id = :${p}u`;
          const where = v.only === 'mine' ? mine : v.only === 'to-decide' ? decidable : `(${mine} OR ${decidable})`;
          qb.andWhere(where, {
            [`${p}u`]: v.userId,
            [`${p}admin`]: v.admin,
            [`${p}regions`]: v.regionCodes,
            [`${p}refs`]: v.referentOrganizationIds,
          });
        },
      },
      sortable: { createdAt: 'created_at', status: 'status', decidedAt: 'decided_at' },
      defaultSort: { column: 'created_at', order: 'DESC' },
    });
  }

  async insert(tx: Tx, request: Pick<AccessRequest, 'userId' | 'organizationId' | 'message'>): Promise<AccessRequest> {
    const result = await tx.createQueryBuilder().insert().into(AccessRequest).values(request).returning('id').execute();
    return (await this.findById((result.identifiers[0] as { id: string }).id, tx))!;
  }

  /** Locks the request while it is decided, so two reviewers cannot both decide it. */
  lockPending(tx: Tx, id: string): Promise<AccessRequest | null> {
    return tx
      .createQueryBuilder(AccessRequest, 'ar')
      .setLock('pessimistic_write')
      .where('ar.id = :id AND ar.status = :pending', { id, pending: 'pending' })
      .getOne();
  }

  async decide(
    tx: Tx,
    id: string,
    decision: Pick<AccessRequest, 'status' | 'decidedBy' | 'decisionComment'>,
  ): Promise<AccessRequest> {
    await tx
      .createQueryBuilder()
      .update(AccessRequest)
      .set({ ...decision, decidedAt: () => 'now()' })
      .where('id = :id', { id })
      .execute();
    return (await this.findById(id, tx))!;
  }

  async hasPending(userId: string, organizationId: string): Promise<boolean> {
    return (await this.dataSource.manager.countBy(AccessRequest, { userId, organizationId, status: 'pending' })) > 0;
  }
}
