import { DomainError } from '../common/errors.js';

/** OperationOutcome issue codes used here (FHIR R4 IssueType). */
export type IssueCode =
  | 'invalid'
  | 'structure'
  | 'required'
  | 'value'
  | 'not-supported'
  | 'not-found'
  | 'deleted'
  | 'too-costly'
  | 'security'
  | 'login'
  | 'forbidden'
  | 'processing'
  | 'exception'
  | 'informational'
  | 'throttled'
  | 'timeout';

/** An error a FHIR client gets as an OperationOutcome with this HTTP status (fhir-exception.filter.ts). */
export class FhirError extends DomainError {
  constructor(
    readonly status: number,
    readonly code: IssueCode,
    message: string,
    readonly expression?: string,
  ) {
    super(message);
  }
}

export const invalidParameter = (name: string, message: string) =>
  new FhirError(400, 'invalid', `Paramètre ${name} : ${message}`, name);
