import { Injectable } from '@nestjs/common';
import { AccessPolicyService, isAdmin } from '../access/access-policy.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { UserPrincipal } from '../auth/principal.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../common/errors.js';
import type { ListQuery, ListResult } from '../common/list-query.js';
import { requestContext } from '../common/request-context.js';
import { parseOrThrow } from '../common/zod-errors.js';
import { TransactionRunner } from '../database/transaction.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { UsersService } from '../users/users.service.js';
import type { AccessRequest } from './access-request.entity.js';
import { accessRequestSchema, decisionSchema } from './access-request.schema.js';
import { AccessRequestsRepository, type Visibility } from './access-requests.repository.js';

export type AccessRequestView = AccessRequest & {
  userName: string;
  subjectNameId: string;
  organizationName: string | null;
  /** Whether the caller may grant or refuse it (the admin app shows the buttons only then). */
  canDecide: boolean;
};

const RESOURCE = 'access-requests';

export type Suggestion = { organizationId: string; name: string; kind: string; finessSite: string | null };

/**
 * Editor rights asked by a person for a structure found in their PSC activities, and decided by a referent
 * of its legal entity, an ARS reviewer of its region or an admin — never by the requester (DESIGN §2).
 */
@Injectable()
export class AccessRequestsService {
  constructor(
    private readonly repository: AccessRequestsRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly policy: AccessPolicyService,
    private readonly users: UsersService,
    private readonly organizations: OrganizationsService,
  ) {}

  async list(caller: UserPrincipal, query: ListQuery): Promise<ListResult<AccessRequestView>> {
    const { only, ...filter } = query.filter;
    const visibleTo: Visibility = {
      userId: caller.id,
      admin: isAdmin(caller),
      regionCodes: caller.roles.flatMap((r) => (r.role === 'ars-reviewer' ? (r.regionCodes ?? []) : [])),
      referentOrganizationIds: caller.roles.flatMap((r) =>
        r.role === 'structure-referent' && r.organizationId ? [r.organizationId] : [],
      ),
      only: only === 'mine' || only === 'to-decide' ? only : undefined,
    };
    const { rows, total } = await this.repository.list({ ...query, filter: { ...filter, visibleTo } });
    return { rows: await this.toViews(caller, rows), total };
  }

  /**
   * Structures of the caller's PSC activities (each site and its legal entity) that exist in the ROR and that
   * their current rights do not already cover.
   */
  async suggestions(caller: UserPrincipal): Promise<Suggestion[]> {
    const affiliations = await this.users.affiliations(caller.id);
    const finess = [...new Set(affiliations.flatMap((a) => [a.finessSite, a.finessEj]).filter(Boolean))];
    const held = new Set(caller.roles.map((r) => r.organizationId));
    const suggestions: Suggestion[] = [];
    for (const organization of await this.organizations.findByFiness(finess)) {
      const covered = (await this.policy.ancestorsOf(organization.id)).some((id) => held.has(id));
      if (!covered) {
        suggestions.push({
          organizationId: organization.id,
          name: organization.operationalName ?? organization.name,
          kind: organization.kind,
          finessSite: organization.finess,
        });
      }
    }
    return suggestions;
  }

  async create(caller: UserPrincipal, body: unknown): Promise<AccessRequestView> {
    const input = parseOrThrow(accessRequestSchema, body);
    const [organization] = await this.organizations.findMany([input.organizationId]);
    if (!organization) throw new ValidationError({ organizationId: 'Structure inconnue' });
    if (!(await this.isAffiliated(caller, input.organizationId))) {
      throw new ValidationError({
        organizationId:
          'Cette structure ne figure pas dans vos activités Pro Santé Connect : demandez à votre ARS ou à un administrateur de vous attribuer le rôle',
      });
    }
    if (
      (await this.repository.hasPending(caller.id, input.organizationId)) ||
      (await this.users.hasActiveAssignment(caller.id, 'structure-editor', input.organizationId))
    ) {
      throw new ConflictError('Vous avez déjà ce droit ou une demande en cours pour cette structure');
    }
    return this.transactions.run(async (tx) => {
      const request = await this.repository.insert(tx, {
        userId: caller.id,
        organizationId: input.organizationId,
        message: input.message ?? null,
      });
      await this.audit.record(tx, { action: 'create', entityType: RESOURCE, entityId: request.id, after: request });
      return (await this.toViews(caller, [request]))[0]!;
    });
  }

  async decide(caller: UserPrincipal, id: string, body: unknown): Promise<AccessRequestView> {
    const { decision, comment } = parseOrThrow(decisionSchema, body);
    const existing = await this.repository.findById(id);
    if (!existing) throw new NotFoundError(RESOURCE, id);
    if (!(await this.mayDecide(caller, existing))) {
      throw new ForbiddenError('Vous ne pouvez pas décider de cette demande');
    }
    const actor = requestContext.current()?.actor ?? caller.id;
    return this.transactions.run(async (tx) => {
      const pending = await this.repository.lockPending(tx, id);
      if (!pending) throw new ConflictError('Cette demande a déjà été traitée');
      const decided = await this.repository.decide(tx, id, {
        status: decision === 'grant' ? 'granted' : 'refused',
        decidedBy: actor,
        decisionComment: comment ?? null,
      });
      if (decision === 'grant') {
        await this.users.insertAssignment(tx, {
          userId: pending.userId,
          role: 'structure-editor',
          organizationId: pending.organizationId,
          regionCodes: null,
          validUntil: null,
        });
      }
      await this.audit.record(tx, {
        action: 'update',
        entityType: RESOURCE,
        entityId: id,
        before: pending,
        after: decided,
      });
      return (await this.toViews(caller, [decided]))[0]!;
    });
  }

  private async mayDecide(caller: UserPrincipal, request: AccessRequest): Promise<boolean> {
    return (
      request.status === 'pending' &&
      request.userId !== caller.id &&
      this.policy.canGrant(caller, 'structure-editor', request.organizationId)
    );
  }

  /** The structure, or its legal entity, appears among the FINESS numbers of the caller's PSC activities. */
  private async isAffiliated(caller: UserPrincipal, organizationId: string): Promise<boolean> {
    const affiliations = await this.users.affiliations(caller.id);
    const finess = new Set(affiliations.flatMap((a) => [a.finessSite, a.finessEj]).filter(Boolean));
    const chain = await this.organizations.findMany(await this.policy.ancestorsOf(organizationId));
    return chain.some((o) => o.finess && finess.has(o.finess));
  }

  private async toViews(caller: UserPrincipal, rows: AccessRequest[]): Promise<AccessRequestView[]> {
    const users = await this.users.identities(rows.map((r) => r.userId));
    const organizations = new Map(
      (await this.organizations.findMany(rows.map((r) => r.organizationId))).map((o) => [
        o.id,
        o.operationalName ?? o.name,
      ]),
    );
    return Promise.all(
      rows.map(async (r) => ({
        ...r,
        userName: users.get(r.userId)?.fullName ?? '',
        subjectNameId: users.get(r.userId)?.subjectNameId ?? '',
        organizationName: organizations.get(r.organizationId) ?? null,
        canDecide: await this.mayDecide(caller, r),
      })),
    );
  }
}
