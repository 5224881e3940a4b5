import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { contentRange, parseListQuery } from '../common/list-query.js';
import type { AuditEvent } from './audit-event.entity.js';
import { AuditService } from './audit.service.js';

/** Read-only: the history of every record. There is deliberately no write route. */
@ApiTags('audit-events')
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  async list(
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuditEvent[]> {
    const listQuery = parseListQuery(query);
    const { rows, total } = await this.audit.list(listQuery);
    res.setHeader('Content-Range', contentRange('audit-events', listQuery, rows.length, total));
    return rows;
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<AuditEvent> {
    return this.audit.get(id);
  }
}
