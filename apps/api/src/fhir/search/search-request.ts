import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type ResourceType, RESOURCE_TYPES } from '../fhir.constants.js';
import { type Elements, parseElements } from '../elements.js';
import { FhirError, invalidParameter } from '../fhir-errors.js';
import { type Criterion, parseCriterion } from './criteria.js';
import { type NearPoint, paramDef, parseNear } from './search-parameters.js';
import { parseNumber } from './search-values.js';

export type Include = { source: ResourceType; param: string; target: ResourceType; reverse: boolean };
export type SortKey = '_id' | '_lastUpdated' | 'name' | 'identifier' | 'family' | '_distance';
export type Cursor = { values: [string | number, string]; position: number; backwards: boolean };

export type SearchRequest = {
  type: ResourceType;
  criteria: Criterion[];
  filter: string | null;
  near: NearPoint | null;
  count: number;
  sort: { key: SortKey; descending: boolean };
  includes: Include[];
  summaryCount: boolean;
  /** `_elements`: what each resource is reduced to (elements.ts); empty = whole resources. */
  elements: Elements;
  cursor: Cursor | null;
  /** Parameters ignored (lenient mode), reported in an OperationOutcome entry. */
  ignored: string[];
  /** The query without the paging cursor, to build links. */
  query: [string, string][];
};

const SORTABLE: Record<ResourceType, SortKey[]> = {
  HealthcareService: ['_id', '_lastUpdated', 'name', 'identifier'],
  Location: ['_id', '_lastUpdated', 'name', 'identifier', '_distance'],
  Organization: ['_id', '_lastUpdated', 'name'],
  Practitioner: ['_id', '_lastUpdated', 'family'],
  PractitionerRole: ['_id', '_lastUpdated'],
};

const IGNORED_QUIETLY = new Set(['_format', '_pretty']);

/** Flattens Express's query object into ordered key/value pairs (repeated keys kept). */
export function queryPairs(query: Record<string, unknown>): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [k, v] of Object.entries(query)) {
    for (const value of Array.isArray(v) ? v : [v]) {
      if (typeof value !== 'string') throw invalidParameter(k, 'valeur mal formée');
      pairs.push([k, value]);
    }
  }
  return pairs;
}

function parseInclude(type: ResourceType, key: string, value: string, reverse: boolean): Include | string {
  const [source, param, target] = value.split(':');
  if (!source || !param || !RESOURCE_TYPES.includes(source as ResourceType))
    return `${key}=${value} : ressource non prise en charge`;
  const def = paramDef(source as ResourceType, param);
  if (!def?.ref) return `${key}=${value} : paramètre de référence inconnu`;
  if (target && target !== def.ref.target) return `${key}=${value} : cible ${target} impossible`;
  if (
    !reverse &&
    source !== type &&
    !key.includes(':iterate') &&
    !['Organization', 'PractitionerRole'].includes(source)
  )
    return `${key}=${value} : ne s'applique pas à ${type}`;
  return { source: source as ResourceType, param, target: def.ref.target, reverse };
}

function parseCursor(raw: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { v?: unknown; n?: unknown; b?: unknown };
    const v = c.v as unknown[];
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      (typeof v[0] === 'string' || typeof v[0] === 'number') &&
      typeof v[1] === 'string' &&
      /^[0-9a-f-]{36}$/.test(v[1]) &&
      Number.isInteger(c.n) &&
      (c.n as number) >= 0
    )
      return { values: [v[0], v[1]], position: c.n as number, backwards: c.b === true };
  } catch {
    // fall through: any malformed cursor is the same client error
  }
  throw invalidParameter('_cursor', 'curseur de pagination invalide (utiliser les liens next/previous)');
}

export const encodeCursor = (c: Cursor) =>
  Buffer.from(JSON.stringify({ v: c.values, n: c.position, ...(c.backwards ? { b: true } : {}) })).toString(
    'base64url',
  );

/** Reads a search query: criteria, controls, and what is ignored (or refused with `Prefer: handling=strict`). */
export function parseSearchRequest(type: ResourceType, pairs: [string, string][], strict: boolean): SearchRequest {
  const req: SearchRequest = {
    type,
    criteria: [],
    filter: null,
    near: null,
    count: DEFAULT_PAGE_SIZE,
    sort: { key: '_id', descending: false },
    includes: [],
    summaryCount: false,
    elements: [],
    cursor: null,
    ignored: [],
    query: [],
  };
  const ignore = (message: string) => {
    if (strict) throw new FhirError(400, 'not-supported', `${message} (Prefer: handling=strict)`);
    req.ignored.push(message);
  };
  let sortGiven = false;
  for (const [key, value] of pairs) {
    if (key !== '_cursor') req.query.push([key, value]);
    if (IGNORED_QUIETLY.has(key)) continue;
    switch (key) {
      case '_cursor':
        req.cursor = parseCursor(value);
        continue;
      case '_count': {
        const n = parseNumber('_count', value);
        if (!Number.isInteger(n) || n < 0) throw invalidParameter('_count', 'entier positif attendu');
        if (n > MAX_PAGE_SIZE)
          throw invalidParameter('_count', `au plus ${MAX_PAGE_SIZE} résultats par page (demandé : ${n})`);
        req.count = n;
        continue;
      }
      case '_sort': {
        const first = value.split(',')[0]!;
        const descending = first.startsWith('-');
        const k = (descending ? first.slice(1) : first) as SortKey;
        if (!SORTABLE[type].includes(k) || k === '_distance')
          throw invalidParameter(
            '_sort',
            `tri possible sur ${SORTABLE[type].filter((s) => s !== '_distance').join(', ')}`,
          );
        req.sort = { key: k, descending };
        sortGiven = true;
        if (value.includes(',')) ignore(`_sort : seul le premier critère (${first}) est appliqué`);
        continue;
      }
      case '_summary':
        // No resource here carries a narrative: `data` is the whole resource, as `false` is.
        if (value === 'count') req.summaryCount = true;
        else if (value !== 'false' && value !== 'data')
          ignore(`_summary=${value} non pris en charge (count, data et false le sont)`);
        continue;
      case '_elements':
        req.elements.push(...parseElements([value]));
        continue;
      case '_total':
        continue;
      case '_filter':
        if (req.filter) throw invalidParameter('_filter', 'un seul _filter par requête');
        req.filter = value;
        continue;
      case '_include':
      case '_include:iterate':
      case '_revinclude':
      case '_revinclude:iterate': {
        const inc = parseInclude(type, key, value, key.startsWith('_revinclude'));
        if (typeof inc === 'string') ignore(inc);
        else req.includes.push(inc);
        continue;
      }
    }
    const criterion = parseCriterion(type, key, value);
    if (!criterion) {
      ignore(`paramètre inconnu ou non pris en charge : ${key}`);
      continue;
    }
    if (type === 'Location' && key === 'near') req.near = parseNear(key, value);
    req.criteria.push(criterion);
  }
  if (req.near && !sortGiven) req.sort = { key: '_distance', descending: false };
  if (req.cursor && req.sort.key === '_distance' && typeof req.cursor.values[0] !== 'number')
    throw invalidParameter('_cursor', 'curseur de pagination invalide');
  return req;
}
