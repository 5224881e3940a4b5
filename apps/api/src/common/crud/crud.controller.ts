import { Body, Delete, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Access } from '../../access/access.decorator.js';
import { respondWithList } from '../list-query.js';
import type { CrudService } from './crud.service.js';
import type { TrackedEntity } from './tracked.entity.js';

/**
 * The ra-data-simple-rest routes, shared by every admin resource; a subclass adds `@Controller(<resource>)`.
 */
export abstract class CrudController<V extends { id: string }> {
  protected constructor(protected readonly service: CrudService<TrackedEntity, object, V>) {}

  @Get()
  list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<V[]> {
    return respondWithList(this.service.resource, query, res, (q) => this.service.list(q));
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<V> {
    return this.service.get(id);
  }

  @Post()
  @Access({ write: 'scoped' })
  create(@Body() body: unknown): Promise<V> {
    return this.service.create(body);
  }

  @Put(':id')
  @Access({ write: 'scoped' })
  update(@Param('id') id: string, @Body() body: unknown): Promise<V> {
    return this.service.update(id, body);
  }

  @Delete(':id')
  @Access({ write: 'scoped' })
  remove(@Param('id') id: string): Promise<V> {
    return this.service.remove(id);
  }
}
