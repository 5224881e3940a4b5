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

/** What to do with an archive: the data files are distributed zipped (rpps.md §1, finess.md §7). */
const UNZIP_HINT: Record<ImportKind, string> = {
  finess: 'l’extraction etalab (.csv) ou le flux FINESS+ (.json)',
  rpps: 'le fichier PS_LibreAcces_Personne_activite_<date>.txt',
};

/** Files of the same families that are not importable as such, told apart by their first line. */
const NOT_IMPORTED: [(firstLine: string) => boolean, string][] = [
  [
    (l) => l.startsWith('nofinesset;nofinessej;'),
    'c’est un fichier annuel historique etalab_stock_et (avec en-tête, finess.md §7), format non pris en charge : importez les extractions cs11005NN ou le flux FINESS+',
  ],
  [
    (l) => l.includes('|Code savoir-faire|') && !l.includes('|Code mode exercice|'),
    'c’est le fichier PS_LibreAcces_SavoirFaire, pas PS_LibreAcces_Personne_activite',
  ],
  [
    (l) => l.includes('|Code type diplôme obtenu|'),
    'c’est le fichier PS_LibreAcces_Dipl_AutExerc, pas PS_LibreAcces_Personne_activite',
  ],
];

/** What the head of the file says it is; refuses a file that is not of the announced kind. */
export async function detectFormat(file: string, expected: ImportKind): Promise<ImportFormat> {
  const { raw, text: head, encoding } = await readHead(file);
  const refuse = (why: string) => new RefusedFileError(`Fichier refusé : ${why}.`);
  const archive = archiveOf(raw);
  if (archive) {
    throw refuse(
      `c’est une archive ${archive}, pas un fichier texte ; décompressez-la et importez ${UNZIP_HINT[expected]}`,
    );
  }
  const firstLine = head.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  if (firstLine === '') throw refuse(`le fichier est vide ; ${EXPECTED[expected]}`);
  let format: ImportFormat | null = null;
  let seen = 'il n’est reconnu ni comme FINESS ni comme RPPS';
  const other = NOT_IMPORTED.find(([known]) => known(firstLine));
  if (LEGACY_COMMENT.test(firstLine) || LEGACY_TAG.test(firstLine)) format = 'finess-legacy';
  else if (other) seen = other[1];
  else if (firstLine.includes('|') && firstLine.includes(RPPS_HEADER_MARK)) format = 'rpps';
  else if (head.trimStart().startsWith('{')) {
    // Activités entries name their EJ by `numFiness` and carry activity arrays; Structures files open with
    // their arrays of groupings or EJs. Schema 1.0.1 puts the version in `metadata`, 1.0.0 at the root.
    if (/"(activitesAutorisees|activitesExercees|numFiness)"\s*:/.test(head)) format = 'finess-activities';
    else if (/"(pmej|gcc|gco)"\s*:\s*\[/.test(head)) format = 'finess-plus';
    else seen = 'c’est un document JSON sans tableau FINESS+ (« pmej », « gcc », « gco »)';
  }
  const kindOf = (f: ImportFormat): ImportKind => (f === 'rpps' ? 'rpps' : 'finess');
  if (format && kindOf(format) !== expected) seen = `c’est une ${FORMAT_LABELS[format]}`;
  if (!format || kindOf(format) !== expected) {
    const start = firstLine.slice(0, 60).replace(/[^\x20-\x7E\u00A0-\u017F]/g, '?');
    throw refuse(`${EXPECTED[expected]} ; ${seen} (début : « ${start} »)`);
  }
  if (format !== 'finess-legacy' && format !== 'rpps' && encoding !== 'utf-8') {
    throw refuse('le flux FINESS+ JSON est en UTF-8 et ce fichier ne l’est pas (réenregistré en Windows-1252 ?)');
  }
  if (format === 'rpps') {
    const { missing } = resolveColumns(firstLine);
    if (missing.length) throw refuse(`colonnes RPPS manquantes dans l’en-tête : ${missing.join(', ')}`);
  }
  return format;
}

/** Zip (PK) and gzip signatures, with the name of the zip's first file when there is one. */
function archiveOf(raw: Buffer): string | null {
  if (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b) return 'gzip';
  if (raw.length < 4 || raw.readUInt32LE(0) !== 0x04034b50) return null;
  // Local file header: the name's length at offset 26, the name at 30.
  const nameLength = raw.length >= 30 ? raw.readUInt16LE(26) : 0;
  const name = raw.subarray(30, 30 + nameLength).toString('utf-8');
  return name ? `zip (qui contient « ${name} »…)` : 'zip';
}
