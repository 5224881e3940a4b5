import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../access/access.decorator.js';
import { respondWithList } from '../common/list-query.js';
import { type RoleView, type UserView, UsersService } from './users.service.js';

/** People and their rights: listed for those who grant rights; each grant is checked by the policy. */
@ApiTags('users')
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('users')
  @Access({ read: ['national-admin', 'ars-reviewer', 'structure-referent'] })
  list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<UserView[]> {
    return respondWithList('users', query, res, (q) => this.users.list(q));
  }

  @Get('users/:id')
  @Access({ read: ['national-admin', 'ars-reviewer', 'structure-referent'] })
  get(@Param('id') id: string): Promise<UserView> {
    return this.users.get(id);
  }

  @Post('role-assignments')
  @Access({ write: ['national-admin', 'ars-reviewer', 'structure-referent'] })
  grant(@Body() body: unknown): Promise<RoleView> {
    return this.users.grant(body);
  }

  @Delete('role-assignments/:id')
  @HttpCode(204)
  @Access({ write: ['national-admin', 'ars-reviewer', 'structure-referent'] })
  revoke(@Param('id') id: string): Promise<void> {
    return this.users.revoke(id);
  }
}
