import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FinessActivitiesController } from './finess-activities.controller.js';
import { FinessActivitiesRepository } from './finess-activities.repository.js';
import { FinessActivitiesService } from './finess-activities.service.js';
import { FinessActivity } from './finess-activity.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([FinessActivity])],
  controllers: [FinessActivitiesController],
  providers: [FinessActivitiesRepository, FinessActivitiesService],
})
export class FinessActivitiesModule {}
