import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { filters, isUuid, ReadRepository } from '../common/crud/crud.repository.js';
import type { Tx } from '../database/transaction.js';
import { ApiClient } from './api-client.entity.js';

export type NewApiClient = Pick<
  ApiClient,
  'name' | 'accessProfile' | 'regionCodes' | 'capacityWriteOrganizationIds' | 'keyPrefix' | 'keyHash' | 'createdBy'
>;

@Injectable()
export class ApiClientsRepository extends ReadRepository<ApiClient> {
  constructor(dataSource: DataSource) {
    super(dataSource, ApiClient, {
      alias: 'client',
      isId: isUuid,
      filters: { q: filters.text('name'), status: filters.equals('status') },
      sortable: { name: 'name', createdAt: 'created_at', lastUsedAt: 'last_used_at', accessProfile: 'access_profile' },
      defaultSort: { column: 'name', order: 'ASC' },
    });
  }

  async insert(tx: Tx, client: NewApiClient): Promise<ApiClient> {
    const result = await tx.createQueryBuilder().insert().into(ApiClient).values(client).returning('id').execute();
    return (await tx.findOneByOrFail(ApiClient, { id: (result.identifiers[0] as { id: string }).id }))!;
  }

  async replaceKey(tx: Tx, id: string, keyPrefix: string, keyHash: string): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(ApiClient)
      .set({ keyPrefix, keyHash, rotatedAt: () => 'now()', version: () => 'version + 1' })
      .where('id = :id AND status = :active', { id, active: 'active' })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async revoke(tx: Tx, id: string): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(ApiClient)
      .set({ status: 'revoked', revokedAt: () => 'now()', version: () => 'version + 1' })
      .where('id = :id AND status = :active', { id, active: 'active' })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  findActiveByKeyHash(keyHash: string): Promise<ApiClient | null> {
    return this.dataSource.manager.findOneBy(ApiClient, { keyHash, status: 'active' });
  }

  /** Written at most once a minute per client, so that reading at full speed does not turn into writing. */
  async touch(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE api_client SET last_used_at = now()
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }
}
