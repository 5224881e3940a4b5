import { tre } from '../fhir.constants.js';
import type { Criterion } from './criteria.js';
import { parseNumber, parseToken, splitOr, splitPrefix } from './search-values.js';

/** The dimensions `location.capacity_keys` holds (migration 1764800000000), with the TRE system the keys stand for. */
const DIMENSIONS: Record<string, { key: 'n' | 's'; system: string }> = {
  'capacity-type': { key: 'n', system: tre('TRE_R329-NatureCapacite') },
  'capacity-status': { key: 's', system: tre('TRE_R330-TypeStatutCapacite') },
};
/** Codes the migration keys: anything else falls back to the capacity subquery. */
const KEYED_CODE = /^[0-9A-Za-z]+$/;

/** `nb-capacity` values that mean "count above 0" for a count that is an integer ≥ 0 (the column's CHECK). */
function meansPositive(raw: string, name: string): boolean {
  const { prefix, rest } = splitPrefix(raw);
  const v = parseNumber(name, rest);
  return ((prefix === 'gt' || prefix === 'sa') && v >= 0 && v < 1) || (prefix === 'ge' && v > 0 && v <= 1) || (prefix === 'ne' && v === 0); // prettier-ignore
}

/**
 * The capacity criteria of one indicator (ANDed on the same indicator) as keys of `location.capacity_keys`:
 * a place matches only if its keys overlap `keys` (a necessary condition), and when `exact` the overlap alone
 * decides (every criterion was turned into keys). Null when none of the criteria can be.
 */
export function capacityKeys(criteria: Criterion[]): { keys: string[]; exact: boolean } | null {
  const codes: Partial<Record<'n' | 's', string[]>> = {};
  let positive = false;
  let exact = true;
  for (const c of criteria) {
    const values = splitOr(c.raw);
    const dimension = Object.hasOwn(DIMENSIONS, c.name) ? DIMENSIONS[c.name]! : undefined;
    if (c.modifier || (dimension && codes[dimension.key]) || (c.name === 'nb-capacity' && positive)) {
      exact = false;
    } else if (dimension) {
      const tokens = values.map((v) => parseToken(c.key, v));
      // A value without the system (or with another one) may match codings the keys do not cover.
      if (tokens.every((t) => t.system === dimension.system && t.code !== null && KEYED_CODE.test(t.code)))
        codes[dimension.key] = tokens.map((t) => t.code!);
      else exact = false;
    } else if (c.name === 'nb-capacity' && values.every((v) => meansPositive(v, c.key))) {
      positive = true;
    } else exact = false;
  }
  const { n, s } = codes;
  if (!n && !s && !positive) return null;
  const suffix = positive ? '+' : '';
  const keys =
    n && s
      ? n.flatMap((a) => s.map((b) => `${a}.${b}${suffix}`))
      : n
        ? n.map((a) => `n${a}${suffix}`)
        : s
          ? s.map((b) => `s${b}${suffix}`)
          : ['+'];
  return { keys, exact };
}
