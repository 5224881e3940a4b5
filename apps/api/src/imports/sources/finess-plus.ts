import type { GroupingRecord } from './activity-record.js';
import { jsonEntries } from './json-entries.js';
import {
  clean,
  FINESS_NUMBER,
  type FinessItem,
  finessDate,
  RecordError,
  type RawPosition,
  type StructureRecord,
  type StreetParts,
} from './structure-record.js';

/* FINESS+ Structures JSON (finess.md §8.1): only the fields the ROR uses are typed. Every value is a string. */
type Address = {
  usageAdresse?: string;
  numeroVoie?: string;
  complementVoie?: string;
  typeVoie?: string;
  libelleVoie?: string;
  lieuDit?: string;
  complementPointGeographique?: string;
  cogCommune?: string;
  codePostal?: string;
  ligneAcheminement?: string;
  coordonneesGeographique?: Record<string, string | undefined>;
};
type Contact = { typeContact?: { roleContact?: string }; telecom?: { telephone?: string; telecopie?: string } };
type Ege = {
  informationsGeneralesEGE?: Record<string, string | string[] | undefined>;
  categorieentiteGeographiqueExercice?: string;
  modefixationtarifaire?: string;
  adresse?: Address[];
  contact?: Contact[];
  etatObjet?: string;
  dateDerniereMaj?: string;
};
type Member = { pmSmsseId?: string; egeId?: string; typeRoleEntiteGroupe?: string };
type Gcc = {
  gccId?: string;
  nomGcc?: string;
  typeGcc?: string;
  gccIdentifiantExterne?: string;
  pmejDuGcc?: Member[];
  egeDuGcc?: Member[];
  etatObjet?: string;
  dateDerniereMaj?: string;
};
type Gco = { pmSmsseId?: string; typeGco?: string; pmejDuGco?: Member[]; egeDuGco?: Member[] };
type Pmej = {
  informationsGeneralesPMEJ?: Record<string, string | undefined>;
  adresse?: Address[];
  contact?: Contact[];
  ege?: Ege[];
  etatObjet?: string;
  dateDerniereMaj?: string;
};

/**
 * Structures of a FINESS+ JSON file, one entry at a time from a streaming parser, never the whole document in
 * memory: groupings (`gcc` GHT, `gco` GCS/GIE) and `pmej` entries (an EJ and its EGs). Both schema versions
 * (`schemaVersion` at the root or in `metadata`) share these arrays. Rejections point at the entry number in
 * its array (JSON has no lines worth quoting), the array named in the reason for groupings.
 */
export async function* readFinessPlus(file: string, progress: (bytes: number) => void): AsyncGenerator<FinessItem> {
  const entries = jsonEntries<Pmej | Gcc | Gco>(file, /^(gcc|gco|pmej)\.\d+$/, progress);
  const read = { gcc: 0, gco: 0, pmej: 0 };
  let line = 0;
  try {
    for await (const { value } of entries) {
      // Each array's entries have their own shape: gcc a gccId, pmej its informationsGeneralesPMEJ.
      const section = 'gccId' in value ? 'gcc' : 'informationsGeneralesPMEJ' in value ? 'pmej' : 'gco';
      line = ++read[section];
      try {
        if (section === 'pmej') for (const structure of pmejStructures(value as Pmej)) yield { line, structure };
        else yield { line, grouping: section === 'gcc' ? gccGrouping(value as Gcc) : gcoGrouping(value as Gco) };
      } catch (error) {
        if (!(error instanceof RecordError)) throw error;
        const where = section === 'pmej' ? '' : `${section} n° ${line} : `;
        yield { line, error: where + error.message, raw: JSON.stringify(value).slice(0, 500) };
      }
    }
  } catch (error) {
    if (error instanceof RecordError) throw error;
    // A truncated or malformed document: what came before is kept, the rest is one rejection.
    yield { line: line + 1, error: `JSON illisible après l’entrée ${line} : ${(error as Error).message}` };
  }
}

function members(pm: Member[] | undefined, ege: Member[] | undefined): GroupingRecord['members'] {
  const of = (type: 'PM' | 'EGE', list: Member[] | undefined) =>
    (list ?? []).map((m) => {
      const id = clean(type === 'PM' ? m.pmSmsseId : m.egeId);
      if (!id) throw new RecordError(`membre ${type} sans identifiant`);
      return { type, id, role: clean(m.typeRoleEntiteGroupe) };
    });
  return [...of('PM', pm), ...of('EGE', ege)];
}

/** A GHT: a convention between EJs (no legal personality, no FINESS number), closed when `etatObjet` is I. */
function gccGrouping(g: Gcc): GroupingRecord {
  const updatedAt = finessDate(g.dateDerniereMaj, 'dateDerniereMaj');
  return {
    kind: 'GCC',
    sourceId: clean(g.gccId) ?? missing('gccId'),
    name: clean(g.nomGcc),
    typeCode: clean(g.typeGcc),
    externalId: clean(g.gccIdentifiantExterne),
    members: members(g.pmejDuGcc, g.egeDuGcc),
    closedOn: g.etatObjet === 'I' ? updatedAt : null,
    finessUpdatedAt: updatedAt,
  };
}

/** A GCS / GIE: a legal entity of its own (its `pmSmsseId` is an EJ of `pmej`), with its members. */
function gcoGrouping(g: Gco): GroupingRecord {
  return {
    kind: 'GCO',
    sourceId: clean(g.pmSmsseId) ?? missing('pmSmsseId'),
    name: null,
    typeCode: clean(g.typeGco),
    externalId: null,
    members: members(g.pmejDuGco, g.egeDuGco),
    closedOn: null,
    finessUpdatedAt: null,
  };
}

function pmejStructures(pmej: Pmej): StructureRecord[] {
  const info = pmej.informationsGeneralesPMEJ ?? {};
  const ejFiness = finess(info.numFinessPm, 'EJ');
  const address = pick2(pmej.adresse, '02');
  const ej: StructureRecord = {
    kind: 'EJ',
    finess: ejFiness,
    parentFiness: null,
    name: clean(info.denominationLonguePmSmsse) ?? clean(info.denominationPm) ?? missing('denominationPm'),
    siren: clean(info.siren),
    siret: null,
    legalStatusCode: clean(info.statutJuridique),
    categoryCode: null,
    ...addressParts(address),
    openedOn: finessDate(info.dateCreation, 'dateCreation'),
    closedOn: finessDate(info.dateFermeture, 'dateFermeture'),
    closed: pmej.etatObjet === 'I' || Boolean(clean(info.dateFermeture)),
    finessUpdatedAt: finessDate(pmej.dateDerniereMaj, 'dateDerniereMaj'),
    data: {
      // FINESS+ technical ids: groupings and activities name EJs and EGs by them (finess.md §8.3).
      pmSmsseId: clean(info.pmSmsseId),
      shortName: clean(info.denominationPm),
      ape: clean(info.codeApe)?.replace('.', '') ?? null,
      ...phones(pmej.contact),
    },
  };
  const egs = (pmej.ege ?? []).map((ege): StructureRecord => {
    const g = ege.informationsGeneralesEGE ?? {};
    const text = (k: string) => clean(typeof g[k] === 'string' ? (g[k] as string) : undefined);
    const espic = Array.isArray(g.espic) ? g.espic[0] : undefined;
    return {
      kind: 'EG',
      finess: finess(text('numFinessEge') ?? undefined, 'EG'),
      parentFiness: ejFiness,
      name: text('nomEgeLong') ?? text('nomEgeCourt') ?? missing('nomEgeCourt'),
      siren: null,
      siret: text('siret'),
      legalStatusCode: null,
      categoryCode: clean(ege.categorieentiteGeographiqueExercice),
      ...addressParts(pick2(ege.adresse, '03')),
      openedOn: finessDate(text('dateOuverture'), 'dateOuverture'),
      closedOn: finessDate(text('dateFermeture'), 'dateFermeture'),
      closed: ege.etatObjet === 'I' || Boolean(text('dateFermeture')),
      finessUpdatedAt: finessDate(ege.dateDerniereMaj, 'dateDerniereMaj'),
      data: {
        egeId: text('egeId'),
        shortName: text('nomEgeCourt'),
        complement: text('complementDenominationEg'),
        mft: clean(ege.modefixationtarifaire),
        sph: clean(espic),
        authorisedOn: finessDate(text('datePremiereAutorisation'), 'datePremiereAutorisation'),
        uai: text('numeroEducationNationale'),
        ...phones(ege.contact),
      },
    };
  });
  return [ej, ...egs];
}

function finess(value: string | undefined, what: string): string {
  const n = clean(value);
  if (!n || !FINESS_NUMBER.test(n)) throw new RecordError(`numéro FINESS ${what} invalide : « ${value ?? ''} »`);
  return n;
}

function missing(field: string): never {
  throw new RecordError(`champ obligatoire vide : ${field}`);
}

/** The address of the given usage (02 siège, 03 site), else the first. */
function pick2(addresses: Address[] | undefined, usage: string): Address | undefined {
  return addresses?.find((a) => a.usageAdresse === usage) ?? addresses?.[0];
}

function phones(contacts: Contact[] | undefined): Record<string, string | null> {
  const publicContact = contacts?.find((c) => c.typeContact?.roleContact === '01') ?? contacts?.[0];
  return { phone: clean(publicContact?.telecom?.telephone), fax: clean(publicContact?.telecom?.telecopie) };
}

function addressParts(a: Address | undefined): {
  street: StreetParts;
  postalCode: string | null;
  city: string | null;
  communeCode: string | null;
  position: RawPosition | null;
} {
  const commune = clean(a?.cogCommune);
  if (commune && !/^(\d{5}|2[AB]\d{3})$/.test(commune)) throw new RecordError(`cogCommune invalide : « ${commune} »`);
  return {
    street: {
      number: clean(a?.numeroVoie),
      repetition: clean(a?.complementVoie),
      typeCode: clean(a?.typeVoie),
      name: clean(a?.libelleVoie),
      place: clean(a?.lieuDit),
      complement: clean(a?.complementPointGeographique),
    },
    postalCode: clean(a?.codePostal),
    city: clean(a?.ligneAcheminement),
    communeCode: commune,
    position: position(a?.coordonneesGeographique),
  };
}

/**
 * Degrees and projected metres come in either pair of fields (finess.md §8.3): a pair whose values are all
 * within ±180 is degrees, the other is metres.
 */
function position(c: Record<string, string | undefined> | undefined): RawPosition | null {
  if (!c) return null;
  const pair = (a?: string, b?: string): [number, number] | null => {
    const x = Number(a);
    const y = Number(b);
    return a && b && Number.isFinite(x) && Number.isFinite(y) ? [x, y] : null;
  };
  const pairs = [pair(c.directionLatitude, c.directionLongitude), pair(c.coordonneeX, c.coordonneeY)].filter(
    (p): p is [number, number] => p !== null,
  );
  const degrees = pairs.find((p) => p.every((v) => Math.abs(v) <= 180));
  const projected = pairs.find((p) => p.every((v) => Math.abs(v) > 180));
  if (!degrees && !projected) return null;
  return {
    ...(degrees ? { degrees } : {}),
    ...(projected ? { projected } : {}),
    precision: c.scoreBAN ? 'adresse' : null,
  };
}
