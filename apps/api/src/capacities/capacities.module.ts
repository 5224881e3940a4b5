import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LocationsModule } from '../locations/locations.module.js';
import { Capacity } from './capacity.entity.js';
import { CapacitiesController } from './capacities.controller.js';
import { CapacitiesRepository } from './capacities.repository.js';
import { CapacitiesService } from './capacities.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Capacity]), LocationsModule],
  controllers: [CapacitiesController],
  providers: [CapacitiesRepository, CapacitiesService],
  exports: [CapacitiesService],
})
export class CapacitiesModule {}
