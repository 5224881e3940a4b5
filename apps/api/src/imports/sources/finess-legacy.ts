import { parse } from 'csv-parse/sync';
import { crsOf } from './reproject.js';
import {
  clean,
  FINESS_NUMBER,
  type FinessItem,
  type FinessRecord,
  finessDate,
  inseeCommune,
  RecordError,
  type StructureRecord,
} from './structure-record.js';
import { hasBrokenEncoding, readLines, type TextEncoding } from './text-lines.js';

/** Section tags of the etalab cs11005NN extracts (finess.md §1) and their field counts, tag included. */
const FIELDS = { structureet: 32, structureej: 23, geolocalisation: 6 } as const;
const EQUIPMENT_TAGS = new Set(['equipementsocial', 'equipmateriellourd', 'activiteoffresoin']);

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
  for await (const { line, text } of readLines(file, encoding, progress)) {
    if (text.trim() === '') continue;
    const comment = LEGACY_COMMENT.exec(text);
    if (comment) {
      onExtractionDate(comment[1]!);
      continue;
    }
    try {
      if (hasBrokenEncoding(text)) throw new RecordError('caractères illisibles (encodage invalide)');
      yield { line, ...parseLegacyLine(splitLine(text)) };
    } catch (error) {
      if (!(error instanceof RecordError)) throw error;
      yield { line, error: error.message, raw: text };
    }
  }
}

function parseLegacyLine(f: string[]): FinessRecord {
  const tag = f[0] ?? '';
  if (EQUIPMENT_TAGS.has(tag)) return { ignored: tag };
  if (tag === 'structureet' && f.length === 3) return { ignored: 'structureet (correspondance ET → EJ)' };
  const expected = FIELDS[tag as keyof typeof FIELDS];
  if (!expected) throw new RecordError(`type de ligne inconnu : « ${tag.slice(0, 40)} »`);
  // structureet lines end with `;` (empty numuai): 31 fields without it are accepted too.
  if (f.length !== expected && !(tag === 'structureet' && f.length === expected - 1)) {
    throw new RecordError(`${tag} : ${expected} champs attendus, ${f.length} trouvés`);
  }
  const v = (i: number) => clean(f[i]);
  const finess = (i: number, what: string) => {
    const n = v(i);
    if (!n || !FINESS_NUMBER.test(n)) throw new RecordError(`numéro FINESS ${what} invalide : « ${f[i] ?? ''} »`);
    return n;
  };
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
