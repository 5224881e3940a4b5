import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { sendOutcome } from './fhir-http.js';
import { FhirError, type IssueCode } from './fhir-errors.js';

const HTTP_CODES: Record<number, IssueCode> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  405: 'not-supported',
  406: 'not-supported',
  413: 'too-costly',
  415: 'not-supported',
  429: 'throttled',
};

/** Every error of the FHIR controllers as an OperationOutcome (FHIR REST: 4xx/5xx carry one). */
@Catch()
export class FhirExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('FhirExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    // The client is gone (its request's statements were cancelled): nobody to answer.
    if (res.destroyed) return;
    const { status, code, message, expression } = this.describe(exception);
    if (code === 'timeout') this.logger.warn(message);
    else if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    sendOutcome(res, status, {
      severity: status >= 500 && code !== 'timeout' ? 'fatal' : 'error',
      code,
      diagnostics: message,
      expression,
    });
  }

  private describe(e: unknown): { status: number; code: IssueCode; message: string; expression?: string } {
    if (e instanceof FhirError) return { status: e.status, code: e.code, message: e.message, expression: e.expression };
    if (e instanceof HttpException) {
      const status = e.getStatus();
      const response = e.getResponse();
      const message =
        typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? e.message);
      return { status, code: HTTP_CODES[status] ?? 'processing', message };
    }
    const driverCode = ((e as { driverError?: { code?: string } }).driverError ?? (e as { code?: string })).code;
    // Values PostgreSQL rejects (malformed number or date that slipped through): the client's input.
    if (typeof driverCode === 'string' && driverCode.startsWith('22'))
      return { status: 400, code: 'invalid', message: 'Valeur de paramètre invalide' };
    const status = (e as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500)
      return {
        status,
        code: HTTP_CODES[status] ?? 'invalid',
        message: status === 413 ? 'Requête trop volumineuse' : 'Corps JSON invalide',
      };
    return { status: 500, code: 'exception', message: 'Erreur interne' };
  }
}
