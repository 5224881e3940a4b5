// National-scale data for the FHIR benchmark (issue 5): fills the real schema (the project's migrations) with
// about 100,000 EG, their EJ and OI, 400,000 offers, 300,000 places, 1,000,000 capacity indicators, equipment,
// 600,000 situations d'exercice and contacts, coded from the real NOS value sets and placed in real communes.
// Deterministic (seeded PRNG, ids computed from row numbers), loaded with COPY. Usage: see USAGE below.
import 'reflect-metadata';
import { parse } from 'csv-parse/sync';
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { openDatabase, options } from './lib/cli.mjs';
import { distribute, prng, uuidFor } from './lib/random.mjs';

const USAGE = `npm run bench:generate -- [options]

  --scale <n>          fraction of the national volume (default 1; 0.01 for a quick check)
  --seed <n>           PRNG seed (default 20251125); same seed and scale = same data
  --now <date>         anchor of the generated dates (default: today 00:00 UTC)
  --database-url <url> target database (default DATABASE_URL, else an embedded PostgreSQL)
  --dir <path>         data folder of the embedded PostgreSQL (default: a new temp dir)
  --port <n>           port of the embedded PostgreSQL (default 5434)
  --reset              empty the generated tables (and rows pointing at them) first; otherwise a non-empty
                       database is refused
  --serve              keep the embedded PostgreSQL running after generation (Ctrl-C to stop)
  --serve-only         with --dir: only start the embedded PostgreSQL of an earlier run and keep it running
  --verify <n>         after loading, save n sampled records of each resource through the app's own update
                       path (zod schemas, NOS value-set bindings, parent rules); writes n audit events each
  --discard            delete the embedded PostgreSQL data folder at the end (quick checks)`;

const args = options(USAGE, {
  scale: { type: 'string', default: '1' },
  seed: { type: 'string', default: '20251125' },
  now: { type: 'string' },
  'database-url': { type: 'string' },
  dir: { type: 'string' },
  port: { type: 'string', default: '5434' },
  reset: { type: 'boolean', default: false },
  serve: { type: 'boolean', default: false },
  'serve-only': { type: 'boolean', default: false },
  verify: { type: 'string', default: '0' },
  discard: { type: 'boolean', default: false },
});

const scale = Number(args.scale);
if (!(scale > 0 && scale <= 1)) throw new Error('--scale must be in (0, 1]');
const n = (national) => Math.max(1, Math.round(national * scale));
/** National volumes (issue 5); OI, equipment, practitioners and contacts are sized to be plausible. */
const COUNT = {
  ej: n(60_000),
  eg: n(100_000),
  oi: n(120_000),
  location: n(300_000),
  offer: n(400_000),
  capacity: n(1_000_000),
  equipment: n(100_000),
  practitioner: n(400_000),
  role: n(600_000),
};
const DAY = 86_400_000;
const NOW = args.now ? Date.parse(args.now) : Math.floor(Date.now() / DAY) * DAY;
const random = prng(Number(args.seed));
const DATA_DIR = path.resolve(process.env.DATA_DIR ?? 'data');

// ---------------------------------------------------------------------------------------------------------
// COPY text format helpers

const escape = (s) => (/[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : s);
const ESCAPES = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
/** One COPY line; values are already COPY-safe strings (see `text`, `json`) or null. */
const line = (values) => values.map((v) => (v === null || v === undefined ? '\\N' : v)).join('\t') + '\n';
const text = (s) => (s === null || s === undefined ? null : escape(String(s)));
const json = (value) => (value === null || value === undefined ? null : escape(JSON.stringify(value)));
const iso = (time) => new Date(time).toISOString();
const isoDay = (time) => iso(time).slice(0, 10);

/** Streams the rows of `generate()` into `table` with COPY, in ~1 MB chunks. */
async function copy(client, table, columns, generate) {
  const started = performance.now();
  let rows = 0;
  function* chunks() {
    let buffer = [];
    let size = 0;
    for (const row of generate()) {
      buffer.push(row);
      size += row.length;
      rows++;
      if (size > 1_000_000) {
        yield Buffer.from(buffer.join(''));
        buffer = [];
        size = 0;
      }
    }
    if (buffer.length) yield Buffer.from(buffer.join(''));
  }
  const stream = client.query(copyStreams.from(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunks()), stream);
  log(`${table}: ${rows.toLocaleString('en')} rows in ${seconds(started)}`);
  return rows;
}

const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const log = (message) => console.log(`[${((performance.now() - T0) / 1000).toFixed(0).padStart(4)} s] ${message}`);
const T0 = performance.now();

// ---------------------------------------------------------------------------------------------------------
// Reference data: the NOS value sets bound to each attribute, the communes of the COG

/** Codings of every JDV in data/nomenclatures, as stored by the app: `{ system, code, display }`. */
function loadValueSets() {
  const dir = path.join(DATA_DIR, 'nomenclatures');
  const sets = new Map();
  for (const file of readdirSync(dir).filter((f) => f.startsWith('ValueSet-'))) {
    const vs = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    const codings = vs.compose.include.flatMap((inc) =>
      (inc.concept ?? []).map((c) => ({ system: inc.system, code: c.code, display: c.display })),
    );
    // Keyed by the table name of the NOS URL (…/NOS/JDV_J199-StatutJuridique-ROR/FHIR/…), as in bindings.ts.
    sets.set(vs.url.split('/NOS/')[1].split('/')[0], codings);
  }
  return sets;
}

const BINDINGS = (await import('../dist/apps/api/src/nomenclatures/bindings.js')).BINDINGS;
const valueSets = loadValueSets();
/** The codings of the value set the IG binds to `resource.attribute` (nomenclatures/bindings.ts). */
function bound(resource, attribute) {
  const name = BINDINGS[resource][attribute];
  const codings = valueSets.get(name);
  if (!codings?.length) throw new Error(`No codes for ${name} (${resource}.${attribute}) in ${DATA_DIR}`);
  return codings;
}
/** A picker over a bound value set: `one()` a COPY-ready JSON coding, `code(i)` by position, skewed or not. */
function codes(resource, attribute) {
  const codings = bound(resource, attribute);
  const serialised = codings.map((c) => JSON.stringify(c));
  const byCode = new Map(codings.map((c, i) => [c.code, serialised[i]]));
  return {
    codings,
    size: codings.length,
    /** A coding; `power` > 1 favours the first codes (a few frequent ones, a long tail). */
    one: (power = 1) => escape(serialised[random.skewed(codings.length, power)]),
    of: (code) => {
      const found = byCode.get(code);
      if (!found) throw new Error(`Code ${code} not in ${BINDINGS[resource][attribute]}`);
      return escape(found);
    },
    at: (i) => escape(serialised[i % codings.length]),
    /** A JSON array of `k` distinct codings. */
    some: (k, power = 1) => {
      const picked = new Set();
      for (let tries = 0; picked.size < Math.min(k, codings.length) && tries < k * 4; tries++) {
        picked.add(random.skewed(codings.length, power));
      }
      return escape(`[${[...picked].map((i) => serialised[i]).join(',')}]`);
    },
  };
}

const NOS = {
  legalStatus: codes('organizations', 'legalStatus'),
  category: codes('organizations', 'category'),
  internalType: codes('organizations', 'internalType'),
  orgClosingType: codes('organizations', 'closingType'),
  activityField: codes('healthcare-services', 'activityField'),
  offerType: codes('healthcare-services', 'offerType'),
  activity: codes('healthcare-services', 'operationalActivities'),
  careMode: codes('healthcare-services', 'careMode'),
  receptionType: codes('healthcare-services', 'receptionType'),
  receptionModalities: codes('healthcare-services', 'receptionModalities'),
  specificActs: codes('healthcare-services', 'specificActs'),
  annualOpening: codes('healthcare-services', 'annualOpening'),
  resourceProfessions: codes('healthcare-services', 'resourceProfessions'),
  expertiseLevels: codes('healthcare-services', 'expertiseLevels'),
  patientTypes: codes('healthcare-services', 'patientTypes'),
  offerClosingType: codes('healthcare-services', 'closingType'),
  contactFunction: codes('organizations', 'contacts.function'),
  contactNature: codes('organizations', 'contacts.nature'),
  confidentiality: codes('organizations', 'contacts.confidentiality'),
  channel: codes('organizations', 'contacts.telecoms.channel'),
  locationFunction: codes('locations', 'function'),
  locationStatus: codes('locations', 'status'),
  equipmentType: codes('equipment', 'equipmentType'),
  equipmentFeature: codes('equipment', 'limits.feature'),
  nature: codes('capacities', 'nature'),
  capacityStatus: codes('capacities', 'status'),
  temporality: codes('capacities', 'temporality'),
  assignment: codes('capacities', 'temporaryAssignment'),
  gender: codes('capacities', 'gender'),
  capacityClosingType: codes('capacities', 'closingType'),
  additionalBedType: codes('capacities', 'additionalBedType'),
  source: codes('capacities', 'source'),
  civility: codes('practitioners', 'civility'),
  profession: codes('practitioner-roles', 'profession'),
  expertiseType: codes('practitioner-roles', 'expertiseType'),
  specialty: codes('practitioner-roles', 'specialty'),
  exerciseMode: codes('practitioner-roles', 'exerciseMode'),
  exerciseTitle: codes('practitioner-roles', 'exerciseTitle'),
  conventionSector: codes('practitioner-roles', 'conventionSector'),
};

/** Communes with a centroid (the COG file the app loads); region/département are the commune's, as in the app. */
function loadCommunes() {
  const rows = parse(readFileSync(path.join(DATA_DIR, 'geo', 'communes.csv'), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  }).filter((c) => c.lat && c.lng && c.type !== 'COMD');
  const chefsLieux = new Set(
    parse(readFileSync(path.join(DATA_DIR, 'geo', 'departements.csv'), 'utf8'), { columns: true }).map(
      (d) => d.chef_lieu_commune,
    ),
  );
  const byDepartement = new Map();
  rows.forEach((c, i) => {
    if (!byDepartement.has(c.departement_code)) byDepartement.set(c.departement_code, []);
    byDepartement.get(c.departement_code).push(i);
  });
  return {
    rows: rows.map((c) => ({
      code: c.code,
      name: c.nom,
      dep: c.departement_code,
      region: c.region_code,
      postalCode: c.codes_postaux.split(' ')[0] || null,
      lat: Number(c.lat),
      lng: Number(c.lng),
    })),
    // Structures cluster in towns: a quarter of them in a préfecture.
    chefsLieux: rows.flatMap((c, i) => (chefsLieux.has(c.code) ? [i] : [])),
    byDepartement,
  };
}
const communes = loadCommunes();
const pickCommune = () =>
  random.chance(0.25) ? random.pick(communes.chefsLieux) : random.int(0, communes.rows.length - 1);
const nearbyCommune = (i) => random.pick(communes.byDepartement.get(communes.rows[i].dep));

// ---------------------------------------------------------------------------------------------------------
// Shapes of the national offer (who belongs to whom), as typed arrays

const EJ0 = 0;
const EG0 = COUNT.ej;
const OI0 = COUNT.ej + COUNT.eg;
const SALT = {
  organization: 0x0a11ce01,
  location: 0x10ca7e02,
  offer: 0x5e541c03,
  capacity: 0xcab0a104,
  equipment: 0xe9013105,
  contact: 0xc0a7ac06,
  telecom: 0x7e1ec007,
  practitioner: 0x9ac7e108,
  role: 0x201e0009,
};
const orgId = (i) => uuidFor(SALT.organization, i);

const egCommune = new Uint32Array(COUNT.eg).map(pickCommune);
const egsOfEj = distribute(random, COUNT.eg, COUNT.ej, { power: 3 });
const ejOfEg = new Uint32Array(COUNT.eg);
for (let j = 0; j < COUNT.ej; j++) ejOfEg.fill(j, egsOfEj.start[j], egsOfEj.start[j] + egsOfEj.count[j]);
const oisOfEg = distribute(random, COUNT.oi, COUNT.eg, { power: 2 });
const egOfOi = new Uint32Array(COUNT.oi);
for (let g = 0; g < COUNT.eg; g++) egOfOi.fill(g, oisOfEg.start[g], oisOfEg.start[g] + oisOfEg.count[g]);
const locationsOfEg = distribute(random, COUNT.location, COUNT.eg, { power: 3 });
const offersOfEg = distribute(random, COUNT.offer, COUNT.eg, { power: 2 });
const locationCommune = new Uint32Array(COUNT.location);
for (let g = 0; g < COUNT.eg; g++) {
  for (let k = 0; k < locationsOfEg.count[g]; k++) {
    const c = egCommune[g];
    locationCommune[locationsOfEg.start[g] + k] = random.chance(0.85) ? c : nearbyCommune(c);
  }
}
/** Organization (global index) holding each offer: one of its EG's OIs mostly, else the EG itself. */
const offerOrg = new Uint32Array(COUNT.offer);
const offerEg = new Uint32Array(COUNT.offer);
for (let g = 0; g < COUNT.eg; g++) {
  for (let k = 0; k < offersOfEg.count[g]; k++) {
    const o = offersOfEg.start[g] + k;
    offerEg[o] = g;
    const ois = oisOfEg.count[g];
    offerOrg[o] = ois > 0 && random.chance(0.75) ? OI0 + oisOfEg.start[g] + random.int(0, ois - 1) : EG0 + g;
  }
}
const capacitiesOfLocation = distribute(random, COUNT.capacity, COUNT.location, { power: 2, max: 180 });
const EQUIPMENT_EVERY = 3; // one place in three holds specific equipment
const equipmentOfLocation = distribute(random, COUNT.equipment, Math.ceil(COUNT.location / EQUIPMENT_EVERY), {
  power: 2,
  max: NOS.equipmentType.size,
});
const rolesOfPractitioner = distribute(random, COUNT.role, COUNT.practitioner, { power: 2, max: 12 });
/** Offer numbers per region (`{region}/{n}`, IG §1 fact 13), as healthcare_service_number keeps them. */
const offerNumbers = new Map();

// ---------------------------------------------------------------------------------------------------------
// Dates: most records quiet for months, a few changed today or this week (for the `_lastUpdated` deltas)

/** Creation and last-change times (ms) of a record. */
function times() {
  const created = NOW - random.int(30, 6 * 365) * DAY - random.int(0, DAY);
  const r = random.next();
  const updated =
    r < 0.02
      ? NOW - random.int(0, DAY)
      : r < 0.1
        ? NOW - random.int(DAY, 7 * DAY)
        : created + random.next() * Math.max(0, NOW - 7 * DAY - created);
  return [created, Math.max(created, updated)];
}
const stamps = () => times().map(iso);
const timesOf = (count) => {
  const t = new Float64Array(count * 2);
  for (let i = 0; i < count; i++) [t[2 * i], t[2 * i + 1]] = times();
  return t;
};
// Capacities and equipment are part of their FHIR Location: a place has changed when they have, so its
// updated_at is at least their latest change (drawn first, so that the place row can carry it).
const capacityTimes = timesOf(COUNT.capacity);
const equipmentTimes = timesOf(COUNT.equipment);
const locationLatest = new Float64Array(COUNT.location);
for (let l = 0; l < COUNT.location; l++) {
  const { start, count } = capacitiesOfLocation;
  for (let k = 0; k < count[l]; k++) locationLatest[l] = Math.max(locationLatest[l], capacityTimes[2 * (start[l] + k) + 1]); // prettier-ignore
}
for (let h = 0; h < equipmentOfLocation.count.length; h++) {
  const { start, count } = equipmentOfLocation;
  const l = h * EQUIPMENT_EVERY;
  for (let k = 0; k < count[h]; k++) locationLatest[l] = Math.max(locationLatest[l], equipmentTimes[2 * (start[h] + k) + 1]); // prettier-ignore
}

const STREETS = ['rue de la République', 'avenue Jean Jaurès', 'boulevard Pasteur', 'rue Victor Hugo', 'place du Marché', 'route de Lyon', 'rue des Écoles', 'chemin du Moulin', 'allée des Tilleuls', 'rue du Général de Gaulle']; // prettier-ignore
const LAST_NAMES = ['MARTIN', 'BERNARD', 'THOMAS', 'PETIT', 'ROBERT', 'RICHARD', 'DURAND', 'DUBOIS', 'MOREAU', 'LAURENT', 'SIMON', 'MICHEL', 'LEFEBVRE', 'LEROY', 'ROUX', 'DAVID', 'BERTRAND', 'MOREL', 'FOURNIER', 'GIRARD', 'NGUYEN', 'BENOIT', 'HADDAD', 'LOPEZ', 'GARCIA']; // prettier-ignore
const FIRST_NAMES = ['Marie', 'Jean', 'Camille', 'Nicolas', 'Julie', 'Thomas', 'Sophie', 'Pierre', 'Léa', 'Hugo', 'Chloé', 'Karim', 'Inès', 'Lucas', 'Emma', 'Yasmine', 'Louis', 'Manon']; // prettier-ignore
const EJ_KINDS = ['CENTRE HOSPITALIER', 'ASSOCIATION', 'SAS CLINIQUE', 'FONDATION', 'GROUPEMENT DE COOPÉRATION SANITAIRE', 'CCAS', 'MUTUALITÉ']; // prettier-ignore
const EG_KINDS = ['CENTRE HOSPITALIER', 'CLINIQUE', 'EHPAD', 'CENTRE MÉDICO-PSYCHOLOGIQUE', 'SSIAD', 'MAISON DE SANTÉ', 'CENTRE DE SANTÉ', 'IME', 'CENTRE DE RÉADAPTATION']; // prettier-ignore

const address = (c, k) => {
  const commune = communes.rows[c];
  return json({ line: `${1 + (k % 180)} ${STREETS[k % STREETS.length]}`, postalCode: commune.postalCode, city: commune.name }); // prettier-ignore
};
const jitter = (value) => (value + (random.next() - 0.5) * 0.02).toFixed(6);
const digits = (count) => Array.from({ length: count }, () => random.int(0, 9)).join('');
/** FINESS numbers: département prefix + a running number, unique over EJ and EG. */
const finess = (c, i) => `${communes.rows[c].dep.slice(0, 2)}${String(i).padStart(7, '0')}`;

// ---------------------------------------------------------------------------------------------------------
// Rows

const ORGANIZATION = ['id', 'kind', 'parent_id', 'finess', 'siren', 'siret', 'name', 'operational_name', 'legal_status', 'category', 'internal_type', 'address', 'commune_code', 'departement_code', 'region_code', 'latitude', 'longitude', 'opened_on', 'closed_on', 'closing_type', 'created_at', 'updated_at']; // prettier-ignore
function* organizations() {
  const sirens = new Array(COUNT.ej);
  for (let j = 0; j < COUNT.ej; j++) {
    // The EJ's seat is its first EG's commune.
    const c = egCommune[egsOfEj.start[j]];
    const commune = communes.rows[c];
    sirens[j] = digits(9);
    yield line([orgId(EJ0 + j), 'EJ', null, finess(c, EJ0 + j), sirens[j], null, text(`${random.pick(EJ_KINDS)} ${commune.name.toUpperCase()}`), null, NOS.legalStatus.one(2), null, null, address(c, j), commune.code, commune.dep, commune.region, null, null, isoDay(NOW - random.int(365, 40 * 365) * DAY), null, null, ...stamps()]); // prettier-ignore
  }
  for (let g = 0; g < COUNT.eg; g++) {
    const c = egCommune[g];
    const commune = communes.rows[c];
    const closed = random.chance(0.03);
    yield line([orgId(EG0 + g), 'EG', orgId(EJ0 + ejOfEg[g]), finess(c, EG0 + g), sirens[ejOfEg[g]], sirens[ejOfEg[g]] + digits(5), text(`${random.pick(EG_KINDS)} ${commune.name.toUpperCase()}`), null, null, NOS.category.one(2), null, address(c, g), commune.code, commune.dep, commune.region, jitter(commune.lat), jitter(commune.lng), isoDay(NOW - random.int(365, 40 * 365) * DAY), closed ? isoDay(NOW - random.int(1, 900) * DAY) : null, closed ? NOS.orgClosingType.of('DEF') : null, ...stamps()]); // prettier-ignore
  }
  for (let o = 0; o < COUNT.oi; o++) {
    const g = egOfOi[o];
    const first = oisOfEg.start[g];
    // The EG's first OI is a pôle; a third of the others are services or units inside it (OI → OI → EG → EJ).
    const underPole = o !== first && random.chance(0.35);
    const type = o === first ? '1' : underPole ? String(random.int(2, 3)) : '2';
    const commune = communes.rows[egCommune[g]];
    const activity = NOS.activity.codings[random.skewed(NOS.activity.size, 2)].display;
    yield line([orgId(OI0 + o), 'OI', orgId(underPole ? OI0 + first : EG0 + g), null, null, null, text(`${type === '1' ? 'Pôle' : type === '2' ? 'Service' : 'Unité'} ${activity}`), null, null, null, NOS.internalType.of(type), null, null, commune.dep, commune.region, null, null, null, null, null, ...stamps()]); // prettier-ignore
  }
}

const LOCATION = ['id', 'identifier', 'external_sync_id', 'name', 'function', 'status', 'address', 'commune_code', 'departement_code', 'region_code', 'latitude', 'longitude', 'organization_id', 'created_at', 'updated_at']; // prettier-ignore
function* locations() {
  for (let g = 0; g < COUNT.eg; g++) {
    for (let k = 0; k < locationsOfEg.count[g]; k++) {
      const l = locationsOfEg.start[g] + k;
      const c = locationCommune[l];
      const commune = communes.rows[c];
      const r = random.next();
      const status = r < 0.02 ? '1' : r < 0.05 ? '2' : '3';
      const [created, updated] = times();
      yield line([uuidFor(SALT.location, l), `L${l + 1}`, `SYNC-${k + 1}`, text(`Bâtiment ${String.fromCharCode(65 + (k % 26))}, niveau ${k % 6}`), NOS.locationFunction.one(2), NOS.locationStatus.of(status), address(c, l), commune.code, commune.dep, commune.region, jitter(commune.lat), jitter(commune.lng), orgId(EG0 + g), iso(created), iso(Math.max(updated, locationLatest[l]))]); // prettier-ignore
    }
  }
}

const OPENING_HOURS = [
  json([{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], from: '00:00', to: '23:59' }]),
  json([{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:30', to: '18:00' }]),
  json([{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '12:30' }, { days: ['mon', 'tue', 'wed', 'thu'], from: '14:00', to: '17:30' }]), // prettier-ignore
];
const OFFER = ['id', 'identifier', 'name', 'organization_id', 'activity_field', 'offer_type', 'operational_activities', 'care_mode', 'reception_type', 'reception_modalities', 'specific_acts', 'annual_opening', 'resource_professions', 'expertise_levels', 'patient_types', 'age_min', 'age_max', 'opening_hours', 'sensitive_unit', 'psychiatric_sectors', 'closing_type', 'closed_on', 'departement_code', 'region_code', 'created_at', 'updated_at']; // prettier-ignore
function* offers() {
  for (let o = 0; o < COUNT.offer; o++) {
    const commune = communes.rows[egCommune[offerEg[o]]];
    const number = (offerNumbers.get(commune.region) ?? 0) + 1;
    offerNumbers.set(commune.region, number);
    const activity = NOS.activity.codings[random.skewed(NOS.activity.size, 2)];
    const activities = [activity, ...(random.chance(0.3) ? [NOS.activity.codings[random.skewed(NOS.activity.size, 2)]] : [])]; // prettier-ignore
    const field = random.skewed(NOS.activityField.size, 1.5);
    const careMode = NOS.careMode.codings[random.skewed(NOS.careMode.size, 1.5)];
    const adult = random.chance(0.8);
    const closed = random.chance(0.03);
    yield line([uuidFor(SALT.offer, o), `${commune.region}/${number}`, text(`${activity.display} — ${careMode.display}`), orgId(offerOrg[o]), NOS.activityField.at(field), random.chance(0.3) ? NOS.offerType.one(2) : null, json(activities.filter((a, i) => i === 0 || a.code !== activities[0].code)), escape(JSON.stringify(careMode)), NOS.receptionType.one(), NOS.receptionModalities.some(random.int(0, 2)), NOS.specificActs.some(random.int(0, 3), 2), random.chance(0.5) ? NOS.annualOpening.one() : null, NOS.resourceProfessions.some(random.int(0, 2), 2), NOS.expertiseLevels.some(random.int(0, 1)), NOS.patientTypes.some(random.int(1, 2), 1.5), adult ? '18' : '0', adult ? '120' : '17', random.pick(OPENING_HOURS), random.chance(0.03) ? 't' : 'f', field === 2 ? `{${commune.dep}G${String(random.int(1, 20)).padStart(2, '0')}}` : '{}', closed ? NOS.offerClosingType.one() : null, closed ? isoDay(NOW - random.int(1, 400) * DAY) : null, commune.dep, commune.region, ...stamps()]); // prettier-ignore
  }
}

function* offerLocations() {
  for (let o = 0; o < COUNT.offer; o++) {
    const g = offerEg[o];
    const count = locationsOfEg.count[g];
    const first = random.int(0, count - 1);
    yield line([uuidFor(SALT.offer, o), uuidFor(SALT.location, locationsOfEg.start[g] + first)]);
    if (count > 1 && random.chance(0.15)) {
      const second = (first + random.int(1, count - 1)) % count;
      yield line([uuidFor(SALT.offer, o), uuidFor(SALT.location, locationsOfEg.start[g] + second)]);
    }
  }
}

/**
 * The 180 combinations of the four mandatory capacity dimensions, most common first (installed, available,
 * occupied… current, no temporary assignment). A place takes the first k of its nature's list, so its
 * combinations are distinct: the uniqueness key (capacity_dimensions_uq) holds by construction.
 */
function capacityCombinations(preferredNature) {
  const statusOrder = ['01', '02', '03', '05', '04', '06'];
  const all = [];
  for (const nature of ['01', '02'])
    for (const status of statusOrder)
      for (const temporality of ['01', '02', '03', '04', '05'])
        for (const assignment of ['01', '02', '03']) all.push({ nature, status, temporality, assignment });
  const rank = (c) => [c.nature === preferredNature ? 0 : 1, c.assignment, c.temporality, statusOrder.indexOf(c.status)]; // prettier-ignore
  return all.sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] < rb[i] ? -1 : 1;
    return 0;
  });
}
const COMBINATIONS = { '01': capacityCombinations('01'), '02': capacityCombinations('02') };
const CAPACITY = ['id', 'location_id', 'nature', 'status', 'temporality', 'temporary_assignment', 'gender', 'closing_type', 'additional_bed_type', 'count', 'source', 'observed_at', 'region_code', 'created_at', 'updated_at']; // prettier-ignore
function* capacities() {
  for (let l = 0; l < COUNT.location; l++) {
    const region = communes.rows[locationCommune[l]].region;
    const combinations = COMBINATIONS[random.chance(0.7) ? '01' : '02'];
    const installed = random.int(5, 60);
    for (let k = 0; k < capacitiesOfLocation.count[l]; k++) {
      const c = combinations[k];
      const count = c.status === '01' ? installed : random.int(0, Math.ceil(installed / 3));
      const i = capacitiesOfLocation.start[l] + k;
      const created = iso(capacityTimes[2 * i]);
      const updated = iso(capacityTimes[2 * i + 1]);
      yield line([uuidFor(SALT.capacity, i), uuidFor(SALT.location, l), NOS.nature.of(c.nature), NOS.capacityStatus.of(c.status), NOS.temporality.of(c.temporality), NOS.assignment.of(c.assignment), c.status === '02' && random.chance(0.3) ? NOS.gender.one() : null, c.status === '05' ? NOS.capacityClosingType.one() : null, c.status === '06' ? NOS.additionalBedType.one() : null, String(count), NOS.source.one(2), updated, region, created, updated]); // prettier-ignore
    }
  }
}

const EQUIPMENT = ['id', 'location_id', 'equipment_type', 'count_in_service', 'limits', 'region_code', 'created_at', 'updated_at']; // prettier-ignore
function* equipment() {
  const types = NOS.equipmentType.size;
  for (let h = 0; h < equipmentOfLocation.count.length; h++) {
    const l = h * EQUIPMENT_EVERY;
    const region = communes.rows[locationCommune[l]].region;
    // Distinct types per place (equipment_type_uq): a stride coprime with the list length from a random start.
    const first = random.int(0, types - 1);
    for (let k = 0; k < equipmentOfLocation.count[h]; k++) {
      const limits = random.chance(0.2) ? `[{"feature":${NOS.equipmentFeature.of('001')},"value":${random.int(150, 250)},"unit":"kg"}]` : '[]'; // prettier-ignore
      const i = equipmentOfLocation.start[h] + k;
      yield line([uuidFor(SALT.equipment, i), uuidFor(SALT.location, l), NOS.equipmentType.at(first + k * 7), String(random.int(1, 4)), limits, region, iso(equipmentTimes[2 * i]), iso(equipmentTimes[2 * i + 1])]); // prettier-ignore
    }
  }
}

/** Contacts of every EG and of three offers in four, with 1–2 telecoms, at confidentiality levels 1–3. */
const CONTACT = ['id', 'organization_id', 'healthcare_service_id', 'position', 'name', 'function', 'nature', 'description', 'confidentiality']; // prettier-ignore
const TELECOM = ['id', 'contact_id', 'position', 'channel', 'value', 'usage', 'confidentiality'];
const confidentiality = () => {
  const r = random.next();
  return NOS.confidentiality.of(r < 0.6 ? '1' : r < 0.9 ? '2' : '3');
};
const contactOwners = () => {
  const owners = [];
  for (let g = 0; g < COUNT.eg; g++) owners.push(['organization', orgId(EG0 + g)]);
  for (let o = 0; o < COUNT.offer; o++) if (o % 4 !== 3) owners.push(['offer', uuidFor(SALT.offer, o)]);
  return owners;
};
let telecomCount = 0;
function* contacts(telecoms) {
  let c = 0;
  for (const [kind, owner] of contactOwners()) {
    const id = uuidFor(SALT.contact, c);
    const telecomsOf = random.int(1, 2);
    if (telecoms) {
      for (let t = 0; t < telecomsOf; t++) {
        const phone = random.chance(0.7);
        yield line([uuidFor(SALT.telecom, telecomCount++), id, String(t), NOS.channel.of(phone ? '2' : '3'), phone ? `0${random.int(1, 5)} ${digits(2)} ${digits(2)} ${digits(2)} ${digits(2)}` : `contact${c}@structure-sante.example.fr`, null, confidentiality()]); // prettier-ignore
      }
    } else {
      yield line([id, kind === 'organization' ? owner : null, kind === 'offer' ? owner : null, '0', text(random.chance(0.5) ? 'Secrétariat' : 'Accueil'), NOS.contactFunction.one(2), NOS.contactNature.one(2), null, confidentiality()]); // prettier-ignore
    }
    c++;
  }
}

const PRACTITIONER = ['id', 'rpps_id', 'civility', 'last_name', 'first_name', 'created_at', 'updated_at'];
const practitionerNames = [];
function* practitioners() {
  for (let p = 0; p < COUNT.practitioner; p++) {
    const last = random.pick(LAST_NAMES);
    const first = random.pick(FIRST_NAMES);
    practitionerNames.push([last, first]);
    yield line([uuidFor(SALT.practitioner, p), `8${10_000_000_000 + p}`, NOS.civility.one(), text(last), text(first), ...stamps()]); // prettier-ignore
  }
}

const ROLE = ['id', 'practitioner_id', 'healthcare_service_id', 'organization_id', 'profession', 'expertise_type', 'specialty', 'exercise_mode', 'exercise_title', 'exercise_last_name', 'exercise_first_name', 'convention_sector', 'region_code', 'created_at', 'updated_at']; // prettier-ignore
function* roles() {
  for (let p = 0; p < COUNT.practitioner; p++) {
    const [last, first] = practitionerNames[p];
    const profession = NOS.profession.codings[random.skewed(NOS.profession.size, 2)];
    for (let k = 0; k < rolesOfPractitioner.count[p]; k++) {
      // Nine situations in ten are attached to an offer; the others only to an EG.
      const offer = random.chance(0.9) ? random.int(0, COUNT.offer - 1) : -1;
      const eg = offer >= 0 ? offerEg[offer] : random.int(0, COUNT.eg - 1);
      const region = communes.rows[egCommune[eg]].region;
      yield line([uuidFor(SALT.role, rolesOfPractitioner.start[p] + k), uuidFor(SALT.practitioner, p), offer >= 0 ? uuidFor(SALT.offer, offer) : null, orgId(offer >= 0 ? offerOrg[offer] : EG0 + eg), escape(JSON.stringify(profession)), random.chance(0.5) ? NOS.expertiseType.one(2) : null, profession.code === '10' ? NOS.specialty.one(2) : null, NOS.exerciseMode.one(2), random.chance(0.3) ? NOS.exerciseTitle.one() : null, text(last), text(first), random.chance(0.2) ? NOS.conventionSector.one() : null, region, ...stamps()]); // prettier-ignore
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Loading

const GENERATED = ['telecom', 'contact', 'practitioner_role', 'practitioner', 'capacity_history', 'capacity', 'equipment', 'healthcare_service_location', 'healthcare_service', 'healthcare_service_number', 'location', 'organization']; // prettier-ignore

/** Runs `work(app, config)` with the API application (compiled) on the database, silently. */
async function withApp(url, work) {
  const [{ createApp }, { createLogger }, { parseConfig }] = await Promise.all([
    import('../dist/apps/api/src/bootstrap.js'),
    import('../dist/apps/api/src/common/logging.js'),
    import('../dist/apps/api/src/config.js'),
  ]);
  const config = parseConfig({ ...process.env, LOG_LEVEL: 'silent', DATA_DIR });
  const app = await createApp(config, url, createLogger('silent'));
  await app.init();
  try {
    return await work(app, config);
  } finally {
    await app.close();
  }
}

/** Geography and NOS tables through the app itself (same loaders as `npm start`), no demo data. */
async function loadReferenceData(url) {
  const { loadData } = await import('../dist/apps/api/src/bootstrap.js');
  await withApp(url, (app, config) => loadData(app, config.dataDir, false));
}

/**
 * Saves `count` sampled records of each resource unchanged through the app's update path, which parses them
 * with the API schemas and checks every coding against its bound value set: a generated record the app
 * would refuse fails the run.
 */
async function verifyThroughApp(url, client, count) {
  const services = {
    organization: 'organizations/organizations.service.js#OrganizationsService',
    location: 'locations/locations.service.js#LocationsService',
    healthcare_service: 'healthcare-services/healthcare-services.service.js#HealthcareServicesService',
    capacity: 'capacities/capacities.service.js#CapacitiesService',
    equipment: 'equipment/equipment.service.js#EquipmentService',
    practitioner: 'practitioners/practitioners.service.js#PractitionersService',
    practitioner_role: 'practitioner-roles/practitioner-roles.service.js#PractitionerRolesService',
  };
  const { requestContext } = await import('../dist/apps/api/src/common/request-context.js');
  await withApp(url, async (app) => {
    for (const [table, ref] of Object.entries(services)) {
      const [file, name] = ref.split('#');
      const service = app.get((await import(`../dist/apps/api/src/${file}`))[name]);
      // Every kind of organization, and records of every shape, through a deterministic sample.
      const { rows } = await client.query(`SELECT id FROM ${table} ORDER BY md5(id::text) LIMIT $1`, [count]);
      for (const { id } of rows) {
        const view = JSON.parse(JSON.stringify(await service.get(id)));
        try {
          await requestContext.run(
            // A system principal, as the demo seed uses, for the write policy of the auth layer.
            { requestId: 'bench-verify', actor: 'bench-verify', principal: { kind: 'system', id: 'bench-verify' } },
            () => service.update(id, view),
          );
        } catch (e) {
          throw new Error(`${table} ${id} refused by the app: ${JSON.stringify(e.errors ?? e.message)}`, {
            cause: e,
          });
        }
      }
      log(`verify: ${rows.length} ${table} records accepted by the app's validation`);
    }
  });
}

/**
 * Secondary indexes that do not back a constraint are dropped during the load and rebuilt after it (much
 * faster than maintaining them row by row); rebuilding the unique ones re-checks their keys.
 */
async function dropSecondaryIndexes(client) {
  const { rows } = await client.query(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [GENERATED],
  );
  for (const { indexname } of rows) await client.query(`DROP INDEX "${indexname}"`);
  return rows.map((r) => r.indexdef);
}

/** Orphans would mean a broken generator (foreign keys are not checked while loading as superuser). */
const REFERENCES = [
  ['organization', 'parent_id', 'organization'],
  ['healthcare_service', 'organization_id', 'organization'],
  ['location', 'organization_id', 'organization'],
  ['healthcare_service_location', 'healthcare_service_id', 'healthcare_service'],
  ['healthcare_service_location', 'location_id', 'location'],
  ['capacity', 'location_id', 'location'],
  ['equipment', 'location_id', 'location'],
  ['contact', 'organization_id', 'organization'],
  ['contact', 'healthcare_service_id', 'healthcare_service'],
  ['telecom', 'contact_id', 'contact'],
  ['practitioner_role', 'practitioner_id', 'practitioner'],
  ['practitioner_role', 'healthcare_service_id', 'healthcare_service'],
  ['practitioner_role', 'organization_id', 'organization'],
  ['organization', 'commune_code', 'commune'],
  ['location', 'commune_code', 'commune'],
];
async function checkReferences(client) {
  for (const [table, column, target] of REFERENCES) {
    const key = target === 'commune' ? 'code' : 'id';
    const { rows } = await client.query(
      `SELECT count(*)::int AS orphans FROM ${table} t
       WHERE t.${column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${target} x WHERE x.${key} = t.${column})`,
    );
    if (rows[0].orphans > 0) throw new Error(`${rows[0].orphans} rows of ${table}.${column} point nowhere`);
  }
}

/**
 * An API client for bench:fhir (access profile 5: every element the queries touch), when the schema has API
 * clients. Its key is derived from the seed and printed: for a benchmark database only.
 */
async function createApiClient(client) {
  const { rows } = await client.query(`SELECT to_regclass('api_client') IS NOT NULL AS present`);
  if (!rows[0].present) return;
  const key = `ror_bench_${args.seed}`;
  await client.query(
    `INSERT INTO api_client (name, access_profile, key_prefix, key_hash, created_by)
     VALUES ('Benchmark (bench:fhir)', 5, 'ror_bench', $1, 'bench-generate') ON CONFLICT (key_hash) DO NOTHING`,
    [createHash('sha256').update(key).digest('hex')],
  );
  log(`API client for bench:fhir (profile 5): X-API-Key: ${key}`);
}

async function main() {
  const database = await openDatabase({ databaseUrl: args['database-url'], dir: args.dir, port: args.port });
  log(`database ${database.url}${database.dir ? ` (embedded, data in ${database.dir})` : ''}`);
  const { migrate } = await import('../dist/apps/api/src/bootstrap.js');
  const applied = await migrate(database.url);
  log(`migrations applied: ${applied.length ? applied.join(', ') : 'none pending'}`);

  try {
    if (!args['serve-only']) await generate(database.url);
  } catch (e) {
    await database.stop();
    throw e;
  }
  if ((args.serve || args['serve-only']) && database.dir) {
    console.log(`\nEmbedded PostgreSQL running: DATABASE_URL=${database.url}  (Ctrl-C to stop)`);
    const stop = () => database.stop().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } else {
    await database.stop();
    if (database.dir && args.discard) rmSync(database.dir, { recursive: true, force: true });
    else if (database.dir) console.log(`Data folder kept: ${database.dir} (serve it again with --dir … --serve-only)`);
  }
}

async function generate(url) {
  await loadReferenceData(url);
  log('reference data (COG geography, NOS tables) loaded');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: existing } = await client.query('SELECT count(*)::int AS n FROM organization');
    if (existing[0].n > 0 && !args.reset) {
      throw new Error(`The database already holds ${existing[0].n} structures: use --reset to replace them`);
    }
    // CASCADE: later tables may point at structures (role assignments…); --reset empties them too.
    if (existing[0].n > 0) await client.query(`TRUNCATE ${GENERATED.join(', ')} CASCADE`);
    await client.query(`SET synchronous_commit = off`);
    // Row triggers (capacity history, and any later one) are off during the load: their effect is applied
    // once, in bulk, below. As superuser the per-row foreign-key checks are skipped too (checked at the end).
    for (const table of GENERATED) await client.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    const { rows: role } = await client.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`);
    if (role[0].rolsuper) await client.query(`SET session_replication_role = replica`);
    const indexes = await dropSecondaryIndexes(client);
    log(`dropped ${indexes.length} secondary indexes for the load; scale ${scale}, seed ${args.seed}, now ${iso(NOW)}`); // prettier-ignore

    const loaded = {};
    loaded.organization = await copy(client, 'organization', ORGANIZATION, organizations);
    loaded.location = await copy(client, 'location', LOCATION, locations);
    loaded.healthcare_service = await copy(client, 'healthcare_service', OFFER, offers);
    loaded.healthcare_service_location = await copy(client, 'healthcare_service_location', ['healthcare_service_id', 'location_id'], offerLocations); // prettier-ignore
    loaded.capacity = await copy(client, 'capacity', CAPACITY, capacities);
    loaded.equipment = await copy(client, 'equipment', EQUIPMENT, equipment);
    loaded.contact = await copy(client, 'contact', CONTACT, () => contacts(false));
    loaded.telecom = await copy(client, 'telecom', TELECOM, () => contacts(true));
    loaded.practitioner = await copy(client, 'practitioner', PRACTITIONER, practitioners);
    loaded.practitioner_role = await copy(client, 'practitioner_role', ROLE, roles);
    await client.query(
      `INSERT INTO healthcare_service_number (region_code, last) SELECT * FROM unnest($1::varchar[], $2::int[])`,
      [[...offerNumbers.keys()], [...offerNumbers.values()]],
    );
    await client.query(`SELECT setval('location_number', $1)`, [COUNT.location]);
    // The same row the capacity_history_trg trigger writes on insert (initial migration).
    let started = performance.now();
    await client.query(`
        INSERT INTO capacity_history (capacity_id, location_id, dimensions, count, source, observed_at, recorded_at)
        SELECT id, location_id, jsonb_strip_nulls(jsonb_build_object(
            'nature', nature->>'code', 'status', status->>'code', 'temporality', temporality->>'code',
            'temporaryAssignment', temporary_assignment->>'code', 'gender', gender->>'code',
            'closingType', closing_type->>'code', 'additionalBedType', additional_bed_type->>'code',
            'crisisType', crisis_type->>'code')), count, source, observed_at, created_at
        FROM capacity`);
    log(`capacity_history: written in ${seconds(started)}`);
    // The search columns the offer–place link triggers keep (migration 1764500000000), with the same functions.
    started = performance.now();
    await client.query(`SELECT refresh_offer_postal_prefixes(ARRAY(SELECT healthcare_service_id FROM healthcare_service_location))`); // prettier-ignore
    await client.query(`SELECT refresh_location_sensitive_only(ARRAY(SELECT hl.location_id FROM healthcare_service_location hl
      JOIN healthcare_service h ON h.id = hl.healthcare_service_id WHERE h.sensitive_unit))`);
    log(`offer postal prefixes and sensitive-only places: written in ${seconds(started)}`);
    // The places' capacity search keys the capacity triggers keep (migration 1764800000000).
    started = performance.now();
    await client.query(`SELECT refresh_location_capacity_keys(ARRAY(SELECT DISTINCT location_id FROM capacity))`);
    log(`place capacity keys: written in ${seconds(started)}`);
    await client.query(`SET session_replication_role = origin`);
    for (const table of GENERATED) await client.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
    started = performance.now();
    for (const definition of indexes) await client.query(definition);
    log(`${indexes.length} secondary indexes rebuilt in ${seconds(started)}`);
    started = performance.now();
    await checkReferences(client);
    log(`references checked in ${seconds(started)}`);
    started = performance.now();
    for (const table of GENERATED) await client.query(`VACUUM (ANALYZE) ${table}`);
    log(`vacuum analyze in ${seconds(started)}`);
    if (Number(args.verify) > 0) await verifyThroughApp(url, client, Number(args.verify));
    await createApiClient(client);
    const { rows: size } = await client.query(
      `SELECT pg_size_pretty(pg_database_size(current_database())) AS size, pg_database_size(current_database()) AS bytes`,
    );
    const { rows: history } = await client.query('SELECT count(*)::int AS n FROM capacity_history');
    loaded.capacity_history = history[0].n;
    const total = (performance.now() - T0) / 1000;
    console.log(`\nGenerated in ${total.toFixed(0)} s; database size ${size[0].size}`);
    for (const [table, rows] of Object.entries(loaded))
      console.log(`  ${table.padEnd(28)} ${rows.toLocaleString('en').padStart(10)}`);
    console.log(
      JSON.stringify({ scale, seed: Number(args.seed), now: iso(NOW), seconds: Math.round(total), bytes: Number(size[0].bytes), rows: loaded }), // prettier-ignore
    );
  } finally {
    await client.end();
  }
}

await main();
