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

  /** Many events in one statement (imports write thousands per batch). */
  async insertMany(tx: Tx, events: Omit<AuditEvent, 'id' | 'occurredAt'>[]): Promise<void> {
    if (events.length === 0) return;
    await tx.query(
      `INSERT INTO audit_event (actor, request_id, action, entity_type, entity_id, before, after, reason)
       SELECT actor, request_id, action, entity_type, entity_id, before, after, reason
       FROM jsonb_to_recordset($1::jsonb) AS x(actor text, request_id text, action text, entity_type text,
         entity_id text, before jsonb, after jsonb, reason text)`,
      [
        JSON.stringify(
          events.map((e) => ({
            actor: e.actor,
            request_id: e.requestId,
            action: e.action,
            entity_type: e.entityType,
            entity_id: e.entityId,
            before: e.before,
            after: e.after,
            reason: e.reason,
          })),
        ),
      ],
    );
  }
}
