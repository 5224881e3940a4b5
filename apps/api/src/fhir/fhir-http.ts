import type { NextFunction, Request, Response } from 'express';
import type { ApiClientPrincipal, AuthenticatedRequest } from '../auth/principal.js';
import { requestContext } from '../common/request-context.js';
import { AccessPolicy } from './access-policy.js';
import { operationOutcome } from './bundle.js';
import { FhirError } from './fhir-errors.js';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** The FHIR base URL as the client reached it (links and fullUrls are absolute). */
export const baseUrl = (req: Request) => `${req.protocol}://${req.get('host')}/fhir`;

/** `Prefer: handling=strict` makes unknown or unsupported parameters an error instead of a warning. */
export const isStrict = (req: Request) => /handling\s*=\s*strict/i.test(req.get('prefer') ?? '');

export function apiClient(req: AuthenticatedRequest): ApiClientPrincipal {
  const principal = req.principal;
  if (principal?.kind !== 'api-client')
    throw new FhirError(401, 'login', 'Clé d’API (X-API-Key) requise pour l’API FHIR');
  return principal;
}

export const policyOf = (req: AuthenticatedRequest) => new AccessPolicy(apiClient(req));

/**
 * Gives the request a signal aborted if the client closes the connection before the answer is complete:
 * FhirDatabase cancels the request's running statement on it.
 */
export function fhirRequestSignal(_req: Request, res: Response, next: NextFunction): void {
  const context = requestContext.current();
  if (context) {
    const controller = new AbortController();
    context.signal = controller.signal;
    res.once('close', () => {
      if (!res.writableFinished) controller.abort();
    });
  }
  next();
}

/**
 * Express error handler for /fhir placed right after the body parsers: a malformed or oversized body is
 * refused there, before any controller, so it needs its own OperationOutcome answer.
 */
export function fhirBodyErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const status = (error as { status?: unknown }).status;
  if (typeof status !== 'number' || status < 400 || status >= 500) return next(error);
  sendOutcome(res, status, {
    severity: 'error',
    code: status === 413 ? 'too-costly' : 'structure',
    diagnostics: status === 413 ? 'Requête trop volumineuse' : 'Corps JSON invalide',
  });
}

/** Answers with an OperationOutcome of one issue: the one shape of every FHIR error, wherever it is raised. */
export function sendOutcome(
  res: Response,
  status: number,
  issue: Parameters<typeof operationOutcome>[0][number],
): void {
  res
    .status(status)
    .type(FHIR_JSON)
    .send(JSON.stringify(operationOutcome([issue])));
}
