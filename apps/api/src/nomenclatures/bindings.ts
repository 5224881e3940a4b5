/**
 * Which NOS value set (JDV) the ROR IG 0.7.0 binds to each coded attribute of the admin resources
 * (reference: IG §2.3–2.6 and §5.3; data: ror-ig/terminology/nos-bindings-ror-0.7.0.json). All bindings
 * are `required`, so a code outside the JDV is refused. Paths are dotted and walk through arrays.
 */
const CONTACT_BINDINGS = {
  'contacts.function': 'JDV_J220-FonctionContact-ROR',
  'contacts.nature': 'JDV_J221-NatureContact-ROR',
  'contacts.confidentiality': 'JDV_J222-NiveauConfidentialite-ROR',
  'contacts.telecoms.channel': 'JDV_J225-CanalCommunication-ROR',
  'contacts.telecoms.confidentiality': 'JDV_J222-NiveauConfidentialite-ROR',
};

export const BINDINGS: Record<string, Record<string, string>> = {
  organizations: {
    legalStatus: 'JDV_J199-StatutJuridique-ROR', // IG §2.3 type:statutJuridiqueINSEE (EJ)
    category: 'JDV_J55-CategorieEG-ROR', // type:categorieEtablissement (EG)
    internalType: 'JDV_J203-TypeOrganisationInterne-ROR', // type:OIType (OI)
    closingType: 'JDV_J201-TypeFermeture-ROR', // ror-organization-closing-type
    ...CONTACT_BINDINGS,
  },
  'healthcare-services': {
    activityField: 'JDV_J20-ChampActivite-ROR', // IG §2.4 HealthcareService.type
    offerType: 'JDV_J238-TypeOffre-ROR', // category
    operationalActivities: 'JDV_J17-ActiviteOperationnelle-ROR', // specialty:operationalActivity
    operationalActivityFamily: 'JDV_J51-FamilleActiviteOperationnelle-ROR',
    careMode: 'JDV_J19-ModePriseEnCharge-ROR', // characteristic:careMode
    receptionType: 'JDV_J30-TemporaliteAccueil-ROR',
    receptionModalities: 'JDV_J226-ModaliteAccueil-ROR',
    managementTypes: 'JDV_J26-ModeGestion-ROR',
    specificActs: 'JDV_J16-ActeSpecifique-ROR',
    outsideOfficeActs: 'JDV_J16-ActeSpecifique-ROR',
    takingCareSpecialities: 'JDV_J35-SpecialisationDePriseEnCharge-ROR',
    annualOpening: 'JDV_J28-OuvertureAnnuelle-ROR',
    resourceProfessions: 'JDV_J186-ProfessionRessource-ROR',
    specificCompetences: 'JDV_J33-CompetenceSpecifique-ROR',
    expertiseLevels: 'JDV_J227-NiveauExpertise-ROR',
    equipment: 'JDV_J18-EquipementSpecifique-ROR',
    patientTypes: 'JDV_J29-PublicPrisEnCharge-ROR', // ror-healthcareservice-patient-type
    closingType: 'JDV_J185-TypeFermeture-ROR', // characteristic:temporalityStopService
    ...CONTACT_BINDINGS,
  },
  locations: {
    function: 'JDV_J198-FonctionLieu-ROR', // IG §2.5 Location.type
    status: 'JDV_J224-StatutLieu-ROR', // operationalStatus
  },
  equipment: {
    equipmentType: 'JDV_J18-EquipementSpecifique-ROR', // ror-location-equipment
    'limits.feature': 'JDV_J228-TypeCaracteristiqueEquipement-ROR', // ror-location-equipment-limit
  },
  capacities: {
    // IG §2.5 ror-location-supported-capacity
    nature: 'JDV_J187-NatureCapacite-ROR',
    status: 'JDV_J188-TypeStatutCapacite-ROR',
    temporality: 'JDV_J189-TemporaliteCapacite-ROR',
    temporaryAssignment: 'JDV_J195-AffectationTemporaire-ROR',
    gender: 'JDV_J190-GenreCapacite-ROR',
    closingType: 'JDV_J191-TypeFermetureCapacite-ROR',
    additionalBedType: 'JDV_J192-TypeLitSupplementaire-ROR',
    crisisType: 'JDV_J194-TypeCrise-ROR',
    source: 'JDV_J193-TypeSourceCapacite-ROR',
  },
  practitioners: {
    civility: 'JDV_J207-Civilite-ROR', // IG §2.6 Practitioner.name.prefix
  },
  'practitioner-roles': {
    profession: 'JDV_J229-ProfessionSante-ROR', // PractitionerRole.code
    expertiseType: 'JDV_J209-TypeSavoirFaire-ROR',
    specialty: 'JDV_J210-SpecialiteOrdinale-ROR',
    exerciseMode: 'JDV_J217-ModeExercice-ROR',
    exerciseTitle: 'JDV_J208-CiviliteExercice-ROR',
    conventionSector: 'JDV_J218-CNAMAmeliSecteurConventionnement-ROR',
  },
};

/** Short names for the contact pickers, shared by structures and offers. */
export const ATTRIBUTE_ALIASES: Record<string, string> = {
  'contacts.function': 'JDV_J220-FonctionContact-ROR',
  'contacts.nature': 'JDV_J221-NatureContact-ROR',
  'contacts.confidentiality': 'JDV_J222-NiveauConfidentialite-ROR',
  'telecoms.channel': 'JDV_J225-CanalCommunication-ROR',
  'telecoms.confidentiality': 'JDV_J222-NiveauConfidentialite-ROR',
};

/** Every attribute id (`<resource>.<path>` and the aliases) with its value set name. */
export function attributeValueSets(): Map<string, string> {
  const map = new Map<string, string>();
  for (const [resource, attributes] of Object.entries(BINDINGS)) {
    for (const [path, valueSet] of Object.entries(attributes)) map.set(`${resource}.${path}`, valueSet);
  }
  for (const [alias, valueSet] of Object.entries(ATTRIBUTE_ALIASES)) map.set(alias, valueSet);
  return map;
}

/** Attributes holding several codings (arrays), for the pickers. */
export const MULTIPLE = new Set([
  'healthcare-services.operationalActivities',
  'healthcare-services.receptionModalities',
  'healthcare-services.managementTypes',
  'healthcare-services.specificActs',
  'healthcare-services.outsideOfficeActs',
  'healthcare-services.takingCareSpecialities',
  'healthcare-services.resourceProfessions',
  'healthcare-services.specificCompetences',
  'healthcare-services.expertiseLevels',
  'healthcare-services.equipment',
  'healthcare-services.patientTypes',
]);
