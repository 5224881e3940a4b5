import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../access/access.decorator.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import type { UserPrincipal } from '../auth/principal.js';
import { respondWithList } from '../common/list-query.js';
import { type AccessRequestView, AccessRequestsService } from './access-requests.service.js';

@ApiTags('access-requests')
@Controller()
export class AccessRequestsController {
  constructor(private readonly requests: AccessRequestsService) {}

  /** `filter={"only":"mine"|"to-decide","status":"pending"}`; by default both the caller's and decidable ones. */
  @Get('access-requests')
  list(
    @CurrentUser() caller: UserPrincipal,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AccessRequestView[]> {
    return respondWithList('access-requests', query, res, (q) => this.requests.list(caller, q));
  }

  @Post('access-requests')
  @Access({ write: 'self' })
  create(@CurrentUser() caller: UserPrincipal, @Body() body: unknown): Promise<AccessRequestView> {
    return this.requests.create(caller, body);
  }

  @Post('access-requests/:id/decision')
  @HttpCode(200)
  @Access({ write: 'self' })
  decide(
    @CurrentUser() caller: UserPrincipal,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<AccessRequestView> {
    return this.requests.decide(caller, id, body);
  }

  @Get('auth/suggestions')
  suggestions(@CurrentUser() caller: UserPrincipal) {
    return this.requests.suggestions(caller);
  }
}
