import { Injectable } from '@nestjs/common';
import type { AccessPolicy } from './access-policy.js';
import { type BundleEntry, fullUrl } from './bundle.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type ResourceType } from './fhir.constants.js';
import { FhirError, invalidParameter } from './fhir-errors.js';
import { FhirRepository } from './fhir.repository.js';
import type { FhirResource } from './mapping/fhir-types.js';
import { toResource } from './mapping/index.js';
import { parseDateRange, parseNumber, UUID } from './search/search-values.js';

/**
 * Read, vread and `_history`. Rows hold their current version only, so history = the current version (if the
 * resource exists) plus its deletion recorded by the audit log; closures are data (closing dates, status).
 */
@Injectable()
export class FhirReadService {
  constructor(private readonly repository: FhirRepository) {}

  async read(type: ResourceType, id: string, policy: AccessPolicy): Promise<FhirResource> {
    const [row] = UUID.test(id) ? await this.repository.rows(type, [id], policy) : [];
    if (row) return toResource(type, row, policy);
    if (UUID.test(id) && (await this.repository.deletions(type, { id, limit: 1 })).length)
      throw new FhirError(410, 'deleted', `${type}/${id} a été supprimé`);
    throw new FhirError(404, 'not-found', `${type}/${id} introuvable`);
  }

  /** The current version by its versionId; an older one is gone (410), an unknown one not found (404). */
  async vread(type: ResourceType, id: string, versionId: string, policy: AccessPolicy): Promise<FhirResource> {
    const resource = await this.read(type, id, policy);
    const current = versionOf(resource);
    if (versionId === current) return resource;
    if (/^\d{1,20}$/.test(versionId) && BigInt(versionId) < BigInt(current))
      throw new FhirError(
        410,
        'not-found',
        `Version ${versionId} de ${type}/${id} non conservée : seule la version courante (${current}) est servie`,
      );
    throw new FhirError(
      404,
      'not-found',
      `Version ${versionId} de ${type}/${id} inconnue (version courante : ${current})`,
    );
  }

  async instanceHistory(type: ResourceType, id: string, policy: AccessPolicy, base: string): Promise<FhirResource> {
    if (!UUID.test(id)) throw new FhirError(404, 'not-found', `${type}/${id} introuvable`);
    const [row] = await this.repository.rows(type, [id], policy);
    const deletions = await this.repository.deletions(type, { id, limit: 1 });
    if (!row && deletions.length === 0) throw new FhirError(404, 'not-found', `${type}/${id} introuvable`);
    const entries = [
      ...(row ? [current(toResource(type, row, policy), base)] : []),
      ...deletions.map((d) => deleted(type, d.id, d.deletedAt, base)),
    ];
    return history(entries);
  }

  /** Changes since `_since` (current versions and deletions), oldest first so a consumer can resume from the last. */
  async typeHistory(
    type: ResourceType,
    pairs: [string, string][],
    policy: AccessPolicy,
    base: string,
  ): Promise<FhirResource> {
    let since: Date | undefined;
    let count = DEFAULT_PAGE_SIZE;
    for (const [key, value] of pairs) {
      if (key === '_since') since = parseDateRange('_since', value).low;
      else if (key === '_count') {
        count = parseNumber('_count', value);
        if (!Number.isInteger(count) || count < 1 || count > MAX_PAGE_SIZE)
          throw invalidParameter('_count', `entre 1 et ${MAX_PAGE_SIZE}`);
      }
    }
    const ids = await this.repository.changedIds(type, since, count, policy);
    const rows = await this.repository.rows(type, ids, policy);
    const deletions = await this.repository.deletions(type, { since, limit: count });
    const entries = [
      ...rows.map((r) => ({ at: r.updatedAt, entry: current(toResource(type, r, policy), base) })),
      ...deletions.map((d) => ({ at: new Date(d.deletedAt), entry: deleted(type, d.id, d.deletedAt, base) })),
    ]
      .sort((a, b) => b.at.getTime() - a.at.getTime())
      .slice(0, count)
      .map((e) => e.entry);
    return history(entries);
  }
}

const history = (entry: BundleEntry[]): FhirResource => ({
  resourceType: 'Bundle',
  type: 'history',
  meta: { lastUpdated: new Date().toISOString() },
  total: entry.length,
  ...(entry.length ? { entry } : {}),
});

export const versionOf = (resource: FhirResource) => (resource.meta as { versionId: string }).versionId;

function current(resource: FhirResource, base: string): BundleEntry {
  const lastModified = (resource.meta as { lastUpdated: string }).lastUpdated;
  return {
    fullUrl: fullUrl(base, resource),
    resource,
    request: { method: 'PUT', url: `${resource.resourceType}/${resource.id}` },
    response: { status: '200 OK', etag: `W/"${versionOf(resource)}"`, lastModified },
  };
}

function deleted(type: ResourceType, id: string, at: Date, base: string): BundleEntry {
  return {
    fullUrl: `${base}/${type}/${id}`,
    request: { method: 'DELETE', url: `${type}/${id}` },
    response: { status: '204 No Content', lastModified: new Date(at).toISOString() },
  };
}
