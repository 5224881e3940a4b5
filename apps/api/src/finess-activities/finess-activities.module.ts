import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FinessActivitiesController, FinessGroupingsController } from './finess-activities.controller.js';
import { FinessActivitiesRepository } from './finess-activities.repository.js';
import { FinessActivitiesService } from './finess-activities.service.js';
import { FinessActivity } from './finess-activity.entity.js';
import { FinessGroupingsRepository } from './finess-groupings.repository.js';

@Module({
  imports: [TypeOrmModule.forFeature([FinessActivity])],
  controllers: [FinessActivitiesController, FinessGroupingsController],
  providers: [FinessActivitiesRepository, FinessGroupingsRepository, FinessActivitiesService],
})
export class FinessActivitiesModule {}
