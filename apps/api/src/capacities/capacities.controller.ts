import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Access } from '../access/access.decorator.js';
import { CrudController } from '../common/crud/crud.controller.js';
import type { Capacity } from './capacity.entity.js';
import { CapacitiesService } from './capacities.service.js';

/** Bed-management systems write capacities of their declared structures with an API key (DESIGN §2). */
@ApiTags('capacities')
@Access({ apiClients: true })
@Controller('capacities')
export class CapacitiesController extends CrudController<Capacity> {
  constructor(service: CapacitiesService) {
    super(service);
  }
}
