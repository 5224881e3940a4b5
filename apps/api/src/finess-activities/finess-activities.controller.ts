import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { respondWithList } from '../common/list-query.js';
import type { FinessActivity } from './finess-activity.entity.js';
import { FinessActivitiesService } from './finess-activities.service.js';
import type { StructureGrouping } from './finess-groupings.repository.js';

/** Read-only (any signed-in user, as the structures): FINESS owns these lines, the imports write them. */
@ApiTags('finess-activities')
@Controller('finess-activities')
export class FinessActivitiesController {
  constructor(private readonly service: FinessActivitiesService) {}

  @Get()
  list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<FinessActivity[]> {
    return respondWithList('finess-activities', query, res, (q) => this.service.list(q));
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<FinessActivity> {
    return this.service.get(id);
  }
}

/** Read-only: the FINESS+ groupings (GHT, GCS/GIE) of a structure, `filter={"organizationId": …}`. */
@ApiTags('finess-activities')
@Controller('finess-groupings')
export class FinessGroupingsController {
  constructor(private readonly service: FinessActivitiesService) {}

  @Get()
  list(
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StructureGrouping[]> {
    return respondWithList('finess-groupings', query, res, (q) => this.service.groupingsOf(q));
  }
}
