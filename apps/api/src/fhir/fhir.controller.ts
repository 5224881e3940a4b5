import { All, Body, Controller, Get, Header, Param, Post, Req, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { AuthenticatedRequest } from '../auth/principal.js';
import { Access } from '../access/access.decorator.js';
import { CapabilityService } from './capability.service.js';
import { type ResourceType, RESOURCE_TYPES } from './fhir.constants.js';
import { FhirClientGuard } from './fhir-client.guard.js';
import { FhirError } from './fhir-errors.js';
import { FhirExceptionFilter } from './fhir-exception.filter.js';
import { baseUrl, FHIR_JSON, isStrict, policyOf } from './fhir-http.js';
import { FhirReadService } from './fhir-read.service.js';
import { FhirSearchService } from './fhir-search.service.js';
import type { FhirResource } from './mapping/fhir-types.js';
import { queryPairs } from './search/search-request.js';

function resourceType(type: string): ResourceType {
  if (RESOURCE_TYPES.includes(type as ResourceType)) return type as ResourceType;
  throw new FhirError(404, 'not-supported', `Type de ressource non pris en charge : ${type}`);
}

/**
 * FHIR R4 read API under /fhir (outside the /api prefix), for API clients only (the global guard checks the
 * X-API-Key, the FHIR client guard refuses people); the client's access profile filters every answer. Its
 * only POST is `_search`, which writes nothing.
 */
@ApiExcludeController()
@Access({ apiClients: true, write: 'scoped' })
@UseGuards(FhirClientGuard)
@UseFilters(FhirExceptionFilter)
@Controller('fhir')
export class FhirController {
  constructor(
    private readonly capability: CapabilityService,
    private readonly searches: FhirSearchService,
    private readonly reads: FhirReadService,
  ) {}

  @Get('metadata')
  @Header('Content-Type', FHIR_JSON)
  metadata(@Req() req: AuthenticatedRequest): FhirResource {
    return this.capability.statement(baseUrl(req));
  }

  @Get(':type')
  @Header('Content-Type', FHIR_JSON)
  search(@Param('type') type: string, @Req() req: AuthenticatedRequest): Promise<FhirResource> {
    return this.searches.search(resourceType(type), queryPairs(req.query as Record<string, unknown>), {
      strict: isStrict(req),
      policy: policyOf(req),
      base: baseUrl(req),
    });
  }

  /** POST [type]/_search with form parameters (FHIR allows it for long queries). */
  @Post(':type/_search')
  @Header('Content-Type', FHIR_JSON)
  searchPost(
    @Param('type') type: string,
    @Req() req: AuthenticatedRequest,
    @Body() body: unknown,
  ): Promise<FhirResource> {
    const form = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    return this.searches.search(
      resourceType(type),
      [...queryPairs(req.query as Record<string, unknown>), ...queryPairs(form)],
      { strict: isStrict(req), policy: policyOf(req), base: baseUrl(req) },
    );
  }

  @Get(':type/_history')
  @Header('Content-Type', FHIR_JSON)
  typeHistory(@Param('type') type: string, @Req() req: AuthenticatedRequest): Promise<FhirResource> {
    return this.reads.typeHistory(
      resourceType(type),
      queryPairs(req.query as Record<string, unknown>),
      policyOf(req),
      baseUrl(req),
    );
  }

  @Get(':type/:id')
  @Header('Content-Type', FHIR_JSON)
  read(@Param('type') type: string, @Param('id') id: string, @Req() req: AuthenticatedRequest): Promise<FhirResource> {
    return this.reads.read(resourceType(type), id, policyOf(req));
  }

  @Get(':type/:id/_history')
  @Header('Content-Type', FHIR_JSON)
  instanceHistory(
    @Param('type') type: string,
    @Param('id') id: string,
    @Req() req: AuthenticatedRequest,
  ): Promise<FhirResource> {
    return this.reads.instanceHistory(resourceType(type), id, policyOf(req), baseUrl(req));
  }

  /** Writes belong to the admin API; anything else under /fhir is an OperationOutcome, never an HTML page. */
  @All(['', ':type', ':type/:id', '*path'])
  unsupported(@Req() req: AuthenticatedRequest, @Body() body: unknown): never {
    if (['POST', 'PUT', 'PATCH'].includes(req.method) && body && typeof body === 'object') {
      const declared = (body as { resourceType?: unknown }).resourceType;
      const type = req.path.split('/')[2];
      if (typeof declared !== 'string')
        throw new FhirError(400, 'structure', 'Ressource FHIR attendue (resourceType manquant)');
      if (type && declared !== type)
        throw new FhirError(400, 'invalid', `Type de ressource ${declared} différent de celui de l’URL (${type})`);
    }
    if (req.method === 'GET') throw new FhirError(404, 'not-found', `Aucune ressource à ${req.path}`);
    throw new FhirError(405, 'not-supported', `${req.method} n’est pas pris en charge par cette API (lecture seule)`);
  }
}
