import { Injectable } from '@nestjs/common';
import { AccessPolicyService } from '../../access/access-policy.service.js';
import { AuditService } from '../../audit/audit.service.js';
import { TransactionRunner } from '../../database/transaction.js';
import { NomenclaturesService } from '../../nomenclatures/nomenclatures.service.js';

/** What every admin resource's write path needs, injected as one. */
@Injectable()
export class CrudKit {
  constructor(
    readonly transactions: TransactionRunner,
    readonly audit: AuditService,
    readonly nomenclatures: NomenclaturesService,
    readonly policy: AccessPolicyService,
  ) {}
}
