import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LocationsModule } from '../locations/locations.module.js';
import { Equipment } from './equipment.entity.js';
import { EquipmentController } from './equipment.controller.js';
import { EquipmentRepository } from './equipment.repository.js';
import { EquipmentService } from './equipment.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Equipment]), LocationsModule],
  controllers: [EquipmentController],
  providers: [EquipmentRepository, EquipmentService],
  exports: [EquipmentService],
})
export class EquipmentModule {}
