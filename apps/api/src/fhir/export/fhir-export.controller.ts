import { Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthenticatedRequest } from '../../auth/principal.js';
import { Access } from '../../access/access.decorator.js';
import { FhirClientGuard } from '../fhir-client.guard.js';
import { FhirExceptionFilter } from '../fhir-exception.filter.js';
import { apiClient, baseUrl, FHIR_JSON } from '../fhir-http.js';
import { queryPairs } from '../search/search-request.js';
import type { ExportJob } from './fhir-export.repository.js';
import { FhirExportService } from './fhir-export.service.js';

/** Bulk Data `$export` (kick-off, status polling, files, cancel), for API clients. */
@ApiExcludeController()
@Access({ apiClients: true, write: 'scoped' })
@UseGuards(FhirClientGuard)
@UseFilters(FhirExceptionFilter)
@Controller('fhir')
export class FhirExportController {
  constructor(private readonly exports: FhirExportService) {}

  @Get('$export')
  kickOffGet(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    return this.kickOff(req, res);
  }

  @Post('$export')
  kickOffPost(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    return this.kickOff(req, res);
  }

  @Get('$export-poll-status')
  async poll(@Req() req: AuthenticatedRequest, @Query('_jobId') jobId: string, @Res() res: Response): Promise<void> {
    const job = await this.exports.status(apiClient(req), String(jobId ?? ''));
    if (job.status === 'accepted' || job.status === 'in-progress') {
      res.status(202).setHeader('X-Progress', job.status).setHeader('Retry-After', '2').end();
      return;
    }
    if (job.status === 'failed') {
      res
        .status(500)
        .type(FHIR_JSON)
        .send(
          JSON.stringify({
            resourceType: 'OperationOutcome',
            issue: [{ severity: 'error', code: 'exception', diagnostics: job.error ?? 'Échec de l’export' }],
          }),
        );
      return;
    }
    res.status(200).json(this.manifest(job, baseUrl(req)));
  }

  @Delete('$export-poll-status')
  @HttpCode(202)
  async cancel(@Req() req: AuthenticatedRequest, @Query('_jobId') jobId: string): Promise<void> {
    await this.exports.cancel(apiClient(req), String(jobId ?? ''));
  }

  @Get('$export-file/:jobId/:file')
  async file(
    @Req() req: AuthenticatedRequest,
    @Param('jobId') jobId: string,
    @Param('file') file: string,
    @Res() res: Response,
  ): Promise<void> {
    const stream = await this.exports.file(apiClient(req), jobId, file);
    res.status(200).type('application/fhir+ndjson');
    stream.pipe(res);
  }

  private async kickOff(req: AuthenticatedRequest, res: Response): Promise<void> {
    const body = req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? req.body : {};
    const pairs = [
      ...queryPairs(req.query as Record<string, unknown>),
      ...parametersPairs(body as Record<string, unknown>),
    ];
    const request = this.exports.parseKickOff(pairs);
    const job = await this.exports.kickOff(apiClient(req), request, `${baseUrl(req)}${req.url.replace(/^\/fhir/, '')}`);
    res
      .status(202)
      .setHeader('Content-Location', `${baseUrl(req)}/$export-poll-status?_jobId=${job.id}`)
      .end();
  }

  private manifest(job: ExportJob, base: string) {
    return {
      transactionTime: new Date(job.transactionTime).toISOString(),
      request: job.requestUrl,
      requiresAccessToken: true,
      output: job.output.map((o) => ({
        type: o.type,
        url: `${base}/$export-file/${job.id}/${o.file}`,
        count: o.count,
      })),
      error: [],
    };
  }
}

/** POST kick-off bodies are FHIR `Parameters`: each `valueString`/`valueInstant` becomes a query pair. */
function parametersPairs(body: Record<string, unknown>): [string, string][] {
  if (body.resourceType !== 'Parameters' || !Array.isArray(body.parameter)) return [];
  return (body.parameter as Record<string, unknown>[]).flatMap((p) => {
    const value = p.valueString ?? p.valueInstant ?? p.valueCode;
    return typeof p.name === 'string' && typeof value === 'string' ? [[p.name, value] as [string, string]] : [];
  });
}
