import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CrudController } from '../common/crud/crud.controller.js';
import type { Capacity } from './capacity.entity.js';
import { CapacitiesService } from './capacities.service.js';

@ApiTags('capacities')
@Controller('capacities')
export class CapacitiesController extends CrudController<Capacity> {
  constructor(service: CapacitiesService) {
    super(service);
  }
}
