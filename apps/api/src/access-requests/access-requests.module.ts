import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { UsersModule } from '../users/users.module.js';
import { AccessRequest } from './access-request.entity.js';
import { AccessRequestsController } from './access-requests.controller.js';
import { AccessRequestsRepository } from './access-requests.repository.js';
import { AccessRequestsService } from './access-requests.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([AccessRequest]), OrganizationsModule, UsersModule],
  controllers: [AccessRequestsController],
  providers: [AccessRequestsRepository, AccessRequestsService],
})
export class AccessRequestsModule {}
