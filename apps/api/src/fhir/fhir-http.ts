import type { Request } from 'express';
import type { ApiClientPrincipal, AuthenticatedRequest } from '../auth/principal.js';
import { AccessPolicy } from './access-policy.js';
import { FhirError } from './fhir-errors.js';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** The FHIR base URL as the client reached it (links and fullUrls are absolute). */
export const baseUrl = (req: Request) => `${req.protocol}://${req.get('host')}/fhir`;

/** `Prefer: handling=strict` makes unknown or unsupported parameters an error instead of a warning. */
export const isStrict = (req: Request) => /handling\s*=\s*strict/i.test(req.get('prefer') ?? '');

export function apiClient(req: AuthenticatedRequest): ApiClientPrincipal {
  const principal = req.principal;
  if (principal?.kind !== 'api-client') throw new FhirError(401, 'login', 'Clé d’API (X-API-Key) requise pour l’API FHIR');
  return principal;
}

export const policyOf = (req: AuthenticatedRequest) => new AccessPolicy(apiClient(req));
