import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CrudController } from '../common/crud/crud.controller.js';
import { type OrganizationView, OrganizationsService } from './organizations.service.js';

@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController extends CrudController<OrganizationView> {
  constructor(service: OrganizationsService) {
    super(service);
  }
}
