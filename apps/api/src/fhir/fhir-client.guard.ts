import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/principal.js';
import { apiClient } from './fhir-http.js';

/** FHIR routes serve API clients only (their access profile filters every answer). */
@Injectable()
export class FhirClientGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    apiClient(context.switchToHttp().getRequest<AuthenticatedRequest>());
    return true;
  }
}
