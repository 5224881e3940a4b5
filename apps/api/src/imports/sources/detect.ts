import { LEGACY_COMMENT } from './finess-legacy.js';
import { resolveColumns, RPPS_HEADER_MARK } from './rpps.js';
import { readHead } from './text-lines.js';

export type ImportKind = 'finess' | 'rpps';
export type ImportFormat = 'finess-legacy' | 'finess-plus' | 'finess-activities' | 'rpps';

export const FORMAT_LABELS: Record<ImportFormat, string> = {
  'finess-legacy': 'extraction FINESS etalab (CSV)',
  'finess-plus': 'flux FINESS+ Structures (JSON)',
  'finess-activities': 'flux FINESS+ Activités (JSON)',
  rpps: 'extraction RPPS PS_LibreAcces_Personne_activite',
};

const EXPECTED: Record<ImportKind, string> = {
  finess:
    'un fichier FINESS était attendu : extraction etalab cs11005NN (première ligne « finess;etalab;… » puis des lignes structureet/structureej/geolocalisation/equipementsocial/equipmateriellourd/activiteoffresoin) ou flux FINESS+ Structures ou Activités JSON',
  rpps: 'un fichier RPPS était attendu : PS_LibreAcces_Personne_activite (en-tête séparé par « | » avec la colonne « Identification nationale PP »)',
};

const LEGACY_TAG = /^(structureet|structureej|geolocalisation|equipementsocial|equipmateriellourd|activiteoffresoin);/;

/** The file is not of the announced kind: refused before anything is written. */
export class RefusedFileError extends Error {}

/** What the head of the file says it is; refuses a file that is not of the announced kind. */
export async function detectFormat(file: string, expected: ImportKind): Promise<ImportFormat> {
  const head = await readHead(file);
  const firstLine = head.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  let format: ImportFormat | null = null;
  let seen = 'il n’est reconnu ni comme FINESS ni comme RPPS';
  if (LEGACY_COMMENT.test(firstLine) || LEGACY_TAG.test(firstLine)) format = 'finess-legacy';
  else if (firstLine.includes('|') && firstLine.includes(RPPS_HEADER_MARK)) format = 'rpps';
  else if (head.trimStart().startsWith('{')) {
    // Activités entries name their EJ by `numFiness` and carry activity arrays; Structures entries have
    // `informationsGeneralesPMEJ` (numFinessPm) and groupings. Schema 1.0.1 puts the version in `metadata`.
    if (/"(activitesAutorisees|activitesExercees|numFiness)"\s*:/.test(head)) format = 'finess-activities';
    else if (/"(pmej|schemaVersion|metadata|gcc|gco)"\s*:/.test(head)) format = 'finess-plus';
  }
  const kindOf = (f: ImportFormat): ImportKind => (f === 'rpps' ? 'rpps' : 'finess');
  if (format && kindOf(format) !== expected) seen = `c’est une ${FORMAT_LABELS[format]}`;
  if (!format || kindOf(format) !== expected) {
    const start = firstLine.slice(0, 60).replace(/[^\x20-\x7E\u00A0-\u017F]/g, '?');
    throw new RefusedFileError(`Fichier refusé : ${EXPECTED[expected]} ; ${seen} (début : « ${start} »).`);
  }
  if (format === 'rpps') {
    const { missing } = resolveColumns(firstLine);
    if (missing.length) {
      throw new RefusedFileError(`Fichier refusé : colonnes RPPS manquantes dans l’en-tête : ${missing.join(', ')}.`);
    }
  }
  return format;
}
