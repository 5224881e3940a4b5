import type { NextFunction, Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
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

const XML = /(^|\/|\+)xml$/i;

/**
 * JSON only (FHIR: a server that cannot honour the format answers 406): `_format` naming XML, or an `Accept`
 * listing XML types and nothing this API serves (JSON, NDJSON files, wildcards), is refused.
 */
export function checkFormat(req: Request): void {
  const format = req.query._format;
  const accept = req.get('accept');
  const accepted = accept ? accept.split(',').map((type) => type.split(';')[0]!.trim().toLowerCase()) : ['*/*'];
  if (
    (typeof format === 'string' && XML.test(format.trim())) ||
    (accepted.some((type) => XML.test(type)) && !accepted.some((type) => /json|\*/.test(type)))
  )
    throw new FhirError(
      406,
      'not-supported',
      'Format non pris en charge : cette API ne sert que du JSON (application/fhir+json)',
    );
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

/**
 * HTTP server `clientError` listener: a request Node cannot parse (typically raw non-ASCII bytes in the URL,
 * which clients must percent-encode) is answered as Node would (400, 431, 408), with an OperationOutcome when it
 * was for /fhir.
 */
export function fhirClientError(error: Error & { code?: string; rawPacket?: Buffer }, socket: Duplex): void {
  // As Node's own handler: a socket that cannot take a whole answer (closed, or a response already started) is dropped.
  if (!socket.writable || (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent) {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const fhir = /^[A-Z]+ \/fhir(\/|\?| )/.test(error.rawPacket?.toString('latin1', 0, 64) ?? '');
  const body = fhir
    ? JSON.stringify(
        operationOutcome([
          {
            severity: 'error',
            code: 'structure',
            diagnostics: 'Requête HTTP invalide (les caractères non ASCII de l’URL doivent être encodés en %XX)',
          },
        ]),
      )
    : '';
  const headers = fhir ? `Content-Type: ${FHIR_JSON}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` : '';
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n${headers}\r\n${body}`);
}
