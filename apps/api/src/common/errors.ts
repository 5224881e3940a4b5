/** Domain errors, turned into HTTP responses in one place (http-exception.filter.ts). */
export class DomainError extends Error {}

export class NotFoundError extends DomainError {
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} introuvable`);
  }
}

/** Bad input: `errors` maps a field path (dotted) to a French message, as react-admin expects. */
export class ValidationError extends DomainError {
  constructor(
    readonly errors: Record<string, string>,
    message = 'Données invalides',
  ) {
    super(message);
  }
}

export class ConflictError extends DomainError {}

export class UnprocessableError extends DomainError {}

/** The caller is known but its role or scope does not allow this action. */
export class ForbiddenError extends DomainError {}
