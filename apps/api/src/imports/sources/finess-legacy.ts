import { parse } from 'csv-parse/sync';
import { type ActivityRecord, count } from './activity-record.js';
import { crsOf } from './reproject.js';
import {
  clean,
  FINESS_NUMBER,
  type FinessItem,
  type FinessRecord,
  finessDate,
  type GeolocationRecord,
  inseeCommune,
  RecordError,
  type StructureRecord,
} from './structure-record.js';
import { hasBrokenEncoding, MAX_LINE, readLines, type TextEncoding } from './text-lines.js';

/** Section tags of the etalab cs11005NN extracts (finess.md §1) and their field counts, tag included. */
const FIELDS = {
  structureet: 32,
  structureej: 23,
  geolocalisation: 6,
  equipementsocial: 28,
  equipmateriellourd: 11,
} as const;
/** §5.4: only the first 13 positions of `activiteoffresoin` are known; later fields are not read. */
const ACTIVITE_OFFRE_SOIN_MIN_FIELDS = 13;

/** The extract's first line: `finess;etalab;<flux number>;<extraction date>` (not a header). */
export const LEGACY_COMMENT = /^finess;etalab;[^;]*;(\d{4}-\d{2}-\d{2})/;

/**
 * Fields of one line. `;` with RFC-4180 quotes only where needed (finess.md §2): lines without a quote are
 * split as they are; the rare quoted ones go through csv-parse. Parsing line by line keeps a broken quote
 * to its own line instead of swallowing the following ones.
 */
export function splitLine(text: string): string[] {
  if (!text.includes('"')) return text.split(';');
  try {
    const [fields] = parse(text, { delimiter: ';', relax_column_count: true }) as string[][];
    return fields ?? [];
  } catch {
    throw new RecordError('guillemets mal formés');
  }
}

/** Records of a legacy FINESS extract, streamed line by line. */
export async function* readLegacyFiness(
  file: string,
  encoding: TextEncoding,
  progress: (bytes: number) => void,
  onExtractionDate: (date: string) => void,
): AsyncGenerator<FinessItem> {
  for await (const { line, text, unterminated, tooLong } of readLines(file, encoding, progress)) {
    if (text.trim() === '') continue;
    const comment = LEGACY_COMMENT.exec(text);
    if (comment) {
      onExtractionDate(comment[1]!);
      continue;
    }
    try {
      if (tooLong) throw new RecordError(`ligne de plus de ${MAX_LINE} caractères`);
      if (hasBrokenEncoding(text)) throw new RecordError('caractères illisibles (encodage invalide)');
      yield { line, ...parseLegacyLine(splitLine(text)) };
    } catch (error) {
      if (!(error instanceof RecordError)) throw error;
      const cut = Boolean(unterminated || tooLong);
      const reason = unterminated ? `${error.message} (dernière ligne tronquée ?)` : error.message;
      yield { line, error: reason, raw: text, ...listed(text, cut) };
    }
  }
}

/** Line kinds that list no structure: rejecting one says nothing of which structures the file lists. */
const NOT_STRUCTURES = new Set(['geolocalisation', 'equipementsocial', 'equipmateriellourd', 'activiteoffresoin']);

/**
 * What a rejected structure line still says the file lists: its FINESS number (second field) when readable.
 * One without a readable number, or a line the file ends inside (truncated), leaves the listing unknown.
 */
function listed(text: string, cut: boolean): { finess?: string; incomplete?: true } {
  const [tag = '', number = ''] = text.split(';', 2).map((f) => f.replace(/"/g, '').trim());
  if (cut) return { incomplete: true };
  if (NOT_STRUCTURES.has(tag)) return {};
  return FINESS_NUMBER.test(number) ? { finess: number } : { incomplete: true };
}

/**
 * First pass over a legacy stock file: its `geolocalisation` lines only, so that each establishment can be
 * written once with its position wherever its line is in the file. Bad lines are skipped here: the full
 * pass (`readLegacyFiness`) rejects them with their line numbers.
 */
export async function* readLegacyPositions(file: string, encoding: TextEncoding): AsyncGenerator<GeolocationRecord> {
  for await (const { text } of readLines(file, encoding)) {
    if (!/^"?geolocalisation/.test(text) || hasBrokenEncoding(text)) continue;
    try {
      const record = parseLegacyLine(splitLine(text));
      if ('geolocation' in record) yield record.geolocation;
    } catch (error) {
      if (!(error instanceof RecordError)) throw error;
    }
  }
}

function parseLegacyLine(f: string[]): FinessRecord {
  const tag = f[0] ?? '';
  if (tag === 'structureet' && f.length === 3) return { ignored: 'structureet (correspondance ET → EJ)' };
  if (tag === 'activiteoffresoin') return { activity: careActivity(f) };
  const expected = FIELDS[tag as keyof typeof FIELDS];
  if (!expected) throw new RecordError(`type de ligne inconnu : « ${tag.slice(0, 40)} »`);
  // structureet lines end with `;` (empty numuai): 31 fields without it are accepted too.
  if (f.length !== expected && !(tag === 'structureet' && f.length === expected - 1)) {
    throw new RecordError(`${tag} : ${expected} champs attendus, ${f.length} trouvés`);
  }
  const v = (i: number) => clean(f[i]);
  const finess = (i: number, what: string) => finessAt(f, i, what);
  if (tag === 'equipementsocial') return { activity: socialEquipment(f) };
  if (tag === 'equipmateriellourd') return { activity: heavyEquipment(f) };
  if (tag === 'geolocalisation') {
    const x = v(2);
    const y = v(3);
    const source = v(4) ?? '';
    const numbers = x && y ? [Number(x), Number(y)] : null;
    if (numbers && numbers.some((n) => !Number.isFinite(n))) {
      throw new RecordError(`coordonnées non numériques : « ${x} ; ${y} »`);
    }
    return {
      geolocation: {
        finess: finess(1, 'ET'),
        position: {
          ...(numbers ? { projected: numbers as [number, number] } : {}),
          crs: crsOf(source),
          precision: source.split(',')[2] === '.' ? 'commune' : 'adresse',
        },
        updatedAt: finessDate(f[5], 'datemaj'),
      },
    };
  }
  const routing = (value: string | null) => {
    const m = value ? /^(\d{5})\s*(.*)$/.exec(value) : null;
    return { postalCode: m?.[1] ?? null, city: clean(m?.[2]) ?? value };
  };
  if (tag === 'structureej') {
    const { postalCode, city } = routing(v(12));
    const structure: StructureRecord = {
      kind: 'EJ',
      finess: finess(1, 'EJ'),
      parentFiness: null,
      name: v(3) ?? v(2) ?? required('rs'),
      siren: digits(v(20), 9, 'siren'),
      siret: null,
      legalStatusCode: v(16),
      categoryCode: null,
      street: { number: v(5), repetition: v(8), typeCode: v(6), name: v(7), place: v(10), complement: v(9) },
      postalCode,
      city,
      communeCode: inseeCommune(v(13) ?? '', v(11) ?? '', postalCode),
      position: null,
      openedOn: finessDate(f[22], 'datecrea'),
      closedOn: null,
      closed: false,
      finessUpdatedAt: null,
      data: { shortName: v(2), complement: v(4), phone: v(15), ape: v(21), legalStatusLabel: v(17) },
    };
    return { structure };
  }
  const { postalCode, city } = routing(v(15));
  const structure: StructureRecord = {
    kind: 'EG',
    finess: finess(1, 'ET'),
    parentFiness: finess(2, 'EJ'),
    name: v(4) ?? v(3) ?? required('rs'),
    siren: null,
    siret: digits(v(22), 14, 'siret'),
    legalStatusCode: null,
    categoryCode: v(18),
    street: { number: v(7), repetition: v(10), typeCode: v(8), name: v(9), place: v(11), complement: v(6) },
    postalCode,
    city,
    communeCode: inseeCommune(v(13) ?? '', v(12) ?? '', postalCode),
    position: null,
    openedOn: finessDate(f[28], 'dateouv'),
    closedOn: null,
    closed: false,
    finessUpdatedAt: finessDate(f[30], 'datemaj'),
    data: {
      shortName: v(3),
      complement: v(5),
      phone: v(16),
      fax: v(17),
      categoryAggregate: v(20),
      ape: v(23),
      mft: v(24),
      mftLabel: v(25),
      sph: v(26),
      authorisedOn: finessDate(f[29], 'dateautor'),
      uai: v(31),
    },
  };
  return { structure };
}

function required(field: string): never {
  throw new RecordError(`champ obligatoire vide : ${field}`);
}

function digits(value: string | null, length: number, field: string): string | null {
  if (value === null) return null;
  if (!new RegExp(`^\\d{${length}}$`).test(value)) throw new RecordError(`${field} invalide : « ${value} »`);
  return value;
}

function finessAt(f: string[], i: number, what: string): string {
  const n = clean(f[i]);
  if (!n || !FINESS_NUMBER.test(n)) throw new RecordError(`numéro FINESS ${what} invalide : « ${f[i] ?? ''} »`);
  return n;
}

/** Codes of a line by name, each required; their labels beside them. */
function codesAt(f: string[], fields: Record<string, [code: number, label: number]>) {
  const codes: Record<string, string> = {};
  const labels: Record<string, string> = {};
  for (const [name, [code, label]] of Object.entries(fields)) {
    codes[name] = clean(f[code]) ?? required(name);
    const l = clean(f[label]);
    if (l) labels[name] = l;
  }
  return { codes, labels };
}

/**
 * `equipementsocial` (cs1100505, finess.md §5.2): installed and authorised places of an ET for one discipline
 * × activity type × clientèle. Status: authorisation deleted (`indsupaut` O) → inactive, else installed
 * places → implemented, else authorised only.
 */
function socialEquipment(f: string[]): ActivityRecord {
  const et = finessAt(f, 1, 'ET');
  const { codes, labels } = codesAt(f, { discipline: [2, 3], activite: [4, 5], clientele: [6, 7] });
  const installationDeleted = clean(f[15]) === 'O';
  const authorisationDeleted = clean(f[24]) === 'O';
  const installed = installationDeleted ? 0 : count(f[9], 'capinstot');
  const updatedAt = finessDate(f[26], 'datemajaut') ?? finessDate(f[27], 'datemajinst');
  return {
    sourceKey: ['ES', et, codes.discipline, codes.activite, codes.clientele].join('/'),
    origin: 'equipementsocial',
    scope: 'EG',
    finess: et,
    ejFiness: null,
    authorizationKey: null,
    nature: 'ES',
    activityCode: ['ES', codes.discipline, codes.activite, codes.clientele].join('_'),
    codes,
    labels,
    status: authorisationDeleted ? 3 : (installed ?? 0) > 0 ? 1 : 2,
    arhgosNumber: null,
    startsOn: finessDate(f[17], 'datepremautor') ?? finessDate(f[25], 'dateautor'),
    endsOn: null,
    closedOn: authorisationDeleted ? updatedAt : null,
    authorisedCapacity: count(f[18], 'capautot'),
    installedCapacity: installed,
    finessUpdatedAt: updatedAt,
  };
}

/**
 * `equipmateriellourd` (cs1100504, finess.md §5.3): a heavy-equipment (EML, TRE_R272) authorisation of an
 * EJ–ET pair. An authorisation, not a place's equipment: the ROR's `equipment` is the structure's own
 * equipment in service on a Location, coded in J18 (ror-ig.md §2.5), which EML codes are not.
 */
function heavyEquipment(f: string[]): ActivityRecord {
  const ej = finessAt(f, 1, 'EJ');
  const et = clean(f[9]) ? finessAt(f, 9, 'ET') : null;
  const { codes, labels } = codesAt(f, { eml: [3, 4] });
  const number = clean(f[5]);
  const implementedOn = finessDate(f[10], 'datemeo');
  return {
    sourceKey: ['EML', ej, et ?? '', codes.eml, number ?? ''].join('/'),
    origin: 'equipmateriellourd',
    scope: et ? 'EG' : 'EJ',
    finess: et ?? ej,
    ejFiness: ej,
    authorizationKey: null,
    nature: 'EML',
    activityCode: `EML_${codes.eml}`,
    codes,
    labels,
    status: implementedOn ? 1 : 2,
    arhgosNumber: clean(f[6]),
    startsOn: finessDate(f[8], 'dateautor'),
    endsOn: null,
    closedOn: null,
    authorisedCapacity: null,
    installedCapacity: null,
    finessUpdatedAt: implementedOn,
  };
}

/**
 * `activiteoffresoin` (care-activity authorisations, finess.md §5.4, low confidence): only the positions the
 * note confirms are read (EJ, activity / modality / form with their labels, ET); no status field is known,
 * so a listed authorisation is taken as active, implementation unknown (2).
 */
function careActivity(f: string[]): ActivityRecord {
  if (f.length < ACTIVITE_OFFRE_SOIN_MIN_FIELDS) {
    throw new RecordError(
      `activiteoffresoin : au moins ${ACTIVITE_OFFRE_SOIN_MIN_FIELDS} champs attendus, ${f.length} trouvés`,
    );
  }
  const ej = finessAt(f, 1, 'EJ');
  const et = clean(f[11]) ? finessAt(f, 11, 'ET') : null;
  const { codes, labels } = codesAt(f, { activite: [3, 4], modalite: [5, 6], forme: [7, 8] });
  return {
    sourceKey: ['AOS', ej, et ?? '', codes.activite, codes.modalite, codes.forme].join('/'),
    origin: 'activiteoffresoin',
    scope: et ? 'EG' : 'EJ',
    finess: et ?? ej,
    ejFiness: ej,
    authorizationKey: null,
    nature: 'AOS',
    activityCode: ['AOS', codes.activite, codes.modalite, codes.forme].join('_'),
    codes,
    labels,
    status: 2,
    arhgosNumber: null,
    startsOn: null,
    endsOn: null,
    closedOn: null,
    authorisedCapacity: null,
    installedCapacity: null,
    finessUpdatedAt: null,
  };
}
