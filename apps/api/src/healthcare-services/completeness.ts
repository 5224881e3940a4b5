import type { ContactInput } from '../common/schemas.js';
import type { Location } from '../locations/location.entity.js';
import type { HealthcareService } from './healthcare-service.entity.js';

export type Completeness = { complete: boolean; missing: string[] };

/**
 * What an offer still lacks to count as "finalisée" (DESIGN §4.1): champ d'activité, a valid activité
 * opérationnelle, mode de prise en charge, age range, a full address, and a reachable contact.
 */
export function completeness(
  offer: HealthcareService,
  contacts: ContactInput[],
  locations: Location[],
  isActiveActivity: (coding: HealthcareService['operationalActivities'][number]) => boolean,
): Completeness {
  const missing: string[] = [];
  if (!offer.activityField) missing.push('Champ d’activité');
  if (!offer.operationalActivities.some(isActiveActivity)) missing.push('Au moins une activité opérationnelle valide');
  if (!offer.careMode) missing.push('Mode de prise en charge');
  if (offer.ageMin === null || offer.ageMax === null) missing.push('Tranche d’âge (âge minimum et maximum)');
  const fullAddress = locations.some((l) => l.communeCode && l.address?.line && l.address.postalCode && l.address.city);
  if (!fullAddress)
    missing.push('Un lieu de réalisation avec une adresse complète (voie, code postal, ville, commune)');
  const reachable = contacts.some(
    (c) => c.function && c.confidentiality && c.telecoms.some((t) => t.channel && t.value),
  );
  if (!reachable)
    missing.push('Un contact avec sa fonction, un canal de communication et un niveau de confidentialité');
  return { complete: missing.length === 0, missing };
}
