import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { diskStorage } from 'multer';
import { Access } from '../access/access.decorator.js';
import { ValidationError } from '../common/errors.js';
import { respondWithList } from '../common/list-query.js';
import { requestContext } from '../common/request-context.js';
import type { ImportRejection, ImportRun } from './import-run.entity.js';
import { ImportsService } from './imports.service.js';

const UPLOAD_DIR = path.join(os.tmpdir(), 'ror-imports');
/** A national RPPS extract is about 1 GB. */
const MAX_UPLOAD_BYTES = 4 * 1024 ** 3;

/** FINESS and RPPS imports from the admin app: upload starts a background run; runs are polled. */
@ApiTags('imports')
@Controller('imports')
/** Imports write FINESS/RPPS-owned data for the whole country: national admins only (DESIGN §2). */
@Access({ read: ['national-admin'], write: ['national-admin'] })
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Get()
  list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<ImportRun[]> {
    return respondWithList('imports', query, res, (q) => this.imports.list(q));
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<ImportRun> {
    return this.imports.get(id);
  }

  @Get(':id/rejections')
  async rejections(
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ImportRejection[]> {
    await this.imports.get(id);
    return respondWithList('rejections', query, res, (q) => this.imports.listRejections(id, q));
  }

  /** multipart/form-data: `file`, `kind` (finess | rpps), `dryRun` (true | false). 202 with the run. */
  @Post()
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(
    FileInterceptor('file', {
      storage: diskStorage({
        destination: (_req, _file, done) => {
          mkdirSync(UPLOAD_DIR, { recursive: true });
          done(null, UPLOAD_DIR);
        },
      }),
      limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 },
    }),
  )
  async upload(
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: Record<string, string | undefined>,
  ): Promise<ImportRun> {
    if (!file) throw new ValidationError({ file: 'Joignez le fichier à importer (champ « file »)' });
    const kind = body.kind;
    if (kind !== 'finess' && kind !== 'rpps') {
      await rm(file.path, { force: true });
      throw new ValidationError({ kind: 'Type d’import : finess ou rpps' });
    }
    try {
      const { run, done } = await this.imports.start(kind, file.path, file.originalname, {
        dryRun: body.dryRun === 'true',
        startedBy: requestContext.current()?.actor ?? 'admin',
      });
      void done.finally(() => rm(file.path, { force: true }));
      return run;
    } catch (error) {
      await rm(file.path, { force: true });
      throw error;
    }
  }
}
