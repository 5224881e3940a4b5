import { Inject, Injectable } from '@nestjs/common';
import { AccessPolicyService } from '../access/access-policy.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { RoleGrant, UserPrincipal } from '../auth/principal.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../common/errors.js';
import type { ListQuery, ListResult } from '../common/list-query.js';
import { requestContext } from '../common/request-context.js';
import { parseOrThrow } from '../common/zod-errors.js';
import { APP_CONFIG, type AppConfig } from '../config.js';
import { type Tx, TransactionRunner } from '../database/transaction.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import type { AppUser } from './app-user.entity.js';
import { type Affiliation, affiliationsOf, type PscUserInfo } from './psc-claims.js';
import type { RoleAssignment } from './role-assignment.entity.js';
import { roleAssignmentSchema } from './role-assignment.schema.js';
import { type LoginIdentity, UsersRepository } from './users.repository.js';

export type RoleView = RoleAssignment & { organizationName: string | null; active: boolean };
export type UserView = Omit<AppUser, 'pscClaims'> & { fullName: string; roles: RoleView[]; pscClaims?: unknown };

const fullName = (u: Pick<AppUser, 'givenName' | 'familyName' | 'subjectNameId'>) =>
  [u.givenName, u.familyName].filter(Boolean).join(' ') || u.subjectNameId;

const isActive = (a: RoleAssignment, now = Date.now()) =>
  !a.revokedAt && a.validFrom.getTime() <= now && (!a.validUntil || a.validUntil.getTime() > now);

/** People, their PSC identity snapshot and their role assignments (DESIGN §2, reference/psc-oidc.md §4). */
@Injectable()
export class UsersService {
  constructor(
    private readonly repository: UsersRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly policy: AccessPolicyService,
    private readonly organizations: OrganizationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Records a login: the person is keyed on SubjectNameID, never on `sub`; the claims snapshot is refreshed. */
  recordLogin(userInfo: PscUserInfo, acr: string): Promise<AppUser> {
    return this.repository.upsert(this.identityOf(userInfo, acr), true);
  }

  /** Creates a person before their first login, so that rights can be granted to them (demo, bootstrap). */
  provision(person: { subjectNameId: string; givenName: string | null; familyName: string | null }): Promise<AppUser> {
    return this.repository.upsert({ ...person, pscSub: null, pscClaims: null, lastAcr: null }, false);
  }

  private identityOf(userInfo: PscUserInfo, acr: string | null): LoginIdentity {
    return {
      subjectNameId: userInfo.SubjectNameID,
      pscSub: userInfo.sub,
      givenName: userInfo.given_name || null,
      familyName: userInfo.family_name || null,
      pscClaims: userInfo,
      lastAcr: acr,
    };
  }

  /** The caller as the policy sees it, read fresh at each request so that a revocation applies at once. */
  async principalOf(userId: string): Promise<UserPrincipal | null> {
    const user = await this.repository.findById(userId);
    if (!user) return null;
    const roles: RoleGrant[] = (await this.repository.activeAssignments(user.id)).map((a) => ({
      id: a.id,
      role: a.role,
      organizationId: a.organizationId,
      regionCodes: a.regionCodes,
    }));
    if (this.config.nationalAdminIds.includes(user.subjectNameId)) {
      roles.push({ id: 'configuration', role: 'national-admin', organizationId: null, regionCodes: null });
    }
    return {
      kind: 'user',
      id: user.id,
      subjectNameId: user.subjectNameId,
      displayName: fullName(user),
      roles,
      practitionerId: await this.repository.practitionerIdOf(user.subjectNameId),
    };
  }

  async affiliations(userId: string): Promise<(Affiliation & { organizationId: string | null })[]> {
    const user = await this.repository.findById(userId);
    const affiliations = affiliationsOf(user?.pscClaims);
    const finess = affiliations.flatMap((a) => [a.finessSite, a.finessEj]).filter(Boolean);
    const known = new Map((await this.organizations.findByFiness(finess)).map((o) => [o.finess, o.id]));
    return affiliations.map((a) => ({
      ...a,
      organizationId: known.get(a.finessSite) ?? known.get(a.finessEj) ?? null,
    }));
  }

  /** Who these users are, in one query (lists that name the people behind their rows). */
  async identities(ids: string[]): Promise<Map<string, { fullName: string; subjectNameId: string }>> {
    const users = await this.repository.findByIds([...new Set(ids)]);
    return new Map(users.map((u) => [u.id, { fullName: fullName(u), subjectNameId: u.subjectNameId }]));
  }

  async list(query: ListQuery): Promise<ListResult<UserView>> {
    const { rows, total } = await this.repository.list(query);
    return { rows: await this.toViews(rows, false), total };
  }

  async get(id: string): Promise<UserView> {
    const user = await this.repository.findById(id);
    if (!user) throw new NotFoundError('users', id);
    return (await this.toViews([user], true))[0]!;
  }

  private async toViews(users: AppUser[], withClaims: boolean): Promise<UserView[]> {
    const assignments = await this.repository.assignmentsOf(users.map((u) => u.id));
    const names = await this.organizationNames(assignments.map((a) => a.organizationId));
    return users.map(({ pscClaims, ...user }) => ({
      ...user,
      fullName: fullName(user),
      roles: assignments
        .filter((a) => a.userId === user.id)
        .map((a) => ({
          ...a,
          organizationName: a.organizationId ? (names.get(a.organizationId) ?? null) : null,
          active: isActive(a),
        })),
      ...(withClaims ? { pscClaims } : {}),
    }));
  }

  private async organizationNames(ids: (string | null)[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((id): id is string => !!id))];
    return new Map((await this.organizations.findMany(unique)).map((o) => [o.id, o.operationalName ?? o.name]));
  }

  /** Grants a role; the caller must be allowed to grant it on that structure (AccessPolicyService.canGrant). */
  async grant(body: unknown): Promise<RoleView> {
    const input = parseOrThrow(roleAssignmentSchema, body);
    if (!(await this.repository.findById(input.userId))) throw new ValidationError({ userId: 'Utilisateur inconnu' });
    if (input.organizationId && (await this.organizations.findMany([input.organizationId])).length === 0) {
      throw new ValidationError({ organizationId: 'Structure inconnue' });
    }
    const principal = requestContext.current()?.principal;
    if (!(await this.policy.canGrant(principal, input.role, input.organizationId ?? null))) {
      throw new ForbiddenError('Vous ne pouvez pas attribuer ce rôle sur cette structure');
    }
    return this.transactions.run((tx) =>
      this.insertAssignment(tx, {
        userId: input.userId,
        role: input.role,
        organizationId: input.organizationId ?? null,
        regionCodes: input.role === 'ars-reviewer' ? (input.regionCodes ?? null) : null,
        validUntil: input.validUntil ? new Date(input.validUntil) : null,
      }),
    );
  }

  /** Inserts an assignment with its audit event, in the caller's transaction (access requests use it too). */
  async insertAssignment(
    tx: Tx,
    assignment: Omit<Parameters<UsersRepository['insertAssignment']>[1], 'grantedBy'>,
  ): Promise<RoleView> {
    const grantedBy = requestContext.current()?.actor ?? 'system';
    const created = await this.repository.insertAssignment(tx, { ...assignment, grantedBy });
    await this.audit.record(tx, {
      action: 'create',
      entityType: 'role-assignments',
      entityId: created.id,
      after: created,
    });
    const names = await this.organizationNames([created.organizationId]);
    return { ...created, organizationName: names.get(created.organizationId ?? '') ?? null, active: isActive(created) };
  }

  /** Revocation keeps the row (who had which right when stays answerable). */
  async revoke(id: string): Promise<void> {
    const assignment = await this.repository.findAssignment(id);
    if (!assignment) throw new NotFoundError('role-assignments', id);
    const principal = requestContext.current()?.principal;
    if (!(await this.policy.canGrant(principal, assignment.role, assignment.organizationId))) {
      throw new ForbiddenError('Vous ne pouvez pas retirer ce rôle');
    }
    const actor = requestContext.current()?.actor ?? 'system';
    await this.transactions.run(async (tx) => {
      if (!(await this.repository.revokeAssignment(tx, id, actor)))
        throw new ValidationError({ id: 'Rôle déjà retiré' });
      const after = await this.repository.findAssignment(id, tx);
      await this.audit.record(tx, {
        action: 'update',
        entityType: 'role-assignments',
        entityId: id,
        before: assignment,
        after,
        reason: 'révocation',
      });
    });
  }

  hasActiveAssignment(userId: string, role: string, organizationId: string, tx?: Tx): Promise<boolean> {
    return this.repository.hasActiveAssignment(userId, role, organizationId, tx);
  }
}
