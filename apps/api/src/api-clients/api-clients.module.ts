import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { ApiClient } from './api-client.entity.js';
import { ApiClientsController } from './api-clients.controller.js';
import { ApiClientsRepository } from './api-clients.repository.js';
import { ApiClientsService } from './api-clients.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([ApiClient]), OrganizationsModule],
  controllers: [ApiClientsController],
  providers: [ApiClientsRepository, ApiClientsService],
  exports: [ApiClientsService],
})
export class ApiClientsModule {}
