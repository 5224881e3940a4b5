import type { AccessProfile, ApiClientPrincipal } from '../auth/principal.js';
import { ACTIVITY_FIELD } from './fhir.constants.js';
import type { CapacityRow } from './fhir-rows.js';

/** J222 confidentiality codes: 1 public, 2 professionals ("restreint"), 3 regulation/crisis ("très restreint"). */
const PUBLIC = new Set(['1']);
const PROFESSIONALS = new Set(['1', '2']);
const ALL = new Set(['1', '2', '3']);
const NONE = new Set<string>();

/** Statut capacité "supplémentaire" (R330 06): the ME's "exceptionnel" capacities (crisis beds), hidden from 2, 3, 5. */
const EXCEPTIONAL_STATUS = '06';

/**
 * What an API client may see (ror-ig.md §1 fact 6 and mapping-me3.0-2023 "Profil d'accès" column):
 * 0 public only; 1 everything; 2 all but "très restreint"; 3 = 2 for médico-social, public only otherwise;
 * 4 all but contacts and personal data; 5 = 2 minus capacities. Sensitive units are seen by 1 and 4 only,
 * and regions restrict everything. Rules that hide a whole resource are SQL (so paging and totals stay
 * right); rules on elements are applied while mapping.
 */
export class AccessPolicy {
  readonly profile: AccessProfile;
  readonly regions: string[];

  constructor(client: Pick<ApiClientPrincipal, 'accessProfile' | 'regions'>) {
    this.profile = client.accessProfile;
    this.regions = client.regions;
  }

  get seesSensitiveUnits(): boolean {
    return this.profile === 1 || this.profile === 4;
  }

  get seesPersonalData(): boolean {
    return this.profile !== 4;
  }

  /** Confidentiality codes of contacts and telecoms shown, given the champ d'activité when there is one. */
  confidentialityCodes(activityFieldCodes: string[] = []): Set<string> {
    switch (this.profile) {
      case 0:
        return PUBLIC;
      case 1:
        return ALL;
      case 2:
      case 5:
        return PROFESSIONALS;
      case 3:
        return activityFieldCodes.includes(ACTIVITY_FIELD.medicoSocial) ? PROFESSIONALS : PUBLIC;
      case 4:
        return NONE;
    }
  }

  /** Profile 3 sees the detailed offer description (acts, specialities, equipment) of médico-social only. */
  seesDetails(activityFieldCodes: string[]): boolean {
    return this.profile !== 3 || activityFieldCodes.includes(ACTIVITY_FIELD.medicoSocial);
  }

  /** Only profile 3's rules (contacts, details, capacities) depend on the champ d'activité of the offers. */
  get readsActivityFields(): boolean {
    return this.profile === 3;
  }

  /** Profile 5 is profile 2 without any capacity. */
  get seesCapacities(): boolean {
    return this.profile !== 5;
  }

  capacityVisible(capacity: CapacityRow, activityFieldCodes: string[]): boolean {
    const status = capacity.status.code;
    switch (this.profile) {
      case 1:
      case 4:
        return true;
      case 5:
        return false;
      case 0:
        return status === '01' && capacity.temporaryAssignment.code === '01';
      case 2:
        return status !== EXCEPTIONAL_STATUS;
      case 3:
        return status !== EXCEPTIONAL_STATUS && activityFieldCodes.includes(ACTIVITY_FIELD.medicoSocial);
    }
  }

  /**
   * SQL restricting rows of a table to what the client may see; `a` is the table alias. Only literals built
   * here go into the SQL (region codes are checked to be 2–3 characters of digits/letters).
   */
  visibleSql(type: 'Organization' | 'HealthcareService' | 'Location' | 'Practitioner' | 'PractitionerRole', a: string) {
    const parts: string[] = [];
    const regions = this.regions.filter((r) => /^[0-9A-Z]{2,3}$/.test(r)).map((r) => `'${r}'`);
    const inRegions = (column: string) => (this.regions.length ? `${column} IN (${regions.join(',') || 'NULL'})` : '');
    switch (type) {
      case 'Organization':
      case 'Location':
      case 'HealthcareService':
      case 'PractitionerRole':
        parts.push(inRegions(`${a}.region_code`));
        break;
      case 'Practitioner':
        if (this.regions.length)
          parts.push(
            // Its own alias: `r` is the searched table's (search-query.ts).
            `EXISTS (SELECT 1 FROM practitioner_role prv WHERE prv.practitioner_id = ${a}.id AND ${inRegions('prv.region_code')})`,
          );
        break;
    }
    if (!this.seesSensitiveUnits) {
      if (type === 'HealthcareService') parts.push(`NOT ${a}.sensitive_unit`);
      // Kept by triggers: the place serves offers and all of them are sensitive units (migration 1764500000000).
      if (type === 'Location') parts.push(`NOT ${a}.sensitive_only`);
    }
    if (type === 'PractitionerRole') {
      // RORPractitionerRole requires its offer (healthcareService 1..1): situations outside any offer are not
      // exposed. Situations follow their offer's champ d'activité: 0 sees city practice only, 3 médico-social
      // and city practice.
      const fields =
        this.profile === 0
          ? [ACTIVITY_FIELD.ville]
          : this.profile === 3
            ? [ACTIVITY_FIELD.medicoSocial, ACTIVITY_FIELD.ville]
            : null;
      const offerRule = [
        this.seesSensitiveUnits ? '' : 'NOT h.sensitive_unit',
        fields ? `h.activity_field->>'code' IN (${fields.map((f) => `'${f}'`).join(',')})` : '',
      ].filter(Boolean);
      parts.push(
        `EXISTS (SELECT 1 FROM healthcare_service h WHERE h.id = ${a}.healthcare_service_id${offerRule.map((r) => ` AND ${r}`).join('')})`,
      );
    }
    const sql = parts.filter(Boolean).map((p) => `(${p})`);
    return sql.length ? sql.join(' AND ') : 'true';
  }
}
