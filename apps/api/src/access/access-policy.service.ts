import { Injectable } from '@nestjs/common';
import type { AssignedRole, Principal, RoleGrant, UserPrincipal } from '../auth/principal.js';
import type { CallerScope } from '../common/crud/crud.repository.js';
import { ForbiddenError } from '../common/errors.js';
import { requestContext } from '../common/request-context.js';
import type { ResolvedScope, ScopeAnchor, ScopedResource } from './scope.js';
import { ScopeRepository } from './scope.repository.js';

export const isAdmin = (user: UserPrincipal) => user.roles.some((r) => r.role === 'national-admin');

export type WriteAction = 'create' | 'update' | 'delete';

/** Resources a machine may write, per DESIGN §2: capacities of its declared structures only. */
const API_CLIENT_WRITABLE = new Set(['capacities']);

/**
 * The one place deciding whether the caller may write a record (DESIGN §2). Reads are open to every
 * authenticated caller; every write is checked here against the caller's role assignments and the place
 * of the record in the structure tree, on the server, whatever the UI shows.
 */
@Injectable()
export class AccessPolicyService {
  private readonly resources = new Map<string, ScopedResource>();

  constructor(private readonly scopes: ScopeRepository) {}

  /** Write services register here so `/auth/can` can answer for any resource. */
  register(resource: ScopedResource): void {
    this.resources.set(resource.resource, resource);
  }

  /** Throws 403 unless the current caller may write a record at every one of these places. */
  async assertCanWrite(resource: string, anchors: ScopeAnchor[]): Promise<void> {
    const principal = requestContext.current()?.principal;
    for (const anchor of anchors) {
      if (!(await this.allows(principal, resource, anchor))) {
        throw new ForbiddenError(
          principal?.kind === 'api-client'
            ? 'Ce client API ne peut pas écrire cette donnée'
            : 'Vous n’avez pas de droits d’écriture sur cette structure',
        );
      }
    }
  }

  /** The answer `/auth/can` gives the admin app for one record or a record to be created under `parentId`. */
  async can(principal: Principal, resource: string, action: WriteAction, target: { id?: string; parentId?: string }) {
    const scoped = this.resources.get(resource);
    if (!scoped) return false;
    const anchor =
      action === 'create'
        ? scoped.scopeOfNew(target.parentId ?? null)
        : target.id
          ? await scoped.scopeOfRecord(target.id)
          : null;
    return anchor !== null && this.allows(principal, resource, anchor);
  }

  /**
   * Who may grant a role (DESIGN §2): admins anything; an ARS reviewer editor and referent rights on
   * structures of their regions; a referent editor rights within their legal entity.
   */
  async canGrant(
    principal: Principal | undefined,
    role: AssignedRole,
    organizationId: string | null,
  ): Promise<boolean> {
    if (principal?.kind === 'system') return true;
    if (principal?.kind !== 'user') return false;
    if (isAdmin(principal)) return true;
    if (!organizationId || (role !== 'structure-editor' && role !== 'structure-referent')) return false;
    const scope = await this.scopes.resolve({ organizationId });
    return principal.roles.some(
      (grant) =>
        (grant.role === 'ars-reviewer' && this.grantCovers(grant, scope)) ||
        (grant.role === 'structure-referent' && role === 'structure-editor' && this.grantCovers(grant, scope)),
    );
  }

  /** What `filter.mine` keeps for the current caller; null when they hold everything (admins, the system). */
  async callerScope(): Promise<CallerScope | null> {
    const principal = requestContext.current()?.principal;
    if (!principal || principal.kind === 'system' || (principal.kind === 'user' && isAdmin(principal))) return null;
    if (principal.kind === 'api-client')
      return { organizationIds: principal.capacityWriteOrganizationIds, regionCodes: [] };
    const own = principal.practitionerId ? await this.scopes.liberalPracticesOf(principal.practitionerId) : [];
    return {
      organizationIds: [...principal.roles.flatMap((r) => (r.organizationId ? [r.organizationId] : [])), ...own],
      regionCodes: principal.roles.flatMap((r) => r.regionCodes ?? []),
    };
  }

  /** The organization and its ancestors (EG → EJ), nearest first. */
  async ancestorsOf(organizationId: string): Promise<string[]> {
    return (await this.scopes.resolve({ organizationId })).organizationIds;
  }

  private async allows(principal: Principal | undefined, resource: string, anchor: ScopeAnchor): Promise<boolean> {
    if (!principal) return false;
    if (principal.kind === 'system') return true;
    if (principal.kind === 'api-client') {
      if (!API_CLIENT_WRITABLE.has(resource)) return false;
      const scope = await this.scopes.resolve(anchor);
      return scope.organizationIds.some((id) => principal.capacityWriteOrganizationIds.includes(id));
    }
    if (isAdmin(principal)) return true;
    const scope = await this.scopes.resolve(anchor);
    if (principal.roles.some((grant) => this.grantCovers(grant, scope))) return true;
    return principal.practitionerId !== null && (await this.isOwnPractice(principal.practitionerId, scope));
  }

  private grantCovers(grant: RoleGrant, scope: ResolvedScope): boolean {
    if (grant.role === 'ars-reviewer') {
      return scope.regionCodes.length > 0 && scope.regionCodes.every((r) => grant.regionCodes?.includes(r));
    }
    return grant.organizationId !== null && scope.organizationIds.includes(grant.organizationId);
  }

  /** Independent practitioners edit their own record, their own roles and their liberal practices. */
  private async isOwnPractice(practitionerId: string, scope: ResolvedScope): Promise<boolean> {
    if (scope.practitionerId === practitionerId) return true;
    if (scope.organizationIds.length === 0) return false;
    const practices = await this.scopes.liberalPracticesOf(practitionerId);
    return scope.organizationIds.some((id) => practices.includes(id));
  }
}
