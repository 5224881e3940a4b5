import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CrudController } from '../common/crud/crud.controller.js';
import type { Location } from './location.entity.js';
import { LocationsService } from './locations.service.js';

@ApiTags('locations')
@Controller('locations')
export class LocationsController extends CrudController<Location> {
  constructor(service: LocationsService) {
    super(service);
  }
}
