/**
 * Personas of the development Pro Santé Connect: userinfo payloads in PSC's exact shape (reference/psc-oidc.md
 * §1.6, shared/auth/psc-claims-example.json). Ids and SubjectNameIDs are fixed: the API seeds role assignments
 * by them, and scripts log in with `login_hint=<id>`.
 */

/** One situation d'exercice. PSC sends every field, as a string, "" when absent. */
export type PscActivity = {
  codeModeExercice: string;
  codeSecteurDactivite: string;
  codeSectionPharmacien: string;
  codeRole: string;
  codeGenreActivite: string;
  numeroSiretSite: string;
  numeroSirenSite: string;
  numeroFinessSite: string;
  numeroFinessetablissementJuridique: string;
  identifiantTechniqueDeLaStructure: string;
  raisonSocialeSite: string;
  enseigneCommercialeSite: string;
  complementDestinataire: string;
  complementPointGeographique: string;
  numeroVoie: string;
  indiceRepetitionVoie: string;
  codeTypeDeVoie: string;
  libelleVoie: string;
  mentionDistribution: string;
  bureauCedex: string;
  codePostal: string;
  codeCommune: string;
  codePays: string;
  telephone: string;
  telephone2: string;
  telecopie: string;
  adresseEMail: string;
  codeDepartement: string;
  ancienIdentifiantDeLaStructure: string;
  autoriteDenregistrement: string;
};

export type PscExercice = {
  codeProfession: string;
  codeCategorieProfessionnelle: string;
  codeCiviliteDexercice: string;
  nomDexercice: string;
  prenomDexercice: string;
  codeTypeSavoirFaire: string;
  codeSavoirFaire: string;
  activities: PscActivity[];
};

/** PSC userinfo for `scope=openid scope_all`. */
export type PscUserInfo = {
  sub: string;
  SubjectNameID: string;
  preferred_username: string;
  given_name: string;
  family_name: string;
  email_verified: boolean;
  SubjectOrganization: string;
  SubjectOrganizationID: string;
  SubjectRole: string[];
  Secteur_Activite: string;
  PSI_Locale: string;
  UITVersion: string;
  Palier_Authentification: string;
  Mode_Acces_Raison: string;
  Acces_Regulation_Medicale: string;
  otherIds: { identifiant: string; origine: string; qualite: number }[];
  SubjectRefPro: { codeCivilite: string; exercices: PscExercice[] };
};

export type Persona = {
  /** Value of `login_hint`. */
  id: string;
  /** French label of the persona page. */
  label: string;
  /** What the persona is for, in French. */
  description: string;
  userinfo: PscUserInfo;
};

/** The claims `scope_all` releases: every userinfo key but `sub` (which `openid` releases). */
export const PSC_SCOPE_ALL_CLAIMS = [
  'SubjectNameID',
  'preferred_username',
  'given_name',
  'family_name',
  'email_verified',
  'SubjectOrganization',
  'SubjectOrganizationID',
  'SubjectRole',
  'Secteur_Activite',
  'PSI_Locale',
  'UITVersion',
  'Palier_Authentification',
  'Mode_Acces_Raison',
  'Acces_Regulation_Medicale',
  'otherIds',
  'SubjectRefPro',
] as const satisfies readonly Exclude<keyof PscUserInfo, 'sub'>[];

/** Keycloak's federated id `f:<idp uuid>:<IdNat>`: deliberately not the SubjectNameID, as on PSC. */
const subOf = (subjectNameId: string) => `f:7d3f0a52-6c1e-4b8a-9e21-3f5c2d8a1b47:${subjectNameId}`;

const activity = (fields: Partial<PscActivity>): PscActivity => ({
  codeModeExercice: '',
  codeSecteurDactivite: '',
  codeSectionPharmacien: '',
  codeRole: '',
  codeGenreActivite: '',
  numeroSiretSite: '',
  numeroSirenSite: '',
  numeroFinessSite: '',
  numeroFinessetablissementJuridique: '',
  identifiantTechniqueDeLaStructure: '',
  raisonSocialeSite: '',
  enseigneCommercialeSite: '',
  complementDestinataire: '',
  complementPointGeographique: '',
  numeroVoie: '',
  indiceRepetitionVoie: '',
  codeTypeDeVoie: '',
  libelleVoie: '',
  mentionDistribution: '',
  bureauCedex: '',
  codePostal: '',
  codeCommune: '',
  codePays: '99000',
  telephone: '',
  telephone2: '',
  telecopie: '',
  adresseEMail: '',
  codeDepartement: '',
  ancienIdentifiantDeLaStructure: '',
  autoriteDenregistrement: '',
  ...fields,
});

type Identity = {
  subjectNameId: string;
  civilite: string;
  givenName: string;
  familyName: string;
  organization?: { name: string; id: string; sector: string };
  /** RPPS-registered professionals carry their RPPS in `otherIds`; structure-scoped ids carry nothing. */
  rpps: boolean;
  exercices: PscExercice[];
};

/** Fills the constant VIHF fields and derives the summary claims the way PSC does. */
function userinfo(identity: Identity): PscUserInfo {
  const { subjectNameId, organization } = identity;
  return {
    sub: subOf(subjectNameId),
    SubjectNameID: subjectNameId,
    preferred_username: subjectNameId,
    given_name: identity.givenName,
    family_name: identity.familyName,
    email_verified: false,
    SubjectOrganization: organization?.name ?? '',
    SubjectOrganizationID: organization?.id ?? '',
    SubjectRole: identity.exercices.map((e) => `${e.codeProfession}^1.2.250.1.213.1.1.5.5`),
    Secteur_Activite: organization ? `${organization.sector}^1.2.250.1.71.4.2.4` : '',
    PSI_Locale: '1.2.250.1.213.1.3.1.1',
    UITVersion: '1.0',
    Palier_Authentification: 'APPPRIP3^1.2.250.1.213.1.5.1.1.1',
    Mode_Acces_Raison: '',
    Acces_Regulation_Medicale: 'FAUX',
    otherIds: identity.rpps ? [{ identifiant: subjectNameId, origine: 'RPPS', qualite: 1 }] : [],
    SubjectRefPro: { codeCivilite: identity.civilite, exercices: identity.exercices },
  };
}

/** Every exercice here is civil (TRE_R09 `C`). */
const exercice = ({ codeProfession, ...rest }: Omit<PscExercice, 'codeCategorieProfessionnelle'>): PscExercice => ({
  codeProfession,
  codeCategorieProfessionnelle: 'C',
  ...rest,
});

/** CH de Fleyriat (EG of the demo data), EJ CH de Bourg-en-Bresse. */
const FLEYRIAT = { name: 'CH DE FLEYRIAT', id: 'F010000024', sector: 'SA01' };
const fleyriatActivity = (autorite: string) =>
  activity({
    codeModeExercice: 'S',
    codeSecteurDactivite: 'SA01',
    codeGenreActivite: 'GENR01',
    numeroSiretSite: '26010004500012',
    numeroSirenSite: '260100045',
    numeroFinessSite: '010000024',
    numeroFinessetablissementJuridique: '010780054',
    identifiantTechniqueDeLaStructure: 'F010000024',
    raisonSocialeSite: 'CH DE FLEYRIAT',
    numeroVoie: '900',
    codeTypeDeVoie: 'RTE',
    libelleVoie: 'DE PARIS',
    bureauCedex: '01440 VIRIAT',
    codePostal: '01440',
    codeCommune: '01451',
    telephone: '0474454647',
    codeDepartement: '01',
    ancienIdentifiantDeLaStructure: '1010000024',
    autoriteDenregistrement: autorite,
  });

/** EHPAD Edmar Lama (EG of the demo data, EJ 970302022), Cayenne. */
const EHPAD_CAYENNE = { name: 'E.H.P.A.D. EDMAR LAMA DE CAYENNE', id: 'F970302287', sector: 'SA17' };

/** A structure outside the demo data (BAS-style test FINESS, as in psc-claims-example.json). */
const testHospitalActivity = (autorite: string) =>
  activity({
    codeModeExercice: 'S',
    codeSecteurDactivite: 'SA01',
    codeGenreActivite: 'GENR01',
    numeroFinessSite: '0B0104567',
    numeroFinessetablissementJuridique: '1B0104563',
    identifiantTechniqueDeLaStructure: 'F0B0104567',
    raisonSocialeSite: 'CENTRE HOSPITALIER DE TEST LYON EST',
    complementPointGeographique: 'BATIMENT C',
    numeroVoie: '3',
    codeTypeDeVoie: 'AV',
    libelleVoie: 'DU FORT',
    bureauCedex: '69004 LYON',
    codePostal: '69004',
    codeCommune: '69384',
    codeDepartement: '69',
    ancienIdentifiantDeLaStructure: '10B0104567',
    autoriteDenregistrement: autorite,
  });

export const PERSONAS: Persona[] = [
  {
    id: 'hospital-editor',
    label: 'Claire Martin — éditrice, CH de Fleyriat',
    description:
      "Cadre de santé salariée du CH de Fleyriat (Bourg-en-Bresse), inscrite au RPPS+ : complète l'offre de son établissement.",
    userinfo: userinfo({
      subjectNameId: '810000000101',
      civilite: 'MME',
      givenName: 'CLAIRE',
      familyName: 'MARTIN',
      organization: FLEYRIAT,
      rpps: true,
      exercices: [
        exercice({
          codeProfession: '60',
          codeCiviliteDexercice: 'MME',
          nomDexercice: 'MARTIN',
          prenomDexercice: 'CLAIRE',
          codeTypeSavoirFaire: '',
          codeSavoirFaire: '',
          activities: [fleyriatActivity('ONI/ONI/ARS')],
        }),
      ],
    }),
  },
  {
    id: 'hospital-referent',
    label: 'Thomas Rousseau — référent ROR, CH de Bourg-en-Bresse',
    description:
      "Médecin salarié du CH de Fleyriat, référent ROR de l'entité juridique : accorde ou refuse les droits d'édition.",
    userinfo: userinfo({
      subjectNameId: '810000000102',
      civilite: 'M',
      givenName: 'THOMAS',
      familyName: 'ROUSSEAU',
      organization: FLEYRIAT,
      rpps: true,
      exercices: [
        exercice({
          codeProfession: '10',
          codeCiviliteDexercice: 'DR',
          nomDexercice: 'ROUSSEAU',
          prenomDexercice: 'THOMAS',
          codeTypeSavoirFaire: 'S',
          codeSavoirFaire: 'SM54',
          activities: [fleyriatActivity('CNOM/CNOM/ARS')],
        }),
      ],
    }),
  },
  {
    id: 'ms-editor',
    label: 'Maryse Jean-Baptiste — éditrice, EHPAD de Cayenne',
    description: "Infirmière coordinatrice salariée de l'EHPAD Edmar Lama (Cayenne) : complète l'offre médico-sociale.",
    userinfo: userinfo({
      subjectNameId: '810000000103',
      civilite: 'MME',
      givenName: 'MARYSE',
      familyName: 'JEAN-BAPTISTE',
      organization: EHPAD_CAYENNE,
      rpps: true,
      exercices: [
        exercice({
          codeProfession: '60',
          codeCiviliteDexercice: 'MME',
          nomDexercice: 'JEAN-BAPTISTE',
          prenomDexercice: 'MARYSE',
          codeTypeSavoirFaire: '',
          codeSavoirFaire: '',
          activities: [
            activity({
              codeModeExercice: 'S',
              codeSecteurDactivite: 'SA17',
              codeGenreActivite: 'GENR01',
              numeroFinessSite: '970302287',
              numeroFinessetablissementJuridique: '970302022',
              identifiantTechniqueDeLaStructure: 'F970302287',
              raisonSocialeSite: 'E.H.P.A.D. EDMAR LAMA DE CAYENNE',
              codeTypeDeVoie: 'AV',
              libelleVoie: 'DES FLAMBOYANTS',
              bureauCedex: '97300 CAYENNE',
              codePostal: '97300',
              codeCommune: '97302',
              codeDepartement: '973',
              ancienIdentifiantDeLaStructure: '1970302287',
              autoriteDenregistrement: 'ONI/ONI/ARS',
            }),
          ],
        }),
      ],
    }),
  },
  {
    id: 'liberal',
    label: 'Dr Hélène Vasseur — médecin libérale',
    description:
      'Médecin généraliste libérale (cabinet à Lyon), également salariée d’un hôpital de test : modifie son propre cabinet.',
    // Exactly shared/auth/psc-claims-example.json.
    userinfo: userinfo({
      subjectNameId: '899700487213',
      civilite: 'MME',
      givenName: 'HELENE',
      familyName: 'VASSEUR',
      organization: { name: 'CABINET DR HELENE VASSEUR', id: 'R12480', sector: 'SA07' },
      rpps: true,
      exercices: [
        exercice({
          codeProfession: '10',
          codeCiviliteDexercice: 'DR',
          nomDexercice: 'VASSEUR',
          prenomDexercice: 'HELENE',
          codeTypeSavoirFaire: 'S',
          codeSavoirFaire: 'SM54',
          activities: [
            activity({
              codeModeExercice: 'L',
              codeSecteurDactivite: 'SA07',
              codeGenreActivite: 'GENR01',
              identifiantTechniqueDeLaStructure: 'R12480',
              raisonSocialeSite: 'CABINET DR HELENE VASSEUR',
              complementDestinataire: 'CABINET DR VASSEUR',
              numeroVoie: '14',
              codeTypeDeVoie: 'R',
              libelleVoie: 'DES TILLEULS',
              bureauCedex: '69003 LYON',
              codePostal: '69003',
              codeCommune: '69383',
              telephone: '0400000000',
              codeDepartement: '69',
              ancienIdentifiantDeLaStructure: '499700487213001',
              autoriteDenregistrement: 'CNOM/CNOM/CNOM',
            }),
            testHospitalActivity('CNOM/CNOM/ARS'),
          ],
        }),
      ],
    }),
  },
  {
    id: 'ars-reviewer',
    label: 'Paul Durand — relecteur ARS Auvergne-Rhône-Alpes',
    description:
      "Agent de l'ARS Auvergne-Rhône-Alpes (carte d'établissement, sans exercice) : relit et valide les demandes de sa région.",
    userinfo: userinfo({
      subjectNameId: '513002975400019/ARS84001',
      civilite: 'M',
      givenName: 'PAUL',
      familyName: 'DURAND',
      organization: { name: 'ARS AUVERGNE-RHONE-ALPES', id: '', sector: 'SA26' },
      rpps: false,
      exercices: [],
    }),
  },
  {
    id: 'admin',
    label: 'Nadia Benali — administratrice nationale',
    description:
      "Administratrice nationale du ROR (sans structure) : gère les utilisateurs, les rôles et les clients d'API.",
    userinfo: userinfo({
      subjectNameId: '810000000100',
      civilite: 'MME',
      givenName: 'NADIA',
      familyName: 'BENALI',
      rpps: true,
      exercices: [
        exercice({
          codeProfession: '10',
          codeCiviliteDexercice: 'DR',
          nomDexercice: 'BENALI',
          prenomDexercice: 'NADIA',
          codeTypeSavoirFaire: 'S',
          codeSavoirFaire: 'SM54',
          activities: [],
        }),
      ],
    }),
  },
  {
    id: 'reader',
    label: 'Luc Petit — lecteur',
    description:
      "Infirmier salarié d'un hôpital absent des données de démonstration : consulte l'offre sans pouvoir la modifier.",
    userinfo: userinfo({
      subjectNameId: '810000000104',
      civilite: 'M',
      givenName: 'LUC',
      familyName: 'PETIT',
      organization: { name: 'CENTRE HOSPITALIER DE TEST LYON EST', id: 'F0B0104567', sector: 'SA01' },
      rpps: true,
      exercices: [
        exercice({
          codeProfession: '60',
          codeCiviliteDexercice: 'M',
          nomDexercice: 'PETIT',
          prenomDexercice: 'LUC',
          codeTypeSavoirFaire: '',
          codeSavoirFaire: '',
          activities: [testHospitalActivity('ONI/ONI/ARS')],
        }),
      ],
    }),
  },
  {
    id: 'card-only',
    label: 'Secrétariat Girard — carte d’établissement, CH de Fleyriat',
    description:
      "Porteur d'une carte CPE du CH de Fleyriat, sans prénom ni exercice : PSC ne transmet aucune activité.",
    userinfo: userinfo({
      subjectNameId: '3010000024/CPE0001',
      civilite: 'MME',
      givenName: '',
      familyName: 'GIRARD',
      organization: FLEYRIAT,
      rpps: false,
      exercices: [],
    }),
  },
];

export const findPersona = (id: string): Persona | undefined => PERSONAS.find((p) => p.id === id);

export const findPersonaBySub = (sub: string): Persona | undefined => PERSONAS.find((p) => p.userinfo.sub === sub);
