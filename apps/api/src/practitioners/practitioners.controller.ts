import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CrudController } from '../common/crud/crud.controller.js';
import type { Practitioner } from './practitioner.entity.js';
import { PractitionersService } from './practitioners.service.js';

@ApiTags('practitioners')
@Controller('practitioners')
export class PractitionersController extends CrudController<Practitioner> {
  constructor(service: PractitionersService) {
    super(service);
  }
}
