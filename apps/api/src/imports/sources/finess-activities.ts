import { type ActivityRecord, activityStatus, count, type FinessEvent } from './activity-record.js';
import { jsonEntries } from './json-entries.js';
import { clean, FINESS_NUMBER, type FinessItem, finessDate, RecordError } from './structure-record.js';

/* FINESS+ Activités JSON (finess.md §8.2): only the fields the ROR keeps are typed. Every value is a string. */
type Capacity = {
  nombre?: string | null;
  statutCapacite?: string | null;
  modeFinancement?: string | null;
  habilitation?: string | null;
  typeLogement?: string | null;
  genre?: string | null;
};
type Activity = {
  caracteristiquesGeneriques?: Record<string, string | null | undefined>;
  nature?: { codeNature?: string | null; caracteristiquesSpecifiques?: Record<string, unknown> | null };
  evenement?: FinessEvent[] | null;
  capacite?: Capacity[] | null;
};
type Entry = {
  numFiness?: string;
  activitesAutorisees?: Activity[] | null;
  ege?: { egeId?: string; numFinessEge?: string; activitesExercees?: Activity[] | null }[] | null;
};

/**
 * FINESS capacity statuses as ANS's mapping note reads them (finess.md §8.2): 09 authorised, 08 installed.
 * A third-party converter reads them the other way round; the real files will tell (noted in the docs).
 */
const AUTHORISED = '09';
const INSTALLED = '08';

/**
 * Authorisations (`activitesAutorisees`, on the EJ) and exercised activities (`activitesExercees`, on each
 * EG) of a FINESS+ Activités file, streamed one `pmej` entry at a time. Both schema versions: 1.0.0 has
 * `schemaVersion` at the root, 1.0.1 in `metadata`; only `pmej` is read. A malformed activity is rejected
 * alone (with its entry number); a malformed entry (no FINESS number) with all its activities.
 */
export async function* readFinessActivities(
  file: string,
  progress: (bytes: number) => void,
): AsyncGenerator<FinessItem> {
  const entries = jsonEntries<Entry>(file, /^pmej\.\d+$/, progress);
  let line = 0;
  try {
    for await (const { key, value } of entries) {
      line = key + 1;
      yield* entryActivities(line, value);
    }
  } catch (error) {
    if (error instanceof RecordError) throw error;
    yield { line: line + 1, error: `JSON illisible après l’entrée ${line} : ${(error as Error).message}` };
  }
}

function* entryActivities(line: number, entry: Entry): Generator<FinessItem> {
  const raw = (a: unknown) => JSON.stringify(a).slice(0, 500);
  const ej = clean(entry.numFiness);
  if (!ej || !FINESS_NUMBER.test(ej)) {
    yield { line, error: `numéro FINESS EJ invalide : « ${entry.numFiness ?? ''} »`, raw: raw(entry) };
    return;
  }
  const sites: [string | null, Activity[]][] = [[null, entry.activitesAutorisees ?? []]];
  for (const ege of entry.ege ?? []) sites.push([clean(ege.numFinessEge), ege.activitesExercees ?? []]);
  for (const [eg, activities] of sites) {
    for (const activity of activities) {
      try {
        if (eg !== null && !FINESS_NUMBER.test(eg)) throw new RecordError(`numéro FINESS EG invalide : « ${eg} »`);
        yield { line, activity: toRecord(activity, ej, eg) };
      } catch (error) {
        if (!(error instanceof RecordError)) throw error;
        yield { line, error: error.message, raw: raw(activity) };
      }
    }
  }
}

function toRecord(a: Activity, ej: string, eg: string | null): ActivityRecord {
  const g = a.caracteristiquesGeneriques ?? {};
  const id = clean(g.activiteAeId);
  if (!id) throw new RecordError('activiteAeId absent');
  const nature = clean(a.nature?.codeNature);
  if (!nature || !/^[A-Z]{2,6}$/.test(nature)) throw new RecordError(`codeNature invalide : « ${nature ?? ''} »`);
  const codes = specificCodes(a.nature?.caracteristiquesSpecifiques ?? {});
  if (Object.keys(codes).length === 0) throw new RecordError(`${nature} ${id} : aucun code d’activité`);
  const status = activityStatus(clean(g.etatObjet), a.evenement);
  const endedOn = finessDate(g.dateFinEffectiveActivite, 'dateFinEffectiveActivite');
  return {
    sourceKey: id,
    origin: 'finess-plus',
    scope: eg ? 'EG' : 'EJ',
    finess: eg ?? ej,
    ejFiness: ej,
    authorizationKey: eg ? clean(g.identifiantAutorisation) : null,
    nature,
    activityCode: [nature, ...Object.values(codes)].join('_'),
    codes,
    labels: null,
    status,
    arhgosNumber: clean(g.numAutorisationArhgos),
    startsOn: finessDate(g.dateDebutActiviteAutorisee, 'dateDebutActiviteAutorisee'),
    endsOn:
      finessDate(g.dateFinActiviteAutorisee, 'dateFinActiviteAutorisee') ??
      finessDate(g.dateCaduciteAutorisation, 'dateCaduciteAutorisation'),
    closedOn: status === 3 ? endedOn : null,
    authorisedCapacity: totalCapacity(a.capacite, AUTHORISED),
    installedCapacity: totalCapacity(a.capacite, INSTALLED),
    finessUpdatedAt: null,
  };
}

/**
 * The nature's specific codes, in the order FINESS gives them: the fields of its `typeActivite<NATURE>`
 * object (activité, modalité, forme…), or a bare code such as `typeEmlId`.
 */
function specificCodes(specific: Record<string, unknown>): Record<string, string> {
  for (const [key, value] of Object.entries(specific)) {
    if (!key.startsWith('type') || value === null || value === undefined) continue;
    if (typeof value === 'string') return clean(value) ? { [key]: clean(value)! } : {};
    if (typeof value === 'object') {
      const codes: Record<string, string> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const c = typeof v === 'string' ? clean(v) : null;
        if (c) codes[k] = c;
      }
      return codes;
    }
  }
  return {};
}

/** Sum of the "total" capacities of a status: lines split by financing, habilitation, housing or gender are parts. */
function totalCapacity(capacities: Capacity[] | null | undefined, status: string): number | null {
  const totals = (capacities ?? []).filter(
    (c) => c.statutCapacite === status && !c.modeFinancement && !c.habilitation && !c.typeLogement && !c.genre,
  );
  if (totals.length === 0) return null;
  return totals.reduce((sum, c) => sum + (count(c.nombre, 'capacite.nombre') ?? 0), 0);
}
