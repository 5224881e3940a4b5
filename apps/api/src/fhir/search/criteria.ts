import type { AccessPolicy } from '../access-policy.js';
import { type ResourceType, RESOURCE_TYPES } from '../fhir.constants.js';
import { FhirError, invalidParameter } from '../fhir-errors.js';
import { TABLE } from '../fhir-row-sql.js';
import { capacityKeys } from './capacity-keys.js';
import { paramDef, type RefDef, unsupportedModifier } from './search-parameters.js';
import { splitOr } from './search-values.js';
import { SqlParams } from './sql-params.js';

/** One search criterion: `name[:modifier]` possibly chained (`organization:above.identifier`), with its values. */
export type Criterion = {
  /** Chain of reference steps before the final parameter. */
  chain: { name: string; above: boolean }[];
  /** Reverse chain `_has:Type:ref:…`, applied before `chain`. */
  has?: { type: ResourceType; ref: string; rest: Criterion };
  name: string;
  modifier?: string;
  /** Comma-separated values (OR); a parameter repeated in the query gives several criteria (AND). */
  raw: string;
  key: string;
};

/** Parses a query key and value into a criterion, or returns null when the name is unknown for the type. */
export function parseCriterion(type: ResourceType, key: string, raw: string): Criterion | null {
  if (key.startsWith('_has:')) {
    const [, t, ref, ...restParts] = key.split(':');
    const rest = restParts.join(':');
    if (!t || !ref || !rest || !RESOURCE_TYPES.includes(t as ResourceType))
      throw invalidParameter(key, 'forme attendue _has:Type:référence:paramètre');
    const source = t as ResourceType;
    const def = paramDef(source, ref);
    if (!def?.ref || def.ref.target !== type) throw invalidParameter(key, `${source}:${ref} ne référence pas ${type}`);
    const inner = parseCriterion(source, rest, raw);
    if (!inner) throw invalidParameter(key, `paramètre inconnu « ${rest} » pour ${source}`);
    return { chain: [], has: { type: source, ref, rest: inner }, name: '_has', raw, key };
  }
  const segments = key.split('.');
  const chain: Criterion['chain'] = [];
  let current = type;
  for (const [i, segment] of segments.entries()) {
    const [name, modifier] = segment.split(':') as [string, string | undefined];
    const def = paramDef(current, name);
    if (!def) return null;
    const last = i === segments.length - 1;
    // `location:equipment-type` (the IG's capacity page) means the chain `location.equipment-type`.
    if (last && def.ref && modifier && modifier !== 'above' && paramDef(def.ref.target, modifier))
      return parseCriterion(type, [...segments.slice(0, i), name, modifier].join('.'), raw);
    if (!last) {
      if (!def.ref) throw invalidParameter(key, `${name} n'est pas une référence : pas de chaînage possible`);
      if (modifier && modifier !== 'above' && modifier !== def.ref.target) throw unsupportedModifier(name, modifier);
      if (modifier === 'above' && !def.modifiers?.includes('above')) throw unsupportedModifier(name, modifier);
      chain.push({ name, above: modifier === 'above' });
      current = def.ref.target;
      continue;
    }
    let mod = modifier;
    // `organization.identifier:above` (documentation form) = `organization:above.identifier` (IG form).
    if (mod === 'above' && chain.length && !def.modifiers?.includes('above') && chain[0]!.name === 'organization') {
      chain[0]!.above = true;
      mod = undefined;
    }
    if (mod && mod !== 'not' && !def.modifiers?.includes(mod)) throw unsupportedModifier(name, mod);
    if (mod === 'not' && def.type !== 'token') throw unsupportedModifier(name, mod);
    return { chain, name, modifier: mod, raw, key };
  }
  return null;
}

let aliasCounter = 0;
const nextAlias = (prefix: string) => `${prefix}${++aliasCounter % 1_000_000}`;

/** Target ids of a reference, selected from the sources (alias `s`) matching `where`. */
function referencedIdsSql(source: ResourceType, ref: RefDef, s: string, where: string): string {
  if (ref.column) return `SELECT ${s}.${ref.column} FROM ${TABLE[source]} ${s} WHERE ${where}`;
  const l = ref.link!;
  return `SELECT lk.${l.target} FROM ${l.table} lk JOIN ${TABLE[source]} ${s} ON ${s}.id = lk.${l.source} WHERE ${where}`;
}

/** Condition on source alias `a`: its reference points into the ids selected by `targetIds`. */
function refersToSql(a: string, ref: RefDef, targetIds: string): string {
  if (ref.column) return `${a}.${ref.column} IN (${targetIds})`;
  const l = ref.link!;
  return `EXISTS (SELECT 1 FROM ${l.table} lk WHERE lk.${l.source} = ${a}.id AND lk.${l.target} IN (${targetIds}))`;
}

/** Organizations matching `cond`, and every organization below them (for `:above`). */
const withDescendants = (ids: string) =>
  `WITH RECURSIVE d(id) AS (${ids} UNION SELECT c.id FROM organization c JOIN d ON c.parent_id = d.id) SELECT id FROM d`;

/** Postal-code prefixes stored on the offer (migration 1764500000000): ASCII, so `search_text` keeps their length. */
const STORED_PREFIX = /^([0-9a-z]{2}|[0-9a-z]{3}|[0-9a-z]{5})$/i;

/**
 * `location.address-postalcode=<prefix>` alone, the IG's département search: the offer's own
 * `location_postal_prefixes` (GIN) instead of a join over every offer–place link, when the prefix has a stored
 * length. Exact: a place of a visible offer is visible unless the client is limited to regions (then the join is
 * kept as well, the column still narrowing the candidates).
 */
function offerPostalCodeSql(a: string, criteria: Criterion[], p: SqlParams): string | null {
  const [c, ...others] = criteria;
  if (!c || others.length || c.chain.length || c.has || c.modifier || c.name !== 'address-postalcode') return null;
  const values = splitOr(c.raw);
  if (!values.every((v) => STORED_PREFIX.test(v))) return null;
  return `${a}.location_postal_prefixes && ${p.add(values.map((v) => v.toLowerCase()))}::text[]`;
}

/** SQL of one criterion's values (ORed) on alias `a`. */
function termSql(type: ResourceType, a: string, c: Criterion, p: SqlParams): string {
  const def = paramDef(type, c.name)!;
  const terms = splitOr(c.raw).map((v) => {
    if (v === '') throw invalidParameter(c.key, 'valeur vide');
    if (v.length > 500) throw invalidParameter(c.key, 'valeur trop longue');
    return `(${def.term!(a, v, c.modifier, p, c.key)})`;
  });
  // `:not` keeps the rows lacking the element: a NULL column must count as "no match", not as unknown.
  return c.modifier === 'not' ? `NOT coalesce(${terms.join(' OR ')}, false)` : `(${terms.join(' OR ')})`;
}

/** What criteria need of the client's access policy. */
export type Scope = Pick<AccessPolicy, 'visibleSql' | 'regions'>;

/**
 * SQL of criteria on alias `a` of `type`: chained criteria on the same reference share one subquery, and
 * capacity (or equipment) criteria are evaluated on the same indicator (documented deviation from plain FHIR,
 * docs/fhir.md). Chained targets are restricted to what the client may see.
 */
export function criteriaSql(
  type: ResourceType,
  a: string,
  criteria: Criterion[],
  p: SqlParams,
  policy: Scope,
): string[] {
  const visible = (t: ResourceType, alias: string) => policy.visibleSql(t, alias);
  const out: string[] = [];
  const chained = new Map<string, Criterion[]>();
  const grouped = new Map<'capacity' | 'equipment', Criterion[]>();
  for (const c of criteria) {
    if (c.has) {
      const { type: source, ref, rest } = c.has;
      const def = paramDef(source, ref)!.ref!;
      const s = nextAlias('h');
      const inner = criteriaSql(source, s, [rest], p, policy).join(' AND ');
      out.push(`${a}.id IN (${referencedIdsSql(source, def, s, `${visible(source, s)} AND ${inner}`)})`);
      continue;
    }
    if (c.chain.length) {
      const [head, ...tail] = c.chain;
      const key = `${head!.name}:${head!.above}`;
      chained.set(key, [...(chained.get(key) ?? []), { ...c, chain: tail }]);
      continue;
    }
    const group = paramDef(type, c.name)!.group;
    if (group) grouped.set(group, [...(grouped.get(group) ?? []), c]);
    else out.push(termSql(type, a, c, p));
  }
  for (const [group, members] of grouped) {
    // Capacity criteria the place's keys decide alone skip the indicator subquery (their values are still
    // checked, on parameters the statement does not carry).
    const keys = group === 'capacity' ? capacityKeys(members) : null;
    if (keys) out.push(`${a}.capacity_keys && ${p.add(keys.keys)}::text[]`);
    const conds = members.map((c) => termSql(type, 'g', c, keys?.exact ? new SqlParams() : p));
    if (!keys?.exact)
      out.push(`EXISTS (SELECT 1 FROM ${group} g WHERE g.location_id = ${a}.id AND ${conds.join(' AND ')})`);
  }
  for (const [key, subCriteria] of chained) {
    const [name, above] = key.split(':') as [string, string];
    const ref = paramDef(type, name)!.ref!;
    const byPrefix = type === 'HealthcareService' && name === 'location' ? offerPostalCodeSql(a, subCriteria, p) : null;
    if (byPrefix && policy.regions.length === 0) {
      out.push(byPrefix);
      continue;
    }
    if (byPrefix) out.push(byPrefix);
    const t = nextAlias('t');
    const where = [visible(ref.target, t), ...criteriaSql(ref.target, t, subCriteria, p, policy)].join(' AND ');
    let ids = `SELECT ${t}.id FROM ${TABLE[ref.target]} ${t} WHERE ${where}`;
    if (above === 'true') {
      if (ref.target !== 'Organization')
        throw new FhirError(400, 'not-supported', ':above sur les organisations seulement');
      ids = withDescendants(ids);
    }
    out.push(refersToSql(a, ref, ids));
  }
  return out;
}
