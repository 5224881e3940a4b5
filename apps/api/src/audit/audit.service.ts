import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors.js';
import type { ListQuery, ListResult } from '../common/list-query.js';
import { requestContext } from '../common/request-context.js';
import type { Tx } from '../database/transaction.js';
import type { AuditEvent } from './audit-event.entity.js';
import { AuditRepository } from './audit.repository.js';

export type AuditEntry = {
  action: AuditEvent['action'];
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  reason?: string;
  /** Defaults to the authenticated caller of the current request; imports and the seed name themselves. */
  actor?: string;
};

@Injectable()
export class AuditService {
  constructor(private readonly repository: AuditRepository) {}

  /** Must be called with the transaction of the change it describes, so both commit or neither does. */
  async record(tx: Tx, entry: AuditEntry): Promise<void> {
    const context = requestContext.current();
    await this.repository.insert(tx, {
      actor: entry.actor ?? context?.actor ?? 'system',
      requestId: context?.requestId ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: entry.before ?? null,
      after: entry.after ?? null,
      reason: entry.reason ?? null,
    });
  }

  list(query: ListQuery): Promise<ListResult<AuditEvent>> {
    return this.repository.list(query);
  }

  async get(id: string): Promise<AuditEvent> {
    const event = await this.repository.findById(id);
    if (!event) throw new NotFoundError('audit-events', id);
    return event;
  }
}
