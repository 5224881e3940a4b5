import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator.js';
import { TransactionRunner } from '../database/transaction.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly database: TransactionRunner) {}

  /** Up only when the database answers: a load balancer can rely on it. */
  @Public()
  @Get()
  async health(): Promise<{ status: 'ok'; database: 'ok' }> {
    if (!(await this.database.ping())) {
      throw new ServiceUnavailableException({ status: 'error', database: 'unreachable' });
    }
    return { status: 'ok', database: 'ok' };
  }
}
