import { InitialSchema1764100000000 } from '../../../../migrations/1764100000000-initial-schema.js';
import { Auth1764200000000 } from '../../../../migrations/1764200000000-auth.js';
import { Imports1764300000000 } from '../../../../migrations/1764300000000-imports.js';
import { Fhir1764400000000 } from '../../../../migrations/1764400000000-fhir.js';
import { FhirSearch1764500000000 } from '../../../../migrations/1764500000000-fhir-search.js';
import { FinessActivities1764600000000 } from '../../../../migrations/1764600000000-finess-activities.js';
import { ImportPositions1764700000000 } from '../../../../migrations/1764700000000-import-positions.js';
import { FhirCapacitySearch1764800000000 } from '../../../../migrations/1764800000000-fhir-capacity-search.js';

/** Reviewed migrations, listed explicitly and in order (no glob: what runs is what is written here). */
export const migrations = [
  InitialSchema1764100000000,
  Auth1764200000000,
  Imports1764300000000,
  Fhir1764400000000,
  FhirSearch1764500000000,
  FinessActivities1764600000000,
  ImportPositions1764700000000,
  FhirCapacitySearch1764800000000,
];
