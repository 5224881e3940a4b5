import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/principal.js';
import { apiClient, checkFormat } from './fhir-http.js';

/** FHIR routes serve API clients only (their access profile filters every answer), in JSON only. */
@Injectable()
export class FhirClientGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    apiClient(req);
    checkFormat(req);
    return true;
  }
}
