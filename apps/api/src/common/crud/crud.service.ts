import type { z } from 'zod';
import type { ScopeAnchor, ScopedResource } from '../../access/scope.js';
import type { Tx } from '../../database/transaction.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import type { ListQuery, ListResult } from '../list-query.js';
import { parseOrThrow } from '../zod-errors.js';
import type { CrudKit } from './crud-kit.js';
import type { CrudRepository } from './crud.repository.js';
import type { TrackedEntity } from './tracked.entity.js';

/**
 * What every admin resource does the same way: parse, check codes against their value sets, check the caller's
 * scope on the record (before and after the change), write in one transaction with its audit event, refuse
 * stale versions. Subclasses say how input becomes a row (references, derived region), where a row sits in
 * the structure tree, and how a row becomes what the API shows.
 */
export abstract class CrudService<
  E extends TrackedEntity,
  I extends object,
  V extends { id: string },
> implements ScopedResource {
  protected constructor(
    /** The REST resource name, also the audit entity type and the nomenclature binding key. */
    readonly resource: string,
    protected readonly schema: z.ZodType<I>,
    protected readonly repository: CrudRepository<E>,
    protected readonly deps: CrudKit,
  ) {
    deps.policy.register(this);
  }

  /** Where a record sits for the write policy (its organization, place or practitioner). */
  protected abstract scopeOf(row: Partial<E>): ScopeAnchor;

  /** Where an update puts the record; by default where the updated row says. */
  protected scopeAfterUpdate(previous: E, row: Partial<E>): ScopeAnchor {
    return this.scopeOf({ ...previous, ...row });
  }

  async scopeOfRecord(id: string): Promise<ScopeAnchor | null> {
    const row = await this.repository.findById(id);
    return row ? this.scopeOf(row) : null;
  }

  abstract scopeOfNew(parentId: string | null): ScopeAnchor;

  /** Turns valid input into the row to store: checks references, derives region. Throws ValidationError. */
  protected abstract toRow(input: I, previous?: E): Promise<Partial<E>>;

  /** Completes a new row inside the creating transaction (e.g. allocating a business identifier). */
  protected async completeNewRow(_tx: Tx, row: Partial<E>): Promise<Partial<E>> {
    return row;
  }

  /** Writes what lives in other tables (contacts, links) in the same transaction. */
  protected async writeChildren(_tx: Tx, _entity: E, _input: I): Promise<void> {}

  /** The records as the API shows them (children, computed fields). */
  protected async toViews(rows: E[], _tx?: Tx): Promise<V[]> {
    return rows as unknown as V[];
  }

  /**
   * `filter.deprecatedCodes: true` lists the records still holding codes deprecated since they were written;
   * `filter.mine: true` the records of the caller's structures and regions.
   */
  async list(query: ListQuery): Promise<ListResult<V>> {
    const { deprecatedCodes, mine, ...filter } = query.filter;
    if (deprecatedCodes === true) filter.withCodings = this.deps.nomenclatures.deprecatedCodings(this.resource);
    if (mine === true) {
      // Admins hold everything: no filter. Others: their structures and regions (`mine` may not apply here).
      const scope = await this.deps.policy.callerScope();
      if (scope) filter.mine = scope;
    }
    const { rows, total } = await this.repository.list({ ...query, filter });
    return { rows: await this.toViews(rows), total };
  }

  async get(id: string, tx?: Tx): Promise<V> {
    const row = await this.repository.findById(id, tx);
    if (!row) throw new NotFoundError(this.resource, id);
    return (await this.toViews([row], tx))[0]!;
  }

  async create(body: unknown): Promise<V> {
    const input = parseOrThrow(this.schema, body);
    this.deps.nomenclatures.assertValidCodings(this.resource, input);
    const row = await this.toRow(input);
    await this.deps.policy.assertCanWrite(this.resource, [this.scopeOf(row)]);
    return this.deps.transactions.run(async (tx) => {
      const entity = await this.repository.insert(tx, await this.completeNewRow(tx, row));
      await this.writeChildren(tx, entity, input);
      const after = await this.get(entity.id, tx);
      await this.deps.audit.record(tx, { action: 'create', entityType: this.resource, entityId: entity.id, after });
      return after;
    });
  }

  async update(id: string, body: unknown): Promise<V> {
    const previous = await this.repository.findById(id);
    if (!previous) throw new NotFoundError(this.resource, id);
    await this.deps.policy.assertCanWrite(this.resource, [this.scopeOf(previous)]);
    const version = (body as { version?: unknown } | null)?.version;
    if (!Number.isInteger(version)) {
      throw new ValidationError({ version: 'La version de l’enregistrement est requise pour le modifier' });
    }
    const input = parseOrThrow(this.schema, body);
    const before = (await this.toViews([previous]))[0]!;
    // Deprecated codes already on the record stay accepted; new ones are refused (DESIGN §3).
    this.deps.nomenclatures.assertValidCodings(this.resource, input, before);
    const row = await this.toRow(input, previous);
    await this.deps.policy.assertCanWrite(this.resource, [this.scopeAfterUpdate(previous, row)]);
    return this.deps.transactions.run(async (tx) => {
      const entity = await this.repository.update(tx, id, version as number, row);
      if (!entity) throw this.staleVersion(id);
      await this.writeChildren(tx, entity, input);
      const after = await this.get(id, tx);
      await this.deps.audit.record(tx, { action: 'update', entityType: this.resource, entityId: id, before, after });
      return after;
    });
  }

  async remove(id: string): Promise<V> {
    const existing = await this.repository.findById(id);
    if (!existing) throw new NotFoundError(this.resource, id);
    await this.deps.policy.assertCanWrite(this.resource, [this.scopeOf(existing)]);
    return this.deps.transactions.run(async (tx) => {
      const locked = await this.repository.lock(tx, id);
      if (!locked) throw new NotFoundError(this.resource, id);
      const before = (await this.toViews([locked], tx))[0]!;
      await this.repository.remove(tx, id);
      await this.deps.audit.record(tx, { action: 'delete', entityType: this.resource, entityId: id, before });
      return before;
    });
  }

  private staleVersion(id: string): ConflictError {
    return new ConflictError(
      `L’enregistrement ${id} a été modifié par quelqu’un d’autre depuis que vous l’avez ouvert : rechargez-le avant de recommencer.`,
    );
  }
}
