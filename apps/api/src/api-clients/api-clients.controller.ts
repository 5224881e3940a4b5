import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../access/access.decorator.js';
import { respondWithList } from '../common/list-query.js';
import type { ApiClient } from './api-client.entity.js';
import { type ApiClientWithKey, ApiClientsService } from './api-clients.service.js';

/** Machine clients are managed by national admins only (DESIGN §2). */
@ApiTags('api-clients')
@Controller('api-clients')
@Access({ read: ['national-admin'], write: ['national-admin'] })
export class ApiClientsController {
  constructor(private readonly clients: ApiClientsService) {}

  @Get()
  list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<ApiClient[]> {
    return respondWithList('api-clients', query, res, (q) => this.clients.list(q));
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<ApiClient> {
    return this.clients.get(id);
  }

  @Post()
  create(@Body() body: unknown): Promise<ApiClientWithKey> {
    return this.clients.create(body);
  }

  @Post(':id/rotate')
  @HttpCode(200)
  rotate(@Param('id') id: string): Promise<ApiClientWithKey> {
    return this.clients.rotate(id);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  revoke(@Param('id') id: string): Promise<ApiClient> {
    return this.clients.revoke(id);
  }
}
