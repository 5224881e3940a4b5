import { All, Body, Controller, Get, Header, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthenticatedRequest } from '../auth/principal.js';
import { Access } from '../access/access.decorator.js';
import { CapabilityService } from './capability.service.js';
import { parseElements, subset } from './elements.js';
import { type ResourceType, RESOURCE_TYPES } from './fhir.constants.js';
import { FhirClientGuard } from './fhir-client.guard.js';
import { FhirError } from './fhir-errors.js';
import { FhirExceptionFilter } from './fhir-exception.filter.js';
import { baseUrl, FHIR_JSON, isStrict, policyOf } from './fhir-http.js';
import { FhirReadService, versionOf } from './fhir-read.service.js';
import { FhirSearchService } from './fhir-search.service.js';
import type { FhirResource } from './mapping/fhir-types.js';
import { queryPairs } from './search/search-request.js';

function resourceType(type: string): ResourceType {
  if (RESOURCE_TYPES.includes(type as ResourceType)) return type as ResourceType;
  throw new FhirError(404, 'not-supported', `Type de ressource non pris en charge : ${type}`);
}

/** A read's answer: `ETag` and `Last-Modified` of the version served, `_elements` applied. */
function versioned(resource: FhirResource, req: AuthenticatedRequest, res: Response): FhirResource {
  res.setHeader('ETag', `W/"${versionOf(resource)}"`);
  res.setHeader('Last-Modified', new Date((resource.meta as { lastUpdated: string }).lastUpdated).toUTCString());
  const elements = queryPairs(req.query as Record<string, unknown>).filter(([k]) => k === '_elements');
  return elements.length ? subset(resource, parseElements(elements.map(([, v]) => v)), true) : resource;
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
  async read(
    @Param('type') type: string,
    @Param('id') id: string,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FhirResource> {
    return versioned(await this.reads.read(resourceType(type), id, policyOf(req)), req, res);
  }

  /** vread: only the current version is kept (docs/fhir.md). */
  @Get(':type/:id/_history/:vid')
  @Header('Content-Type', FHIR_JSON)
  async vread(
    @Param('type') type: string,
    @Param('id') id: string,
    @Param('vid') vid: string,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FhirResource> {
    return versioned(await this.reads.vread(resourceType(type), id, vid, policyOf(req)), req, res);
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
    // A PATCH body is a FHIRPath Patch (Parameters), whatever the resource patched.
    const patch = req.method === 'PATCH' && (body as { resourceType?: unknown } | null)?.resourceType === 'Parameters';
    if (['POST', 'PUT', 'PATCH'].includes(req.method) && body && typeof body === 'object' && !patch) {
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
