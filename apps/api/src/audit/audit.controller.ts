import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { respondWithList } from '../common/list-query.js';
import type { AuditEvent } from './audit-event.entity.js';
import { AuditService } from './audit.service.js';

/** Read-only: the history of every record. There is deliberately no write route. */
@ApiTags('audit-events')
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<AuditEvent[]> {
    return respondWithList('audit-events', query, res, (q) => this.audit.list(q));
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<AuditEvent> {
    return this.audit.get(id);
  }
}
