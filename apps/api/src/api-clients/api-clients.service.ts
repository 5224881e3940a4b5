import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { AuditService } from '../audit/audit.service.js';
import type { AccessProfile, ApiClientPrincipal } from '../auth/principal.js';
import { NotFoundError, ValidationError } from '../common/errors.js';
import type { ListQuery, ListResult } from '../common/list-query.js';
import { requestContext } from '../common/request-context.js';
import { APP_CONFIG, type AppConfig } from '../config.js';
import { parseOrThrow } from '../common/zod-errors.js';
import { type Tx, TransactionRunner } from '../database/transaction.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import type { ApiClient } from './api-client.entity.js';
import { apiClientSchema } from './api-client.schema.js';
import { ApiClientsRepository } from './api-clients.repository.js';

const RESOURCE = 'api-clients';
const hash = (key: string) => createHash('sha256').update(key).digest('hex');

/** A new key: an identifiable prefix (shown in lists, greppable in leaked logs) and 32 random bytes. */
function newKey(): { key: string; prefix: string; hash: string } {
  const prefix = `ror_${randomBytes(4).toString('hex')}`;
  const key = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hash(key) };
}

/** What a client's creation or rotation returns: the only time the key is ever shown. */
export type ApiClientWithKey = ApiClient & { key: string };

/** Keys remembered at most (the oldest is forgotten first): a bound on memory, far above the ~30 consumers. */
const KEY_CACHE_SIZE = 1000;

@Injectable()
export class ApiClientsService {
  private readonly logger = new Logger('ApiClientsService');
  private readonly lastTouched = new Map<string, number>();
  /**
   * Recently authenticated keys (by hash), so that a machine client's requests do not each look the key up
   * in PostgreSQL. A rotation or revocation through this process drops the client's entries at once; other
   * instances (and the operator command) see it within API_KEY_CACHE_SECONDS.
   */
  private readonly keyCache = new Map<string, { principal: ApiClientPrincipal; expiresAt: number }>();
  /** Bumped by every invalidation: a lookup that was in flight meanwhile must not cache what it read. */
  private invalidations = 0;
  private readonly keyCacheMs: number;

  constructor(
    private readonly repository: ApiClientsRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.keyCacheMs = config.apiKeyCacheSeconds * 1000;
  }

  list(query: ListQuery): Promise<ListResult<ApiClient>> {
    return this.repository.list(query);
  }

  async get(id: string): Promise<ApiClient> {
    const client = await this.repository.findById(id);
    if (!client) throw new NotFoundError(RESOURCE, id);
    return client;
  }

  async create(body: unknown, createdBy = requestContext.current()?.actor ?? 'system'): Promise<ApiClientWithKey> {
    const input = parseOrThrow(apiClientSchema, body);
    const known = await this.organizations.findMany(input.capacityWriteOrganizationIds);
    if (known.length !== new Set(input.capacityWriteOrganizationIds).size) {
      throw new ValidationError({ capacityWriteOrganizationIds: 'Structure inconnue dans la liste' });
    }
    const { key, prefix, hash: keyHash } = newKey();
    return this.transactions.run(async (tx) => {
      const client = await this.repository.insert(tx, { ...input, keyPrefix: prefix, keyHash, createdBy });
      await this.audit.record(tx, { action: 'create', entityType: RESOURCE, entityId: client.id, after: client });
      return { ...client, key };
    });
  }

  /** A new key replaces the old one at once: the old key stops working in the same transaction. */
  async rotate(id: string): Promise<ApiClientWithKey> {
    const { key, prefix, hash: keyHash } = newKey();
    const after = await this.change(id, 'rotation de clé', (tx) => this.repository.replaceKey(tx, id, prefix, keyHash));
    return { ...after, key };
  }

  revoke(id: string): Promise<ApiClient> {
    return this.change(id, 'révocation', (tx) => this.repository.revoke(tx, id));
  }

  /** Rotation and revocation: only an active client changes, audited with its before and after. */
  private async change(id: string, reason: string, write: (tx: Tx) => Promise<boolean>): Promise<ApiClient> {
    const before = await this.get(id);
    this.forget(id);
    try {
      return await this.transactions.run(async (tx) => {
        if (!(await write(tx))) throw new ValidationError({ status: 'Ce client est révoqué' });
        const after = (await this.repository.findById(id, tx))!;
        await this.audit.record(tx, { action: 'update', entityType: RESOURCE, entityId: id, before, after, reason });
        return after;
      });
    } finally {
      // Again once committed: a request authenticated while the transaction ran read the old key.
      this.forget(id);
    }
  }

  /** Drops the cached keys of a client. */
  private forget(clientId: string): void {
    this.invalidations++;
    for (const [keyHash, entry] of this.keyCache) if (entry.principal.id === clientId) this.keyCache.delete(keyHash);
  }

  /** The caller behind an `X-API-Key`, or null for a missing, unknown or revoked key. */
  async authenticate(key: string | undefined): Promise<ApiClientPrincipal | null> {
    if (!key || key.length > 200) return null;
    const keyHash = hash(key);
    const now = Date.now();
    const cached = this.keyCache.get(keyHash);
    let principal = cached && cached.expiresAt > now ? cached.principal : null;
    if (!principal) {
      const generation = this.invalidations;
      const client = await this.repository.findActiveByKeyHash(keyHash);
      if (!client) {
        this.keyCache.delete(keyHash);
        return null;
      }
      // Frozen: the same object serves every request of the cache's lifetime.
      principal = Object.freeze({
        kind: 'api-client',
        id: client.id,
        name: client.name,
        accessProfile: client.accessProfile as AccessProfile,
        regions: Object.freeze([...client.regionCodes]) as string[],
        capacityWriteOrganizationIds: Object.freeze([...client.capacityWriteOrganizationIds]) as string[],
      });
      if (this.keyCacheMs > 0 && generation === this.invalidations) this.remember(keyHash, principal, now);
    }
    if ((this.lastTouched.get(principal.id) ?? 0) < now - 60_000) {
      this.lastTouched.set(principal.id, now);
      // Bookkeeping only: the request does not wait for it.
      this.repository
        .touch(principal.id)
        .catch((error: unknown) => this.logger.warn(`last_used_at : ${String(error)}`));
    }
    return principal;
  }

  private remember(keyHash: string, principal: ApiClientPrincipal, now: number): void {
    this.keyCache.delete(keyHash);
    if (this.keyCache.size >= KEY_CACHE_SIZE) this.keyCache.delete(this.keyCache.keys().next().value!);
    this.keyCache.set(keyHash, { principal, expiresAt: now + this.keyCacheMs });
  }
}
