import type { DataSource, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Tx } from '../../database/transaction.js';
import { ValidationError } from '../errors.js';
import type { ListQuery, ListResult } from '../list-query.js';
import type { TrackedEntity } from './tracked.entity.js';

type Qb = SelectQueryBuilder<ObjectLiteral>;
/** Applies one `filter` key to a list query; `p` is a unique parameter name. */
export type FilterApply = (qb: Qb, value: unknown, alias: string, p: string) => void;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

const asStrings = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).map(String);

/** Reusable filters of the admin lists (values may be one or several). */
export const filters = {
  equals:
    (column: string): FilterApply =>
    (qb, value, a, p) =>
      qb.andWhere(`${a}.${column} IN (:...${p})`, { [p]: asStrings(value) }),
  uuid:
    (column: string): FilterApply =>
    (qb, value, a, p) =>
      qb.andWhere(`${a}.${column} IN (:...${p})`, { [p]: asStrings(value).filter(isUuid).concat(NONE) }),
  /** Accent- and case-insensitive substring search over several columns. */
  text:
    (...columns: string[]): FilterApply =>
    (qb, value, a, p) =>
      qb.andWhere(
        `(${columns.map((c) => `search_text(${a}.${c}) LIKE '%' || search_text(:${p}) || '%'`).join(' OR ')})`,
        {
          [p]: String(value),
        },
      ),
  /** A single coding column whose code is one of the values. */
  code:
    (column: string): FilterApply =>
    (qb, value, a, p) =>
      qb.andWhere(`${a}.${column}->>'code' IN (:...${p})`, { [p]: asStrings(value) }),
  /**
   * "My structures" (DESIGN §2): rows under one of the organizations (or their descendants) or in one of the
   * regions the caller holds; `organizationColumn` names the row's organization (`id` for organizations).
   */
  mine:
    (organizationColumn: string): FilterApply =>
    (qb, value, a, p) => {
      const { organizationIds, regionCodes } = value as CallerScope;
      qb.andWhere(
        `(${a}.${organizationColumn} IN (
           WITH RECURSIVE below AS (
             SELECT id FROM organization WHERE id = ANY(CAST(:${p}o AS uuid[]))
             UNION ALL SELECT o.id FROM organization o JOIN below ON o.parent_id = below.id)
           SELECT id FROM below) OR ${a}.region_code = ANY(CAST(:${p}r AS varchar[])))`,
        { [`${p}o`]: organizationIds, [`${p}r`]: regionCodes },
      );
    },
  /** An array-of-codings column containing a coding with that code (served by a GIN jsonb_path_ops index). */
  codeInArray:
    (column: string): FilterApply =>
    (qb, value, a, p) =>
      qb.andWhere(`${a}.${column} @> CAST(:${p} AS jsonb)`, { [p]: JSON.stringify([{ code: String(value) }]) }),
};
/** The structures and regions a caller holds rights on, for the `mine` filter. */
export type CallerScope = { organizationIds: string[]; regionCodes: string[] };

// A uuid no row has, so that an empty id list matches nothing instead of breaking the SQL.
const NONE = '00000000-0000-0000-0000-000000000000';

export type RepositorySpec = {
  alias: string;
  /** Ids that can exist (anything else is a 404 without asking the database). */
  isId?: (id: string) => boolean;
  filters: Record<string, FilterApply>;
  /** API field → column, for `sort`. */
  sortable: Record<string, string>;
  defaultSort: { column: string; order: 'ASC' | 'DESC' };
};

/** Paginated, filtered, sorted reads of one table: the list side of the admin API. */
export abstract class ReadRepository<E extends { id: string | number }> {
  protected constructor(
    protected readonly dataSource: DataSource,
    protected readonly entity: EntityTarget<E>,
    protected readonly spec: RepositorySpec,
  ) {}

  protected manager(tx?: Tx) {
    return tx ?? this.dataSource.manager;
  }

  async list(query: ListQuery, tx?: Tx): Promise<ListResult<E>> {
    const a = this.spec.alias;
    const qb = this.manager(tx).createQueryBuilder(this.entity, a) as unknown as Qb;
    let n = 0;
    for (const [key, value] of Object.entries(query.filter)) {
      if (value === undefined || value === null || value === '') continue;
      if (key === 'withCodings') {
        this.filterByCodings(qb, value as { system: string; code: string }[], `f${n++}`);
        continue;
      }
      if (key === 'id') {
        const ids = (Array.isArray(value) ? value : [value]).map(String).filter((id) => this.isId(id));
        qb.andWhere(ids.length ? `${a}.id IN (:...f${n})` : 'false', { [`f${n++}`]: ids });
        continue;
      }
      const apply = this.spec.filters[key];
      if (!apply) throw new ValidationError({ [`filter.${key}`]: `Filtre inconnu : ${key}` });
      apply(qb, value, a, `f${n++}`);
    }
    if (query.sort) {
      const column = query.sort.field === 'id' ? 'id' : this.spec.sortable[query.sort.field];
      if (!column) throw new ValidationError({ sort: `Tri impossible sur ${query.sort.field}` });
      qb.orderBy(`${a}.${column}`, query.sort.order);
    } else {
      qb.orderBy(`${a}.${this.spec.defaultSort.column}`, this.spec.defaultSort.order);
    }
    qb.addOrderBy(`${a}.id`, 'ASC').skip(query.offset).take(query.limit);
    const [rows, total] = await qb.getManyAndCount();
    return { rows: rows as E[], total };
  }

  /** Rows holding any of these codings anywhere in their columns (for codes that became deprecated). */
  private filterByCodings(qb: Qb, codings: { system: string; code: string }[], p: string): void {
    if (codings.length === 0) {
      qb.andWhere('false');
      return;
    }
    const a = this.spec.alias;
    const tests = codings.map(
      (_, i) =>
        `jsonb_path_exists(to_jsonb(${a}), '$.** ? (@.system == $s && @.code == $c)', CAST(:${p}_${i} AS jsonb))`,
    );
    qb.andWhere(
      `(${tests.join(' OR ')})`,
      Object.fromEntries(codings.map((c, i) => [`${p}_${i}`, JSON.stringify({ s: c.system, c: c.code })])),
    );
  }

  protected isId(id: string): boolean {
    return (this.spec.isId ?? isUuid)(id);
  }

  findById(id: string, tx?: Tx): Promise<E | null> {
    if (!this.isId(id)) return Promise.resolve(null);
    return this.manager(tx).findOne(this.entity, { where: { id } as never });
  }

  async findByIds(ids: string[], tx?: Tx): Promise<E[]> {
    const valid = ids.filter((id) => this.isId(id));
    if (valid.length === 0) return [];
    return this.manager(tx).createQueryBuilder(this.entity, 'e').where('e.id IN (:...ids)', { ids: valid }).getMany();
  }
}

/** The only place that reads and writes an editable resource's table through TypeORM. */
export abstract class CrudRepository<E extends TrackedEntity> extends ReadRepository<E> {
  async insert(tx: Tx, row: Partial<E>): Promise<E> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(this.entity)
      .values({ ...row, version: 1 } as never)
      .returning('id')
      .execute();
    const id = (result.raw as { id: string }[])[0]!.id;
    return (await this.findById(id, tx))!;
  }

  /** Updates only when the stored version is `expectedVersion`; null means someone else changed it first. */
  async update(tx: Tx, id: string, expectedVersion: number, row: Partial<E>): Promise<E | null> {
    const result = await tx
      .createQueryBuilder()
      .update(this.entity)
      .set({ ...row, version: () => 'version + 1', updatedAt: () => 'now()' } as never)
      .where('id = :id AND version = :version', { id, version: expectedVersion })
      .execute();
    if (!result.affected) return null;
    return this.findById(id, tx);
  }

  async remove(tx: Tx, id: string): Promise<void> {
    await tx.createQueryBuilder().delete().from(this.entity).where('id = :id', { id }).execute();
  }

  /** Locks the row for the rest of the transaction, so a read-then-write cannot interleave. */
  lock(tx: Tx, id: string): Promise<E | null> {
    if (!this.isId(id)) return Promise.resolve(null);
    return tx.createQueryBuilder(this.entity, 'e').setLock('pessimistic_write').where('e.id = :id', { id }).getOne();
  }
}
