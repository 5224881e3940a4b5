import type { ResourceType } from '../fhir.constants.js';
import { SYSTEM } from '../fhir.constants.js';
import { FhirError, invalidParameter } from '../fhir-errors.js';
import type { SqlParams } from './sql-params.js';
import { parseDateRange, parseNumber, parseToken, type Prefix, splitPipe, splitPrefix, UUID } from './search-values.js';

/** Builds the SQL of one OR-term of a parameter on alias `a`. */
type Term = (a: string, raw: string, modifier: string | undefined, p: SqlParams, name: string) => string;

export type ParamType = 'token' | 'string' | 'date' | 'number' | 'quantity' | 'reference' | 'special';

/** How a reference parameter links a source row to its target (a column, or a link table). */
export type RefDef = {
  target: ResourceType;
  column?: string;
  link?: { table: string; source: string; target: string };
};

export type ParamDef = {
  type: ParamType;
  /** Parameters evaluated on the same child row (one capacity indicator, one equipment) are ANDed inside one EXISTS. */
  group?: 'capacity' | 'equipment';
  term?: Term;
  ref?: RefDef;
  modifiers?: string[];
  /** The published SearchParameter, when the parameter is one of the IG's 36. */
  canonical?: string;
};

const SP = (id: string) => `https://interop.esante.gouv.fr/ig/fhir/ror/SearchParameter/${id}`;

// ---- term builders -------------------------------------------------------------------------------------

/** Token on jsonb codings (one coding, or an array when `array`): containment, so GIN indexes apply. */
function codingContains(p: SqlParams, name: string, raw: string, column: string, array: boolean): string {
  const { system, code } = parseToken(name, raw);
  if (system === '') return 'false'; // stored codings always carry their TRE system
  const probe: Record<string, string> = {};
  if (system) probe.system = system;
  if (code) probe.code = code;
  if (array && system && code) {
    // The GIN index is probed on the code alone (the system is in every coding: its posting list spans the
    // table); the same coding carrying the system is then checked on the rows found (a function: not indexed).
    const codeOnly = p.add(JSON.stringify([{ code }]));
    const vars = p.add(JSON.stringify({ s: system, c: code }));
    return `(${column} @> ${codeOnly}::jsonb AND jsonb_path_exists(${column}, '$[*] ? (@.system == $s && @.code == $c)', ${vars}::jsonb))`;
  }
  return `${column} @> ${p.add(JSON.stringify(array ? [probe] : probe))}::jsonb`;
}

const coding =
  (...columns: string[]): Term =>
  (a, raw, _m, p, name) =>
    columns.map((c) => codingContains(p, name, raw, `${a}.${c}`, false)).join(' OR ');
const codings =
  (...columns: string[]): Term =>
  (a, raw, _m, p, name) =>
    columns.map((c) => codingContains(p, name, raw, `${a}.${c}`, true)).join(' OR ');
const anyOf =
  (...terms: Term[]): Term =>
  (a, raw, m, p, name) =>
    terms.map((t) => `(${t(a, raw, m, p, name)})`).join(' OR ');

/** Token on a plain text column, with the systems that may qualify it (any other system matches nothing). */
const textToken =
  (column: (a: string) => string, systems: string[] = []): Term =>
  (a, raw, _m, p, name) => {
    const { system, code } = parseToken(name, raw);
    if (system !== null && system !== '' && systems.length && !systems.includes(system)) return 'false';
    if (system === '' && systems.length) return 'false';
    if (code === null) return `${column(a)} IS NOT NULL`;
    return `${column(a)} = ${p.add(code)}`;
  };

const uuidToken =
  (column = 'id'): Term =>
  (a, raw, _m, p) => {
    const id = raw.includes('/') ? raw.slice(raw.lastIndexOf('/') + 1) : raw;
    return UUID.test(id) ? `${a}.${column} = ${p.add(id)}::uuid` : 'false';
  };

/** A client value inside a LIKE pattern: its wildcards are literal characters. */
const likeEscape = (raw: string) => raw.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** String search: accent- and case-insensitive starts-with by default, `:exact`, `:contains`. */
const text =
  (...columns: string[]): Term =>
  (a, raw, modifier, p) =>
    columns
      .map((c) => {
        if (modifier === 'exact') return `${a}.${c} = ${p.add(raw)}`;
        const pattern = modifier === 'contains' ? `%${likeEscape(raw)}%` : `${likeEscape(raw)}%`;
        return `search_text(${a}.${c}) LIKE search_text(${p.add(pattern)})`;
      })
      .join(' OR ');

const textArray =
  (column: string): Term =>
  (a, raw, modifier, p) =>
    modifier === 'exact'
      ? `${p.add(raw)} = ANY(${a}.${column})`
      : `EXISTS (SELECT 1 FROM unnest(${a}.${column}) s WHERE search_text(s) LIKE search_text(${p.add(
          `${modifier === 'contains' ? '%' : ''}${likeEscape(raw)}%`,
        )}))`;

/** `_content` (a draft of the IG): accent- and case-insensitive "contains" over the resource's main texts. */
const content =
  (...texts: ((a: string) => string)[]): Term =>
  (a, raw, _m, p) =>
    `search_text(${texts.map((t) => `coalesce(${t(a)}, '')`).join(` || ' ' || `)}) LIKE search_text(${p.add(`%${likeEscape(raw)}%`)})`;

/** `true` or `false`, the values of a token on a boolean. */
function booleanToken(name: string, raw: string): 'true' | 'false' {
  const { code } = parseToken(name, raw);
  if (code !== 'true' && code !== 'false') throw invalidParameter(name, 'true ou false attendu');
  return code;
}

/**
 * A reference searched directly: `id`, `Type/id` or an absolute URL ending so. `:above` (organisations) also
 * matches the rows referencing an organisation below the one given, as the chained `organization:above.…` does.
 */
const referenceTerm =
  (ref: RefDef): Term =>
  (a, raw, modifier, p) => {
    const cut = raw.lastIndexOf('/');
    const id = raw.slice(cut + 1);
    if (!UUID.test(id) || (cut >= 0 && !raw.slice(0, cut).endsWith(ref.target))) return 'false';
    const given = `${p.add(id)}::uuid`;
    const targets =
      modifier === 'above'
        ? `(WITH RECURSIVE below(id) AS (SELECT ${given} UNION SELECT o.id FROM organization o JOIN below ON o.parent_id = below.id) SELECT id FROM below)`
        : `(${given})`;
    if (ref.column) return `${a}.${ref.column} IN ${targets}`;
    const l = ref.link!;
    return `EXISTS (SELECT 1 FROM ${l.table} lk WHERE lk.${l.source} = ${a}.id AND lk.${l.target} IN ${targets})`;
  };

const reference = (ref: RefDef, modifiers?: string[]): ParamDef => ({
  type: 'reference',
  ref,
  term: referenceTerm(ref),
  ...(modifiers ? { modifiers } : {}),
});

/** `low`/`high` bind their value when used, so no statement carries an unused (untyped) parameter. */
function rangeCondition(prefix: Prefix, column: string, lowBind: () => string, highBind: () => string): string {
  const low = lowBind;
  const high = highBind;
  switch (prefix) {
    case 'eq':
    case 'ap':
      return `(${column} >= ${low()} AND ${column} < ${high()})`;
    case 'ne':
      return `NOT (${column} >= ${low()} AND ${column} < ${high()})`;
    case 'gt':
    case 'sa':
      return `${column} >= ${high()}`;
    case 'ge':
      return `${column} >= ${low()}`;
    case 'lt':
    case 'eb':
      return `${column} < ${low()}`;
    case 'le':
      return `${column} < ${high()}`;
  }
}

/** Date parameter on a timestamp/date column: the value is a range (a day, a month…) compared per prefix. */
const date =
  (column: (a: string) => string): Term =>
  (a, raw, _m, p, name) => {
    const { prefix, rest } = splitPrefix(raw);
    const { low, high } = parseDateRange(name, rest);
    return rangeCondition(
      prefix,
      column(a),
      () => `${p.add(low.toISOString())}::timestamptz`,
      () => `${p.add(high.toISOString())}::timestamptz`,
    );
  };

/** Date parameter on a Period [start, end] (FHIR period semantics, open ends unbounded). */
const period =
  (start: (a: string) => string, end: (a: string) => string): Term =>
  (a, raw, _m, p, name) => {
    const { prefix, rest } = splitPrefix(raw);
    const { low, high } = parseDateRange(name, rest);
    const lo = () => `${p.add(low.toISOString())}::timestamptz`;
    const hi = () => `${p.add(high.toISOString())}::timestamptz`;
    const s = `coalesce(${start(a)}::timestamptz, '-infinity')`;
    const e = `coalesce((${end(a)} + 1)::timestamptz, 'infinity')`;
    const has = `${start(a)} IS NOT NULL`;
    const cond: Record<Prefix, () => string> = {
      eq: () => `${s} >= ${lo()} AND ${e} <= ${hi()}`,
      ap: () => `${s} < ${hi()} AND ${e} > ${lo()}`,
      ne: () => `NOT (${s} >= ${lo()} AND ${e} <= ${hi()})`,
      gt: () => `${e} > ${hi()}`,
      lt: () => `${s} < ${lo()}`,
      ge: () => `${e} > ${lo()}`,
      le: () => `${s} < ${hi()}`,
      sa: () => `${s} >= ${hi()}`,
      eb: () => `${e} <= ${lo()}`,
    };
    return `${has} AND ${cond[prefix]()}`;
  };

const numberCmp = (prefix: Prefix, column: string, value: string): string => {
  const op: Record<Prefix, string> = {
    eq: '=',
    ap: '=',
    ne: '<>',
    gt: '>',
    lt: '<',
    ge: '>=',
    le: '<=',
    sa: '>',
    eb: '<',
  };
  return `${column} ${op[prefix]} ${value}`;
};

const number =
  (column: (a: string) => string): Term =>
  (a, raw, _m, p, name) => {
    const { prefix, rest } = splitPrefix(raw);
    return numberCmp(prefix, column(a), p.add(parseNumber(name, rest)));
  };

/** Age quantities: unit `a` under UCUM or the NOS TRE_R247 system (treated as equal, ror-ig.md §4.4). */
const ageQuantity =
  (column: string): Term =>
  (a, raw, _m, p, name) => {
    const { prefix, rest } = splitPrefix(raw);
    const [value, system, code] = splitPipe(rest);
    if (system && system !== SYSTEM.ucum && system !== SYSTEM.ucumNos) return 'false';
    if (code && code !== 'a') return 'false';
    return numberCmp(prefix, `${a}.${column}`, p.add(parseNumber(name, value!)));
  };

/** For IG parameters on data this back-office does not hold (tariffs, housing, helipad): values are checked, nothing matches. */
const noData =
  (type: ParamType): Term =>
  (_a, raw, _m, _p, name) => {
    if (type === 'token') parseToken(name, raw);
    else if (type === 'date') parseDateRange(name, splitPrefix(raw).rest);
    else if (type === 'number') parseNumber(name, splitPrefix(raw).rest);
    return 'false';
  };

// ---- near --------------------------------------------------------------------------------------------

export type NearPoint = { lat: number; lon: number; km: number };

/** `near=lat|long|distance|unit` (unit km by default, m accepted); distance defaults to 10 km. */
export function parseNear(name: string, raw: string): NearPoint {
  const [lat, lon, dist, unit] = splitPipe(raw);
  const la = parseNumber(name, lat ?? '');
  const lo = parseNumber(name, lon ?? '');
  if (Math.abs(la) > 90 || Math.abs(lo) > 180) throw invalidParameter(name, 'coordonnées hors limites');
  let km = dist ? parseNumber(name, dist) : 10;
  const u = unit ?? 'km';
  if (u === 'm' || u === 'http://unitsofmeasure.org|m') km /= 1000;
  else if (u !== 'km' && u !== '') throw invalidParameter(name, `unité « ${u} » non prise en charge (km ou m)`);
  if (km <= 0 || km > 2000) throw invalidParameter(name, 'distance hors limites (0 à 2000 km)');
  return { lat: la, lon: lo, km };
}

/** Great-circle distance in km (haversine) from a bound point to the row's position. */
export const distanceSql = (a: string, lat: string, lon: string) =>
  `(12742 * asin(sqrt(power(sin(radians(${a}.latitude - ${lat}) / 2), 2) + cos(radians(${lat})) * cos(radians(${a}.latitude)) * power(sin(radians(${a}.longitude - ${lon}) / 2), 2))))`;

/** Bounding box first (uses the position index), then the exact distance. */
function withinSql(a: string, pt: NearPoint, p: SqlParams): string {
  const dLat = pt.km / 111.2;
  const dLon = pt.km / (111.2 * Math.max(Math.cos((pt.lat * Math.PI) / 180), 0.01));
  const lat = p.add(pt.lat);
  const lon = p.add(pt.lon);
  return `${a}.latitude BETWEEN ${p.add(pt.lat - dLat)} AND ${p.add(pt.lat + dLat)}
    AND ${a}.longitude BETWEEN ${p.add(pt.lon - dLon)} AND ${p.add(pt.lon + dLon)}
    AND ${distanceSql(a, `${lat}::float8`, `${lon}::float8`)} <= ${p.add(pt.km)}`;
}

const near: Term = (a, raw, _m, p, name) => withinSql(a, parseNear(name, raw), p);

/**
 * `near-insee-code=<commune>[|distance|unit]`: places in that commune, or in communes whose centroid lies
 * within the distance of its centroid (the published expression reads an address extension RORLocation
 * does not carry; ror-ig.md §4.4).
 */
const nearInseeCode: Term = (a, raw, _m, p, name) => {
  const [code, dist, unit] = splitPipe(raw);
  if (!code || !/^(\d{5}|2[AB]\d{3})$/.test(code))
    throw invalidParameter(name, `code commune INSEE invalide « ${raw} »`);
  if (!dist) return `${a}.commune_code = ${p.add(code)}`;
  const pt = parseNear(name, `0|0|${dist}|${unit ?? 'km'}`);
  return `${a}.commune_code IN (SELECT c2.code FROM commune c1 JOIN commune c2
      ON ${distanceSql('c2', 'c1.latitude', 'c1.longitude')} <= ${p.add(pt.km)} WHERE c1.code = ${p.add(code)})
    OR ${a}.commune_code = ${p.add(code)}`;
};

/** FHIR Location.status from the stored R203 status (3 opérationnel, 2 fermé temporairement, 1 fermé). */
const locationStatus: Term = (a, raw, _m, p, name) => {
  const { code } = parseToken(name, raw);
  const map: Record<string, string> = { active: '3', suspended: '2', inactive: '1' };
  const r203 = code ? map[code] : undefined;
  return r203 ? `${a}.status->>'code' = ${p.add(r203)}` : 'false';
};

const tagRegion: Term = (a, raw, _m, p, name) => {
  const { system, code } = parseToken(name, raw);
  if (system !== null && system !== SYSTEM.region) return 'false';
  return code ? `${a}.region_code = ${p.add(code)}` : `${a}.region_code IS NOT NULL`;
};

const lastUpdated = date((a) => `${a}.updated_at`);

const common = (): Record<string, ParamDef> => ({
  _id: { type: 'token', term: uuidToken() },
  _lastUpdated: { type: 'date', term: lastUpdated },
  _tag: { type: 'token', term: tagRegion },
});

// ---- per resource ------------------------------------------------------------------------------------

/**
 * A capacity dimension (one coding): the containment, plus the code compared as the `capacity_dimensions_uq`
 * index stores it (implied by the containment), so a place's indicators are found through that index.
 */
const capacity = (column: string, id: string): ParamDef => ({
  type: 'token',
  group: 'capacity',
  term: (a, raw, m, p, name) => {
    const { code } = parseToken(name, raw);
    const contains = coding(column)(a, raw, m, p, name);
    return code && contains !== 'false' ? `${contains} AND ${a}.${column}->>'code' = ${p.add(code)}` : contains;
  },
  canonical: SP(id),
});

const HS_CHARACTERISTIC = anyOf(
  coding('care_mode', 'reception_type', 'annual_opening', 'closing_type'),
  codings(
    'reception_modalities',
    'management_types',
    'specific_acts',
    'outside_office_acts',
    'taking_care_specialities',
    'resource_professions',
    'specific_competences',
    'expertise_levels',
  ),
);

export const SEARCH_PARAMETERS: Record<ResourceType, Record<string, ParamDef>> = {
  HealthcareService: {
    ...common(),
    identifier: { type: 'token', term: textToken((a) => `${a}.identifier`) },
    name: { type: 'string', term: text('name'), modifiers: ['exact', 'contains'] },
    'service-category': { type: 'token', term: coding('offer_type') },
    'service-type': { type: 'token', term: coding('activity_field') },
    characteristic: { type: 'token', term: HS_CHARACTERISTIC },
    specialty: { type: 'token', term: anyOf(codings('operational_activities'), coding('operational_activity_family')) },
    'age-range-high': {
      type: 'quantity',
      term: ageQuantity('age_max'),
      canonical: SP('ror-sp-healthcareservice-age-range-high'),
    },
    'age-range-low': {
      type: 'quantity',
      term: ageQuantity('age_min'),
      canonical: SP('ror-sp-healthcareservice-age-range-low'),
    },
    'intervention-zone': {
      type: 'token',
      term: (a, raw, _m, p, name) => {
        const { system, code } = parseToken(name, raw);
        if (system !== null && system !== SYSTEM.commune && system !== SYSTEM.communeOM) return 'false';
        return code
          ? `${p.add(code)} = ANY(${a}.intervention_communes)`
          : `cardinality(${a}.intervention_communes) > 0`;
      },
      canonical: SP('ror-sp-healthcareservice-intervention-zone'),
    },
    'patient-type': {
      type: 'token',
      term: codings('patient_types'),
      canonical: SP('ror-sp-healthcareservice-patient-type'),
    },
    'psychiatric-sector': {
      type: 'string',
      term: textArray('psychiatric_sectors'),
      modifiers: ['exact', 'contains'],
      canonical: SP('ror-sp-healthcareservice-psychiatric-sector'),
    },
    'notavailable-closing-reopeningdate': {
      type: 'date',
      term: period(
        (a) => `${a}.closed_on`,
        (a) => `${a}.reopening_expected_on`,
      ),
      canonical: SP('ror-sp-healthcareservice-notavailable-closing-reopeningdate'),
    },
    active: {
      type: 'token',
      term: (a, raw, _m, _p, name) =>
        `${booleanToken(name, raw) === 'true' ? '' : 'NOT '}(${a}.closed_on IS NULL OR ${a}.closed_on > current_date)`,
    },
    organization: reference({ target: 'Organization', column: 'organization_id' }, ['above']),
    location: reference({
      target: 'Location',
      link: { table: 'healthcare_service_location', source: 'healthcare_service_id', target: 'location_id' },
    }),
    _content: {
      type: 'string',
      term: content(
        (a) => `${a}.name`,
        (a) => `${a}.comment`,
      ),
    },
  },
  Location: {
    ...common(),
    identifier: {
      type: 'token',
      term: anyOf(
        textToken((a) => `${a}.identifier`),
        textToken((a) => `${a}.external_sync_id`),
      ),
    },
    type: { type: 'token', term: coding('function') },
    status: { type: 'token', term: locationStatus },
    'operational-status': { type: 'token', term: coding('status') },
    name: { type: 'string', term: text('name'), modifiers: ['exact', 'contains'] },
    'address-postalcode': {
      type: 'string',
      term: text("address->>'postalCode'"),
      modifiers: ['exact', 'contains'],
    },
    'address-city': { type: 'string', term: text("address->>'city'"), modifiers: ['exact', 'contains'] },
    near: { type: 'special', term: near },
    'near-insee-code': { type: 'special', term: nearInseeCode, canonical: SP('ror-sp-location-near-insee-code') },
    'commune-cog': {
      type: 'token',
      term: textToken((a) => `${a}.commune_code`, [SYSTEM.commune, SYSTEM.communeOM]),
      canonical: SP('ror-sp-location-commune-cog'),
    },
    'capacity-type': capacity('nature', 'ror-sp-capacity-type'),
    'capacity-status': capacity('status', 'ror-sp-capacity-status'),
    'temporality-capacity': capacity('temporality', 'ror-sp-temporality-capacity'),
    'temporary-assignement': capacity('temporary_assignment', 'ror-sp-temporary-assignement'),
    'gender-capacity-available': capacity('gender', 'ror-sp-gender-capacity-available'),
    'capacity-closing-type': capacity('closing_type', 'ror-sp-capacity-closing-type'),
    'additional-bed-type': capacity('additional_bed_type', 'ror-sp-additional-bed-type'),
    'crisis-type': capacity('crisis_type', 'ror-sp-crisis-type'),
    'nb-capacity': {
      type: 'number',
      group: 'capacity',
      term: number((a) => `${a}.count`),
      canonical: SP('ror-sp-nb-capacity'),
    },
    'capacity-update-date': {
      type: 'date',
      group: 'capacity',
      term: date((a) => `${a}.observed_at`),
      canonical: SP('ror-sp-capacity-update-date'),
    },
    'equipment-type': {
      type: 'token',
      group: 'equipment',
      term: coding('equipment_type'),
      canonical: SP('ror-sp-equipment-type'),
    },
    'equipment-feature': {
      type: 'token',
      group: 'equipment',
      term: (a, raw, _m, p, name) =>
        `EXISTS (SELECT 1 FROM jsonb_array_elements(${a}.limits) lim WHERE ${codingContains(p, name, raw, "lim->'feature'", false)})`,
      canonical: SP('ror-sp-equipment-feature'),
    },
    'limit-value': {
      type: 'quantity',
      group: 'equipment',
      term: (a, raw, _m, p, name) => {
        const { prefix, rest } = splitPrefix(raw);
        const [value, , code] = splitPipe(rest);
        const unit = code ? ` AND lim->>'unit' = ${p.add(code)}` : '';
        return `EXISTS (SELECT 1 FROM jsonb_array_elements(${a}.limits) lim WHERE ${numberCmp(
          prefix,
          "(lim->>'value')::numeric",
          p.add(parseNumber(name, value!)),
        )}${unit})`;
      },
      canonical: SP('ror-sp-limit-value'),
    },
    'residential-type': { type: 'token', term: noData('token'), canonical: SP('ror-sp-residential-type') },
    'residential-number': { type: 'number', term: noData('number'), canonical: SP('ror-sp-residential-number') },
    organization: reference({ target: 'Organization', column: 'organization_id' }, ['above']),
    _content: {
      type: 'string',
      term: content(
        (a) => `${a}.name`,
        (a) => `${a}.description`,
        (a) => `${a}.address->>'line'`,
        (a) => `${a}.address->>'city'`,
      ),
    },
  },
  Organization: {
    ...common(),
    identifier: {
      type: 'token',
      term: anyOf(
        textToken((a) => `${a}.finess`, [SYSTEM.finess]),
        textToken((a) => `${a}.siren`, [SYSTEM.sirene]),
        textToken((a) => `${a}.siret`, [SYSTEM.sirene]),
        textToken(
          (a) =>
            `CASE WHEN ${a}.finess IS NOT NULL THEN '1' || ${a}.finess WHEN ${a}.kind = 'EJ' AND ${a}.siren IS NOT NULL THEN '2' || ${a}.siren WHEN ${a}.siret IS NOT NULL THEN '3' || ${a}.siret END`,
          [SYSTEM.idNatSt],
        ),
        (a, raw, _m, p, name) => {
          const { system, code } = parseToken(name, raw);
          if (system !== null && system !== SYSTEM.oi) return 'false';
          return code && UUID.test(code) ? `${a}.kind = 'OI' AND ${a}.id = ${p.add(code)}::uuid` : 'false';
        },
      ),
    },
    name: { type: 'string', term: text('name', 'operational_name'), modifiers: ['exact', 'contains'] },
    type: { type: 'token', term: coding('legal_status', 'category', 'internal_type') },
    'closing-type': { type: 'token', term: coding('closing_type'), canonical: SP('ror-sp-organization-closing-type') },
    'period-end': {
      type: 'date',
      term: date((a) => `${a}.closed_on::timestamptz`),
      canonical: SP('ror-sp-organization-period-end'),
    },
    'drop-zone': {
      type: 'token',
      term: (_a, raw, _m, _p, name) => (booleanToken(name, raw), 'false'),
      canonical: SP('ror-sp-organization-drop-zone'),
    },
    'price-amount-value': {
      type: 'number',
      term: noData('number'),
      canonical: SP('ror-sp-organization-price-amount-value'),
    },
    'amount-value': { type: 'number', term: noData('number'), canonical: SP('ror-sp-organization-price-amount-value') },
    'price-dependency-level': {
      type: 'token',
      term: noData('token'),
      canonical: SP('ror-sp-organization-price-dependency-level'),
    },
    'price-residential-type': {
      type: 'token',
      term: noData('token'),
      canonical: SP('ror-sp-organization-price-residential-type'),
    },
    'price-type': { type: 'token', term: noData('token'), canonical: SP('ror-sp-organization-price-type') },
    'price-unit': { type: 'token', term: noData('token'), canonical: SP('ror-sp-organization-price-unit') },
    'price-validity-start-date': {
      type: 'date',
      term: noData('date'),
      canonical: SP('ror-sp-organization-price-validity-start-date'),
    },
    'price-welcome-type': {
      type: 'token',
      term: noData('token'),
      canonical: SP('ror-sp-organization-price-welcome-type'),
    },
    'special-price': { type: 'token', term: noData('token'), canonical: SP('ror-sp-organization-special-price') },
    _content: {
      type: 'string',
      term: content(
        (a) => `${a}.name`,
        (a) => `${a}.operational_name`,
        (a) => `${a}.address->>'city'`,
      ),
    },
    partof: reference({ target: 'Organization', column: 'parent_id' }, ['above']),
  },
  Practitioner: {
    ...common(),
    _tag: {
      type: 'token',
      term: (a, raw, m, p, name) =>
        // Its own alias: `r` is the searched table's (search-query.ts).
        `EXISTS (SELECT 1 FROM practitioner_role prt WHERE prt.practitioner_id = ${a}.id AND ${tagRegion('prt', raw, m, p, name)})`,
    },
    identifier: { type: 'token', term: textToken((a) => `${a}.rpps_id`, [SYSTEM.idNatPs]) },
    family: { type: 'string', term: text('last_name'), modifiers: ['exact', 'contains'] },
  },
  PractitionerRole: {
    ...common(),
    identifier: { type: 'token', term: uuidToken() },
    role: { type: 'token', term: coding('profession') },
    practitioner: reference({ target: 'Practitioner', column: 'practitioner_id' }),
    service: reference({ target: 'HealthcareService', column: 'healthcare_service_id' }),
    organization: reference({ target: 'Organization', column: 'organization_id' }, ['above']),
  },
};

export function paramDef(type: ResourceType, name: string): ParamDef | undefined {
  return Object.hasOwn(SEARCH_PARAMETERS[type], name) ? SEARCH_PARAMETERS[type][name] : undefined;
}

export const unsupportedModifier = (name: string, modifier: string) =>
  new FhirError(400, 'not-supported', `Modificateur :${modifier} non pris en charge pour ${name}`, name);
