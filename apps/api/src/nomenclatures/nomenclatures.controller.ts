import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { contentRange, parseListQuery } from '../common/list-query.js';
import { type CodeView, NomenclaturesService } from './nomenclatures.service.js';

@ApiTags('nomenclatures')
@Controller('nomenclatures')
export class NomenclaturesController {
  constructor(private readonly nomenclatures: NomenclaturesService) {}

  /** Every coded attribute and the value set bound to it. */
  @Get('attributes')
  attributes() {
    return this.nomenclatures.listAttributes();
  }

  /** Codes of a value set for pickers: `filter={"attribute":"healthcare-services.careMode","q":"hospit"}`. */
  @Get('codes')
  codes(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): CodeView[] {
    const listQuery = parseListQuery(query);
    const { rows, total } = this.nomenclatures.searchCodes(listQuery);
    res.setHeader('Content-Range', contentRange('nomenclatures/codes', listQuery, rows.length, total));
    return rows;
  }

  /** The loaded versions of the NOS tables (every version is kept). */
  @Get('value-sets')
  async valueSets(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const listQuery = parseListQuery(query);
    const { rows, total } = await this.nomenclatures.listVersions(listQuery);
    res.setHeader('Content-Range', contentRange('nomenclatures/value-sets', listQuery, rows.length, total));
    return rows;
  }
}
