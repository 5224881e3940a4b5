import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CrudController } from '../common/crud/crud.controller.js';
import type { Equipment } from './equipment.entity.js';
import { EquipmentService } from './equipment.service.js';

@ApiTags('equipment')
@Controller('equipment')
export class EquipmentController extends CrudController<Equipment> {
  constructor(service: EquipmentService) {
    super(service);
  }
}
