import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { filters, ReadRepository } from '../common/crud/crud.repository.js';
import type { Tx } from '../database/transaction.js';
import { AuditEvent } from './audit-event.entity.js';

@Injectable()
export class AuditRepository extends ReadRepository<AuditEvent> {
  constructor(dataSource: DataSource) {
    super(dataSource, AuditEvent, {
      alias: 'audit',
      isId: (id) => /^[0-9]{1,18}$/.test(id),
      filters: {
        entityType: filters.equals('entity_type'),
        entityId: filters.equals('entity_id'),
        actor: filters.equals('actor'),
        action: filters.equals('action'),
      },
      sortable: { id: 'id', occurredAt: 'occurred_at', actor: 'actor', entityType: 'entity_type', action: 'action' },
      defaultSort: { column: 'id', order: 'DESC' },
    });
  }

  // The table only ever grows: there is no update or delete here, and the database refuses them anyway.
  async insert(tx: Tx, event: Omit<AuditEvent, 'id' | 'occurredAt'>): Promise<void> {
    await tx
      .createQueryBuilder()
      .insert()
      .into(AuditEvent)
      .values(event as never)
      .execute();
  }
}
