import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CrudController } from '../common/crud/crud.controller.js';
import { type HealthcareServiceView, HealthcareServicesService } from './healthcare-services.service.js';

@ApiTags('healthcare-services')
@Controller('healthcare-services')
export class HealthcareServicesController extends CrudController<HealthcareServiceView> {
  constructor(service: HealthcareServicesService) {
    super(service);
  }
}
