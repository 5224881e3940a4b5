import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiClientsModule } from '../api-clients/api-clients.module.js';
import { UsersModule } from '../users/users.module.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { PscLoginGuard } from './psc-login.guard.js';
import { PscService } from './psc.service.js';
import { SessionMiddleware } from './session.js';

@Module({
  imports: [UsersModule, ApiClientsModule],
  controllers: [AuthController],
  providers: [PscService, PscLoginGuard, SessionMiddleware, { provide: APP_GUARD, useClass: AuthGuard }],
})
export class AuthModule {}
