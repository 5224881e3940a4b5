import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { filters, isUuid, ReadRepository } from '../common/crud/crud.repository.js';
import type { Tx } from '../database/transaction.js';
import { AppUser } from './app-user.entity.js';
import { RoleAssignment } from './role-assignment.entity.js';

export type LoginIdentity = {
  subjectNameId: string;
  pscSub: string | null;
  givenName: string | null;
  familyName: string | null;
  pscClaims: unknown;
  lastAcr: string | null;
};

export type NewAssignment = Pick<RoleAssignment, 'userId' | 'role' | 'organizationId' | 'regionCodes' | 'grantedBy'> & {
  validUntil: Date | null;
};

const ACTIVE = `ra.revoked_at IS NULL AND ra.valid_from <= now() AND (ra.valid_until IS NULL OR ra.valid_until > now())`;

@Injectable()
export class UsersRepository extends ReadRepository<AppUser> {
  constructor(dataSource: DataSource) {
    super(dataSource, AppUser, {
      alias: 'u',
      isId: isUuid,
      filters: {
        q: filters.text('family_name', 'given_name', 'subject_name_id'),
        subjectNameId: filters.equals('subject_name_id'),
        role: (qb, value, a, p) =>
          qb.andWhere(
            `EXISTS (SELECT 1 FROM role_assignment ra WHERE ra.user_id = ${a}.id AND ${ACTIVE} AND ra.role = :${p})`,
            {
              [p]: String(value),
            },
          ),
      },
      sortable: { familyName: 'family_name', lastLoginAt: 'last_login_at', subjectNameId: 'subject_name_id' },
      defaultSort: { column: 'family_name', order: 'ASC' },
    });
  }

  /** Creates or refreshes the person at login (or when provisioned ahead of their first login). */
  async upsert(identity: LoginIdentity, loggedIn: boolean): Promise<AppUser> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO app_user (subject_name_id, psc_sub, given_name, family_name, psc_claims, last_acr, last_login_at)
       VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7 THEN now() END)
       ON CONFLICT (subject_name_id) DO UPDATE SET
         psc_sub = COALESCE(EXCLUDED.psc_sub, app_user.psc_sub),
         given_name = COALESCE(EXCLUDED.given_name, app_user.given_name),
         family_name = COALESCE(EXCLUDED.family_name, app_user.family_name),
         psc_claims = COALESCE(EXCLUDED.psc_claims, app_user.psc_claims),
         last_acr = COALESCE(EXCLUDED.last_acr, app_user.last_acr),
         last_login_at = COALESCE(EXCLUDED.last_login_at, app_user.last_login_at),
         updated_at = now()
       RETURNING id`,
      [
        identity.subjectNameId,
        identity.pscSub,
        identity.givenName,
        identity.familyName,
        identity.pscClaims === null ? null : JSON.stringify(identity.pscClaims),
        identity.lastAcr,
        loggedIn,
      ],
    )) as { id: string }[];
    return (await this.findById(row!.id))!;
  }

  /** Assignments in force now (not revoked, within their validity). */
  activeAssignments(userId: string): Promise<RoleAssignment[]> {
    return this.dataSource.manager
      .createQueryBuilder(RoleAssignment, 'ra')
      .where(`ra.user_id = :userId AND ${ACTIVE}`, { userId })
      .orderBy('ra.granted_at')
      .getMany();
  }

  /** Every assignment of these users, revoked ones included (the user screen shows the history). */
  assignmentsOf(userIds: string[]): Promise<RoleAssignment[]> {
    if (userIds.length === 0) return Promise.resolve([]);
    return this.dataSource.manager
      .createQueryBuilder(RoleAssignment, 'ra')
      .where('ra.user_id IN (:...userIds)', { userIds })
      .orderBy('ra.granted_at', 'DESC')
      .getMany();
  }

  findAssignment(id: string, tx?: Tx): Promise<RoleAssignment | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.manager(tx).findOneBy(RoleAssignment, { id });
  }

  async hasActiveAssignment(userId: string, role: string, organizationId: string, tx?: Tx): Promise<boolean> {
    const count = await this.manager(tx)
      .createQueryBuilder(RoleAssignment, 'ra')
      .where(`ra.user_id = :userId AND ra.role = :role AND ra.organization_id = :organizationId AND ${ACTIVE}`, {
        userId,
        role,
        organizationId,
      })
      .getCount();
    return count > 0;
  }

  async insertAssignment(tx: Tx, assignment: NewAssignment): Promise<RoleAssignment> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(RoleAssignment)
      .values(assignment)
      .returning('id')
      .execute();
    return (await this.findAssignment((result.identifiers[0] as { id: string }).id, tx))!;
  }

  async revokeAssignment(tx: Tx, id: string, revokedBy: string): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(RoleAssignment)
      .set({ revokedAt: () => 'now()', revokedBy })
      .where('id = :id AND revoked_at IS NULL', { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** The practitioner record of this national identifier, if RPPS knows the person (IdNat_PS = '8'+RPPS). */
  async practitionerIdOf(subjectNameId: string): Promise<string | null> {
    const [row] = (await this.dataSource.query(`SELECT id FROM practitioner WHERE rpps_id = $1`, [subjectNameId])) as {
      id: string;
    }[];
    return row?.id ?? null;
  }
}
