import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CrudController } from '../common/crud/crud.controller.js';
import type { PractitionerRole } from './practitioner-role.entity.js';
import { PractitionerRolesService } from './practitioner-roles.service.js';

@ApiTags('practitioner-roles')
@Controller('practitioner-roles')
export class PractitionerRolesController extends CrudController<PractitionerRole> {
  constructor(service: PractitionerRolesService) {
    super(service);
  }
}
