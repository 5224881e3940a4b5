import { clean, RecordError } from './structure-record.js';
import { hasBrokenEncoding, MAX_LINE, readHead, readLines } from './text-lines.js';

/** Columns of PS_LibreAcces_Personne_activite the import reads, by exact header label (rpps.md §3). */
const COLUMNS = {
  idType: ["Type d'identifiant PP"],
  nationalId: ['Identification nationale PP'],
  titleCode: ["Code civilité d'exercice"],
  civilityCode: ['Code civilité'],
  lastName: ["Nom d'exercice"],
  firstName: ["Prénom d'exercice"],
  profession: ['Code profession'],
  expertiseType: ['Code type savoir-faire'],
  skill: ['Code savoir-faire'],
  mode: ['Code mode exercice'],
  siret: ['Numéro SIRET site'],
  finessSite: ['Numéro FINESS site'],
  finessEj: ['Numéro FINESS établissement juridique'],
  structureId: ['Identifiant technique de la structure'],
  name: ['Raison sociale site'],
  brand: ['Enseigne commerciale site'],
  complement: ['Complément destinataire (coord. structure)'],
  place: ['Complément point géographique (coord. structure)'],
  number: ['Numéro Voie (coord. structure)'],
  repetition: ['Indice répétition voie (coord. structure)'],
  streetType: ['Code type de voie (coord. structure)'],
  street: ['Libellé Voie (coord. structure)'],
  distribution: ['Mention distribution (coord. structure)'],
  cedex: ['Bureau cedex (coord. structure)'],
  postalCode: ['Code postal (coord. structure)'],
  commune: ['Code commune (coord. structure)'],
  city: ['Libellé commune (coord. structure)'],
  phone: ['Téléphone (coord. structure)'],
  email: ['Adresse e-mail (coord. structure)'],
  sector: ["Code secteur d'activité"],
} as const;
/** Added after 2021 and spelt two ways (rpps.md §3): read when present. */
const OPTIONAL_COLUMNS = { role: ['Code rôle', 'Code fonction'] } as const;

type Field = keyof typeof COLUMNS | keyof typeof OPTIONAL_COLUMNS;
export type RppsRecord = Record<Field, string | null>;
/**
 * A rejected line names the professional it lists when its national id can still be read (`nationalId`), so
 * that his situations are not taken as gone; `incomplete`: the file was cut there (truncated download), so
 * nothing can be taken as gone.
 */
export type RppsItem =
  | { line: number; record: RppsRecord }
  | { line: number; error: string; raw?: string; nationalId?: string; incomplete?: true };

const NATIONAL_ID = /^[0-9][0-9A-Z]{9,11}$/;

/** The header names the identifying column: enough to tell an RPPS extract from anything else. */
export const RPPS_HEADER_MARK = 'Identification nationale PP';

/** Column positions by header label; the missing required columns are listed, never guessed. */
export function resolveColumns(header: string): { positions: Record<Field, number>; missing: string[] } {
  const names = header.split('|').map((n) => n.trim());
  const positions = {} as Record<Field, number>;
  const missing: string[] = [];
  for (const [field, labels] of Object.entries({ ...COLUMNS, ...OPTIONAL_COLUMNS })) {
    const index = labels.map((l) => names.indexOf(l)).find((i) => i >= 0) ?? -1;
    if (index < 0 && field in COLUMNS) missing.push(labels[0]!);
    positions[field as Field] = index;
  }
  return { positions, missing };
}

/**
 * Lines of a PS_LibreAcces_Personne_activite file: `|`-separated without any quoting, a header, a trailing
 * `|` on every line, UTF-8 (rpps.md §2; a file re-saved in Windows-1252 is read as such, its header telling).
 * Extra columns are tolerated; a line with a different field count than the header is rejected (wrong layout
 * or truncated).
 */
export async function* readRpps(file: string, progress: (bytes: number) => void): AsyncGenerator<RppsItem> {
  let positions: Record<Field, number> | null = null;
  let width = 0;
  const { encoding } = await readHead(file);
  for await (const { line, text, unterminated, tooLong } of readLines(file, encoding, progress)) {
    if (!positions) {
      const resolved = resolveColumns(text);
      if (resolved.missing.length) throw new RecordError(`colonnes RPPS manquantes : ${resolved.missing.join(', ')}`);
      positions = resolved.positions;
      width = text.split('|').length;
      continue;
    }
    if (text === '') continue;
    const fields = text.split('|');
    try {
      if (tooLong) throw new RecordError(`ligne de plus de ${MAX_LINE} caractères`);
      if (hasBrokenEncoding(text)) throw new RecordError('caractères illisibles (encodage invalide)');
      if (fields.length !== width) {
        throw new RecordError(
          `${width} champs attendus, ${fields.length} trouvés${unterminated ? ' (fichier tronqué ?)' : ''}`,
        );
      }
      const record = {} as RppsRecord;
      for (const [field, index] of Object.entries(positions))
        record[field as Field] = index < 0 ? null : clean(fields[index]);
      if (!record.nationalId || !NATIONAL_ID.test(record.nationalId)) {
        throw new RecordError(`identifiant national PP invalide : « ${record.nationalId ?? ''} »`);
      }
      if (!record.lastName) throw new RecordError('nom d’exercice vide');
      if (!record.profession) throw new RecordError('code profession vide');
      yield { line, record };
    } catch (error) {
      if (!(error instanceof RecordError)) throw error;
      const nationalId = clean(fields[positions.nationalId]);
      yield {
        line,
        error: error.message,
        raw: text,
        ...(nationalId && NATIONAL_ID.test(nationalId) && !tooLong ? { nationalId } : {}),
        ...(unterminated && fields.length !== width ? { incomplete: true as const } : {}),
      };
    }
  }
}
