import type { Coding } from '../common/schemas.js';
import type { GeographyService } from '../geography/geography.service.js';
import type { NomenclaturesService } from '../nomenclatures/nomenclatures.service.js';
import type { OrganizationRow, PractitionerRoleRow, PractitionerRow } from './imported-records.repository.js';
import { crsOfDepartement, type LatLon, orderDegrees, toWgs84 } from './sources/reproject.js';
import type { RppsRecord } from './sources/rpps.js';
import { RecordError, type RawPosition, type StreetParts, type StructureRecord } from './sources/structure-record.js';

type Communes = Awaited<ReturnType<GeographyService['communeIndex']>>;

const tre = (table: string, code: string): Coding => ({
  system: `https://mos.esante.gouv.fr/NOS/${table}/FHIR/${table.replace('_', '-')}`,
  code,
});

/** Closing type of a structure FINESS reports closed, and of one a stock file no longer lists (TRE_R286). */
export const CLOSED_IN_FINESS = tre('TRE_R286-TypeFermeture', 'DEF');
export const GONE_FROM_FINESS = tre('TRE_R286-TypeFermeture', 'NDI');
/** Closing type of a ville practice left without any situation in the RPPS (same "non défini" code). */
export const GONE_FROM_RPPS = GONE_FROM_FINESS;

/** Ville practices are created for these activity sectors (TRE_R02, in JDV_J55) or any liberal practice. */
const VILLE_SECTORS = new Set(['SA05', 'SA07', 'SA08', 'SA09']);

/**
 * Turns source records into the rows the imports write, checking every code against the value set the
 * ROR binds to its attribute and every commune against the COG. A failed check rejects the line.
 */
export class RecordMapper {
  private readonly codings = new Map<string, Coding | null>();

  constructor(
    private readonly nomenclatures: NomenclaturesService,
    private readonly communes: Communes,
    private readonly runId: string,
    private readonly source: string,
  ) {}

  /** Checks a code of a NOS table against a value set; returns the coding with its NOS display. */
  code(table: string, valueSet: string, code: string | null, what: string): Coding | null {
    if (!code) return null;
    // Millions of lines share a few hundred codes: each coding is checked and built once, then shared.
    const cacheKey = `${valueSet}|${table}|${code}`;
    let coding = this.codings.get(cacheKey);
    if (coding === undefined) {
      const bare = tre(table, code);
      const display = this.nomenclatures.display(valueSet, bare);
      coding = display === null ? null : { ...bare, display };
      this.codings.set(cacheKey, coding);
    }
    if (coding === null) throw new RecordError(`${what} « ${code} » absent du jeu de valeurs ${valueSet} (${table})`);
    return coding;
  }

  place(communeCode: string | null) {
    if (!communeCode) return null;
    const commune = this.communes.get(communeCode);
    if (!commune) throw new RecordError(`commune INSEE inconnue : « ${communeCode} »`);
    return commune;
  }

  structure(s: StructureRecord, format: 'finess-legacy' | 'finess-plus', closedOn: string): OrganizationRow {
    const commune = this.place(s.communeCode);
    const near = commune?.latitude != null ? { latitude: commune.latitude, longitude: commune.longitude! } : null;
    const position = s.position ? this.position(s.position, commune?.departementCode ?? '', near) : null;
    return {
      kind: s.kind,
      finess: s.finess,
      rpps_structure_id: null,
      parent_finess: s.parentFiness,
      parent_rpps: null,
      parent_kind: null,
      name: s.name,
      siren: s.siren,
      siret: s.siret,
      legal_status: this.code(
        'TRE_R72-FinessStatutJuridique',
        'JDV_J199-StatutJuridique-ROR',
        s.legalStatusCode,
        'statut juridique',
      ),
      category: this.category(s.categoryCode, format),
      internal_type: null,
      address: this.address(s.street, s.postalCode, s.city),
      commune_code: commune?.code ?? null,
      departement_code: commune?.departementCode ?? null,
      region_code: commune?.regionCode ?? null,
      latitude: position?.latitude ?? null,
      longitude: position?.longitude ?? null,
      geocoding: position ? (s.position?.precision ?? 'FINESS') : null,
      opened_on: s.openedOn,
      closed_on: s.closed ? (s.closedOn ?? closedOn) : null,
      closing_type: s.closed ? CLOSED_IN_FINESS : null,
      finess_updated_at: s.finessUpdatedAt,
      finess_source: this.source,
      finess_data: compact({ ...s.data, format, categoryCode: s.categoryCode }),
      import_run_id: this.runId,
    };
  }

  /**
   * The legacy extracts code categories in TRE_R66, the table JDV_J55 takes them from: an unknown code
   * rejects the line. FINESS+ codes them in TRE_R397, wider than J55: a code outside it leaves the category
   * empty (the FINESS code stays in finess_data) rather than dropping an establishment from the directory.
   */
  private category(code: string | null, format: 'finess-legacy' | 'finess-plus'): Coding | null {
    try {
      return this.code('TRE_R66-CategorieEtablissement', 'JDV_J55-CategorieEG-ROR', code, 'catégorie d’établissement');
    } catch (error) {
      if (format === 'finess-plus') return null;
      throw error;
    }
  }

  /** WGS84 position of a FINESS record, reprojected when given in metres (CRS named, else the territory's). */
  position(p: RawPosition, departement: string, near: LatLon | null): LatLon | null {
    if (p.degrees) return orderDegrees(p.degrees[0], p.degrees[1], near);
    if (p.projected) return toWgs84(p.projected[0], p.projected[1], p.crs ?? crsOfDepartement(departement), near);
    return null;
  }

  /** The position columns a legacy `geolocalisation` line gives a structure of this commune. */
  geolocated(
    raw: RawPosition,
    communeCode: string | null,
  ): Pick<OrganizationRow, 'latitude' | 'longitude' | 'geocoding' | 'positioned'> {
    const commune = communeCode ? this.communes.get(communeCode) : undefined;
    const near = commune?.latitude != null ? { latitude: commune.latitude, longitude: commune.longitude! } : null;
    const p = this.position(raw, commune?.departementCode ?? '', near);
    return {
      latitude: p?.latitude ?? null,
      longitude: p?.longitude ?? null,
      geocoding: p ? `${raw.precision ?? 'adresse'} (${raw.crs ?? 'CRS du territoire'})` : null,
      positioned: true,
    };
  }

  /**
   * One address line from the street parts; the street type code is spelt out from TRE_R35, unless the street
   * name already starts with the type (`CHE` + `CHEMIN SAFER MORANGE`, `R` + `R DENIS PAPIN`: rpps.md §7).
   */
  address(street: StreetParts, postalCode: string | null, city: string | null): OrganizationRow['address'] {
    const spelt = street.typeCode
      ? (this.nomenclatures.display('JDV_J219-TypeVoie-ROR', tre('TRE_R35-TypeVoie', street.typeCode))?.toUpperCase() ??
        street.typeCode)
      : null;
    const named = (word: string | null) => word && street.name?.toUpperCase().startsWith(`${word.toUpperCase()} `);
    const type = named(spelt) || named(street.typeCode) ? null : spelt;
    const number = [street.number, street.repetition].filter(Boolean).join(' ');
    const parts = [[number, type, street.name].filter(Boolean).join(' '), street.place, street.complement];
    const line = parts.filter(Boolean).join(', ') || null;
    if (!line && !postalCode && !city) return null;
    return { line, postalCode: postalCode && /^\d{5}$/.test(postalCode) ? postalCode : null, city };
  }

  /** A professional, his situation and, for a ville practice, its EJ, EG and his unit (ror-business.md §1). */
  professional(r: RppsRecord): {
    practitioner: PractitionerRow;
    role: Omit<PractitionerRoleRow, 'practitioner_id'> & { rpps_id: string };
    practice: OrganizationRow[];
  } {
    const practitioner: PractitionerRow = {
      rpps_id: r.nationalId!,
      civility: this.code('TRE_R81-Civilite', 'JDV_J207-Civilite-ROR', r.civilityCode, 'civilité'),
      last_name: r.lastName!,
      first_name: r.firstName,
      import_run_id: this.runId,
    };
    const expertiseType = this.code(
      'TRE_R04-TypeSavoirFaire',
      'JDV_J209-TypeSavoirFaire-ROR',
      r.expertiseType,
      'type de savoir-faire',
    );
    const commune = r.finessSite ? null : this.place(r.commune);
    const isVille = !r.finessSite && r.structureId && (r.mode === 'L' || VILLE_SECTORS.has(r.sector ?? ''));
    const unitKey = isVille ? `${r.structureId}/${r.nationalId}` : null;
    const role = {
      rpps_id: r.nationalId!,
      rpps_key: [r.profession, r.structureId ?? r.finessSite ?? '', r.mode ?? '', r.role ?? '', r.skill ?? ''].join(
        '|',
      ),
      finess_site: r.finessSite,
      unit_key: unitKey,
      profession: this.code('TRE_G15-ProfessionSante', 'JDV_J229-ProfessionSante-ROR', r.profession, 'profession')!,
      expertise_type: expertiseType,
      // One savoir-faire per line; only a spécialité ordinale (type S) has a ROR attribute of its own.
      specialty:
        r.expertiseType === 'S'
          ? this.code('TRE_R38-SpecialiteOrdinale', 'JDV_J210-SpecialiteOrdinale-ROR', r.skill, 'spécialité ordinale')
          : null,
      exercise_mode: this.code('TRE_R23-ModeExercice', 'JDV_J217-ModeExercice-ROR', r.mode, 'mode d’exercice'),
      exercise_title: this.code(
        'TRE_R11-CiviliteExercice',
        'JDV_J208-CiviliteExercice-ROR',
        r.titleCode,
        'civilité d’exercice',
      ),
      exercise_last_name: r.lastName,
      exercise_first_name: r.firstName,
      phone: r.phone,
      region_code: commune?.regionCode ?? null,
      import_run_id: this.runId,
    };
    if (!isVille) return { practitioner, role, practice: [] };
    const name = r.name ?? r.brand ?? `Cabinet ${[r.firstName, r.lastName].filter(Boolean).join(' ')}`;
    const address = this.address(
      {
        number: r.number,
        repetition: r.repetition,
        typeCode: r.streetType,
        name: r.street,
        place: r.place,
        complement: r.distribution,
      },
      r.postalCode,
      // `Bureau cedex` holds the postcode and the office (`01390 MIONNAY`): the locality only.
      r.city ?? (r.cedex?.replace(/^\d{5}\s+/, '') || null),
    );
    const siret = r.siret && /^\d{14}$/.test(r.siret) ? r.siret : null;
    const finessData = compact({ phone: r.phone, email: r.email });
    // One literal per row (no spread of a shared part): a million lines make three rows each.
    const row = (
      kind: OrganizationRow['kind'],
      id: string,
      parentKind: 'EJ' | 'EG' | null,
      rowName: string,
      category: Coding | null,
      internalType: Coding | null,
    ): OrganizationRow => ({
      kind,
      finess: null,
      rpps_structure_id: id,
      parent_finess: null,
      parent_rpps: parentKind ? r.structureId : null,
      parent_kind: parentKind,
      name: rowName,
      siren: null,
      siret,
      legal_status: null,
      category,
      internal_type: internalType,
      address,
      commune_code: commune?.code ?? null,
      departement_code: commune?.departementCode ?? null,
      region_code: commune?.regionCode ?? null,
      latitude: null,
      longitude: null,
      geocoding: null,
      opened_on: null,
      closed_on: null,
      closing_type: null,
      finess_updated_at: null,
      finess_source: this.source,
      finess_data: finessData,
      import_run_id: this.runId,
    });
    const sector = r.sector && VILLE_SECTORS.has(r.sector) ? r.sector : null;
    const practice = [
      row('EJ', r.structureId!, null, name, null, null),
      row(
        'EG',
        r.structureId!,
        'EJ',
        name,
        this.code('TRE_R02-SecteurActivite', 'JDV_J55-CategorieEG-ROR', sector, 'secteur d’activité'),
        null,
      ),
      row(
        'OI',
        unitKey!,
        'EG',
        [r.firstName, r.lastName].filter(Boolean).join(' '),
        null,
        this.code('TRE_R207-TypeOrganisationInterne', 'JDV_J203-TypeOrganisationInterne-ROR', '4', 'type d’OI'),
      ),
    ];
    return { practitioner, role, practice };
  }
}

/** Without empty values, so that a record's JSON stays the same whatever the source left blank. */
function compact(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== null && v !== undefined && v !== ''));
}
