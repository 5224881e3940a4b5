import { Global, Module } from '@nestjs/common';
import { AccessPolicyService } from './access-policy.service.js';
import { ScopeRepository } from './scope.repository.js';

/** The write policy, used by every module that writes (DESIGN §2). */
@Global()
@Module({
  providers: [ScopeRepository, AccessPolicyService],
  exports: [AccessPolicyService],
})
export class AccessModule {}
