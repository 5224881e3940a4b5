import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError, ValidationError } from './errors.js';

type Body = { statusCode: number; message: string; errors?: Record<string, string> };

/** PostgreSQL error codes a client can cause, and what they mean to it (never a 500). */
const PG_ERRORS: Record<string, [number, string]> = {
  '23505': [HttpStatus.CONFLICT, 'Un enregistrement identique existe déjà'],
  '23001': [HttpStatus.CONFLICT, 'Cet enregistrement est encore utilisé par d’autres données'],
  '23503': [HttpStatus.CONFLICT, 'Cet enregistrement est lié à d’autres données (ou en référence une absente)'],
  '23514': [HttpStatus.UNPROCESSABLE_ENTITY, 'Valeur refusée par une règle de cohérence'],
  '23502': [HttpStatus.UNPROCESSABLE_ENTITY, 'Une valeur obligatoire manque'],
  '22P02': [HttpStatus.BAD_REQUEST, 'Valeur mal formée'],
  '22001': [HttpStatus.BAD_REQUEST, 'Valeur trop longue'],
  '22003': [HttpStatus.BAD_REQUEST, 'Nombre hors limites'],
  '22007': [HttpStatus.BAD_REQUEST, 'Date mal formée'],
  '22008': [HttpStatus.BAD_REQUEST, 'Date hors limites'],
};

/** The one place where errors become HTTP responses: `{ statusCode, message, errors? }`. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    res.status(body.statusCode).json(body);
  }

  private toBody(e: unknown): Body {
    if (e instanceof ValidationError) return { statusCode: 400, message: e.message, errors: e.errors };
    if (e instanceof ForbiddenError) return { statusCode: 403, message: e.message };
    if (e instanceof NotFoundError) return { statusCode: 404, message: e.message };
    if (e instanceof ConflictError) return { statusCode: 409, message: e.message };
    if (e instanceof UnprocessableError) return { statusCode: 422, message: e.message };
    if (e instanceof HttpException) {
      const response = e.getResponse();
      const message =
        typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? e.message);
      return { statusCode: e.getStatus(), message };
    }
    // Matched by name too: TypeORM can be loaded twice (its CJS and ESM entry points), breaking instanceof.
    if (e instanceof QueryFailedError || (e as Error | undefined)?.name === 'QueryFailedError') {
      const code = ((e as QueryFailedError).driverError as { code?: string } | undefined)?.code ?? '';
      const known = PG_ERRORS[code];
      if (known) return { statusCode: known[0], message: known[1] };
    }
    const status = (e as { status?: unknown; type?: unknown }).status;
    // body-parser errors (malformed JSON, payload too large) carry their own 4xx status.
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return {
        statusCode: status,
        message: status === 413 ? 'Requête trop volumineuse' : 'Corps de requête JSON invalide',
      };
    }
    return { statusCode: 500, message: 'Erreur interne' };
  }
}
